import { relative } from 'node:path';
import { style } from './style.js';
import type { ProjectFile } from './write/staged-project.js';

/**
 * The target as the user should type it in the next commands: relative to the current
 * directory when inside it, absolute otherwise; `./-` for a directory named `-` (`cd -` would
 * go back to the previous directory) and for any name starting with `-`.
 *
 * @example
 * ```ts
 * displayDir('/home/me/api') // 'api' when run in /home/me
 * displayDir('/home/me/-')   // './-'
 * ```
 */
export function displayDir(target: string): string {
  const rel = relative(process.cwd(), target);
  if (rel === '') return '.';
  if (rel.startsWith('..')) return target;
  return rel.startsWith('-') ? `./${rel}` : rel;
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[\w./@:=+-]+$/.test(word) && !word.startsWith('-')
    ? word
    : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `--dry-run`: the plan's lines, then every file in full. */
export function printPlan(lines: readonly string[], files: readonly ProjectFile[]): void {
  const out = [`Dry run: nothing is written.`, ...lines, `Files:`];
  for (const file of files)
    out.push(`  ${file.path.padEnd(18)} ${Buffer.byteLength(file.content)} bytes`);
  process.stdout.write(`${out.join('\n')}\n`);
  for (const file of files) {
    process.stdout.write(`\n${style('dim', `──── ${file.path} ────`)}\n${file.content}`);
  }
}

/** The closing "Done. Now run:" text with the commands, highlighted. */
export function nextSteps(
  steps: readonly string[],
  alternative: readonly string[],
  port: number,
  watch: { readonly command: string; readonly version: string; readonly rebuilds: boolean },
): string {
  const list = (lines: readonly string[]) => lines.map((l) => `  ${style('cyan', l)}`).join('\n');
  const what = watch.rebuilds
    ? 'To rebuild and restart the container on every edit'
    : 'To sync your edits into the running container';
  return (
    `Done. Now run:\n\n${list(steps)}\n\nor, without Compose:\n\n${list(alternative)}\n\n` +
    `then open http://localhost:${port}\n\n` +
    `${what} (Compose Watch, Docker Compose ${watch.version} or newer):\n\n${list([watch.command])}`
  );
}
