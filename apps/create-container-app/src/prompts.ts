// clack, as its own file in dist (dist/prompts.js): main imports it only to prompt on a
// terminal, so a non-interactive run never loads it (nor the node:tty and node:readline it needs).
export * from '@clack/prompts';
