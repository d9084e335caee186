import type { CliArgs } from './parse-cli-args.js';
import type { Reporter } from './reporter.js';
import type { StagedProject } from './write/staged-project.js';

/** clack, loaded only for an interactive run (it pulls in node:tty and node:readline). */
export type Prompts = typeof import('./prompts.js');

/** What one run carries from step to step. */
export interface Session {
  readonly args: CliArgs;
  /** Present only when prompting is allowed: a TTY on stdin and no `--no-interactive`. */
  readonly prompts: Prompts | undefined;
  readonly reporter: Reporter;
  /** Set while a staging directory exists, so a signal can remove it. */
  readonly active: { staged: StagedProject | undefined };
}
