/** Types of ./wheelhouse.mjs (plain JavaScript, shared with bench/images.bench.mjs). */
export interface Wheel {
  readonly file: string;
  /** PEP 503 name: `markupsafe`. */
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  readonly size: number;
}
export const WHEELHOUSE_REQUIREMENTS: string;
export function wheelhouse(image?: string): Promise<Wheel[]>;
export function uvLock(
  project: { name: string; version: string; dependencies: readonly string[] },
  wheels: readonly Wheel[],
): string;
export function poetryLock(
  main: readonly string[],
  wheels: readonly Wheel[],
  contentHash: string,
): string;
export function poetryContentHash(dir: string, image?: string): Promise<string>;
export function fitUvProject(dir: string, wheels: readonly Wheel[]): void;
export function fitPoetryProject(dir: string, wheels: readonly Wheel[]): Promise<void>;
