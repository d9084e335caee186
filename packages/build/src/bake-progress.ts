import type { ResolvedDockerfile } from './dockerfile-input.js';
import { PlainProgress } from './plain-progress.js';
import { stepSources } from './step-sources.js';
import type { BuildEvent } from './types.js';

/** `#N rest`. */
const LINE = /^#(\d+) (.*)$/s;
/** A step name of bake's: `[api base 2/3] RUN …`, `[web internal] load …`, `[api] exporting …`. */
const TARGET_NAME = /^\[([A-Za-z0-9_-]+)(?: ([^\]]*))?\] (.*)$/s;

/** One target's share of a bake run's output. */
export interface BakeTargetProgress {
  readonly progress: PlainProgress;
  readonly dockerfile: ResolvedDockerfile | null;
}

/**
 * Reads the `--progress=plain` output of `docker buildx bake`, which interleaves the steps of
 * every target and names each with its target first (`[api base 2/3] RUN …`): each step goes to
 * its target's {@link PlainProgress}, named as a build of that target alone would name it
 * (`[base 2/3] RUN …`), so steps map to the lines of that target's Dockerfile. A step bake
 * shares between targets (the same `FROM`) is shown once per target and counted in each.
 * Lines outside any step (the error summary) reach every target's trailer.
 */
export class BakeProgress {
  readonly #targets = new Map<string, BakeTargetProgress>();
  /** The target each step number was last shown for. */
  readonly #owner = new Map<number, string>();
  #partial = '';
  #afterBlank = true;
  /** The target whose step failed first. */
  #failed: string | null = null;

  constructor(
    dockerfiles: ReadonlyMap<string, ResolvedDockerfile | null>,
    emit: (target: string, event: BuildEvent) => void,
  ) {
    for (const [name, dockerfile] of dockerfiles) {
      const sources = dockerfile ? stepSources(dockerfile.tree, dockerfile.text) : () => null;
      const progress = new PlainProgress(sources, (e) => emit(name, e));
      this.#targets.set(name, { progress, dockerfile });
    }
  }

  push(chunk: string): void {
    const text = this.#partial + chunk;
    const lines = text.split('\n');
    this.#partial = lines.pop()!;
    for (const line of lines) this.#line(line.endsWith('\r') ? line.slice(0, -1) : line);
  }

  end(): void {
    if (this.#partial !== '') this.#line(this.#partial);
    this.#partial = '';
    for (const t of this.#targets.values()) t.progress.end();
  }

  target(name: string): BakeTargetProgress | undefined {
    return this.#targets.get(name);
  }

  /** The target whose step failed first, or null. */
  get failedTarget(): string | null {
    return this.#failed;
  }

  #line(line: string): void {
    const header = this.#afterBlank;
    this.#afterBlank = line === '';
    if (line === '') return;
    const m = LINE.exec(line);
    if (!m) {
      for (const t of this.#targets.values()) t.progress.push(`${line}\n`);
      return;
    }
    const id = Number(m[1]);
    const rest = m[2]!;
    const named = header ? TARGET_NAME.exec(rest) : null;
    if (named && this.#targets.has(named[1]!)) {
      this.#owner.set(id, named[1]!);
      const name = named[2] ? `[${named[2]}] ${named[3]}` : named[3];
      this.#targets.get(named[1]!)!.progress.push(`\n#${id} ${name}\n`);
      return;
    }
    const owner = this.#owner.get(id);
    if (owner === undefined) return; // `#0 building with …`, `#1 [internal] load local bake definitions`
    if (this.#failed === null && rest.startsWith('ERROR: ')) this.#failed = owner;
    this.#targets.get(owner)!.progress.push(`${line}\n`);
  }
}
