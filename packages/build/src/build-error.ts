import type { BuildStep } from './types.js';

/** Where in the Dockerfile a build failed. */
export interface BuildErrorLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  /** The instruction's lines with two lines of context around them, numbered. */
  readonly frame: string;
}

export interface BuildErrorDetails {
  /** The engine's message (the client's last error line, else the step's error). */
  readonly engineMessage: string;
  readonly step: BuildStep | null;
  readonly location: BuildErrorLocation | null;
  /** The failed step's last lines of output. */
  readonly output: readonly string[];
  /** The client's exit code. */
  readonly exitCode: number | null;
  readonly cause?: unknown;
}

/**
 * A build the engine refused or a step that failed: the engine's message, the failing step,
 * and the Dockerfile line with a code frame of the instruction.
 *
 * The message reads `Dockerfile:3:1: RUN failed: <engine message>` followed by the frame.
 */
export class BuildError extends Error {
  override readonly name = 'BuildError';
  readonly engineMessage: string;
  readonly step: BuildStep | null;
  readonly location: BuildErrorLocation | null;
  readonly output: readonly string[];
  readonly exitCode: number | null;

  constructor(details: BuildErrorDetails) {
    const { location, step } = details;
    const where = location ? `${location.file}:${location.line}:${location.column}: ` : '';
    const what = step?.source ? `${step.source.keyword} failed: ` : '';
    const frame = location ? `\n${location.frame}` : '';
    super(`${where}${what}${details.engineMessage}${frame}`, { cause: details.cause });
    this.engineMessage = details.engineMessage;
    this.step = step;
    this.location = location;
    this.output = details.output;
    this.exitCode = details.exitCode;
  }
}

/** Options a build cannot honour (a typo in a build arg, a feature the client lacks). */
export class BuildOptionsError extends Error {
  override readonly name = 'BuildOptionsError';
}
