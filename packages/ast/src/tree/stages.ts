import { parseCsv } from '../instructions/parse-csv.js';
import { goQuote } from '../syntax/go-quote.js';
import type { DockerfileNode, InstructionNode } from './nodes.js';

/** Why one stage needs another stage or an image. */
export interface StageDependency {
  readonly kind: 'from' | 'copy' | 'mount';
  /** The FROM, `COPY --from` or `RUN --mount=from=` instruction. */
  readonly node: InstructionNode;
  /** The reference as written: `build`, `0`, `alpine:3.20`. */
  readonly ref: string;
  /** The stage index it resolves to, or null. */
  readonly stage: number | null;
  /** Set when the reference names no stage: an image (BuildKit pulls it). */
  readonly image: string | null;
}

/** One build stage: its FROM, its instructions, and what it depends on. */
export interface BuildStage {
  /** The stage's index among the file's stages (what `COPY --from=0` names). */
  readonly index: number;
  /** The `AS` name lower-cased, or null. */
  readonly name: string | null;
  /** The FROM instruction that starts it. */
  readonly from: InstructionNode;
  /** The FROM image as written (`node:22`, `build`, `${BASE}`). */
  readonly base: string;
  /** The earlier stage the FROM names, or null when the base is an image. */
  readonly baseStage: number | null;
  /** The base image when `baseStage` is null. */
  readonly baseImage: string | null;
  /** FROM's `--platform` value as written, or null. */
  readonly platform: string | null;
  /** The instructions after the FROM, up to the next FROM. */
  readonly instructions: readonly InstructionNode[];
  /** Every FROM, `COPY --from` and `RUN --mount=from=` reference, in order. */
  readonly dependencies: readonly StageDependency[];
  /** The stage indexes this stage depends on, sorted, without duplicates. */
  readonly dependsOn: readonly number[];
}

/** A reference BuildKit refuses when it builds: to the stage itself or to a later stage. */
export interface StageProblem {
  readonly node: InstructionNode;
  /** BuildKit's message. */
  readonly message: string;
}

export interface Stages {
  readonly stages: readonly BuildStage[];
  /** `COPY --from` and `--mount from=` references to the same or a later stage. */
  readonly problems: readonly StageProblem[];
  /** ARG instructions before the first FROM (BuildKit's meta args; they reach FROM lines only). */
  readonly globalArgs: readonly InstructionNode[];
}

/**
 * The build stages of a Dockerfile and how they depend on each other, resolved as BuildKit
 * resolves them: names case-insensitively, `FROM <name>` against earlier stages only, and
 * `COPY --from` / `RUN --mount=from=` by name or numeric index; a reference that names no stage
 * is an image. Variables are not expanded (`FROM ${BASE}` stays an image reference). ONBUILD
 * triggers run in a later build, so their references are not dependencies here.
 *
 * @example
 * ```ts
 * const { stages: s } = stages(parse('FROM node:22 AS build\nRUN npm ci\nFROM nginx\nCOPY --from=build /app /usr/share/nginx/html\n'))
 * s[1].dependsOn // [0]
 * s[0].baseImage // 'node:22'
 * ```
 */
export function stages(tree: DockerfileNode): Stages {
  const globalArgs: InstructionNode[] = [];
  const drafts: Draft[] = [];
  // By index: `for…of` over a frozen array (the tree's) allocates per element on Node 20.
  const children = tree.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type !== 'instruction') continue;
    if (child.keyword === 'FROM') {
      const args = child.args;
      const named = args.length === 3 && args[1]!.toLowerCase() === 'as';
      drafts.push({ from: child, name: named ? args[2]!.toLowerCase() : null, instructions: [] });
    } else if (drafts.length === 0) {
      if (child.keyword === 'ARG') globalArgs.push(child);
    } else {
      drafts[drafts.length - 1]!.instructions.push(child);
    }
  }

  // Each name to the first stage that takes it.
  const byName = new Map<string, number>();
  for (let i = 0; i < drafts.length; i++) {
    const name = drafts[i]!.name;
    if (name !== null && !byName.has(name)) byName.set(name, i);
  }

  const problems: StageProblem[] = [];
  const result: BuildStage[] = [];
  for (let index = 0; index < drafts.length; index++) {
    const d = drafts[index]!;
    const base = d.from.args[0] ?? '';
    // FROM can only name a stage defined above it (most files name no stage).
    const named = byName.size === 0 ? undefined : byName.get(base.toLowerCase());
    const baseStage = named !== undefined && named < index ? named : null;
    const deps: StageDependency[] = [
      {
        kind: 'from',
        node: d.from,
        ref: base,
        stage: baseStage,
        image: baseStage === null ? base : null,
      },
    ];
    for (const node of d.instructions) {
      if (node.keyword === 'COPY') {
        const from = lastValue(node, 'from');
        if (from !== null && from !== '')
          deps.push(reference('copy', node, from, byName, index, drafts.length));
      } else if (node.keyword === 'RUN') {
        for (let i = 0; i < node.flags.length; i++) {
          const flag = node.flags[i]!;
          if (flag.name !== 'mount' || flag.value === null) continue;
          const from = mountFrom(flag.value);
          if (from !== null && from !== '')
            deps.push(reference('mount', node, from, byName, index, drafts.length));
        }
      }
    }
    const dependsOn: number[] = [];
    for (const dep of deps) {
      if (dep.stage !== null && !dependsOn.includes(dep.stage)) dependsOn.push(dep.stage);
      if (dep.kind === 'from' || dep.stage === null || dep.stage < index) continue;
      // BuildKit's dispatcher refuses these (dockerfile2llb): a stage cannot read itself or a
      // stage defined below it.
      const current = d.name ?? `stage-${index}`;
      problems.push({
        node: dep.node,
        message:
          dep.stage === index
            ? `circular dependency detected on stage: ${current}`
            : `cannot copy from stage ${goQuote(dep.ref)}, it needs to be defined before current stage ${goQuote(current)}`,
      });
    }
    if (dependsOn.length > 1) dependsOn.sort((a, b) => a - b);
    result.push(
      Object.freeze({
        index,
        name: d.name,
        from: d.from,
        base,
        baseStage,
        baseImage: baseStage === null ? base : null,
        platform: lastValue(d.from, 'platform'),
        instructions: Object.freeze(d.instructions),
        dependencies: Object.freeze(deps),
        dependsOn: Object.freeze(dependsOn),
      }),
    );
  }
  return Object.freeze({
    stages: Object.freeze(result),
    problems: Object.freeze(problems),
    globalArgs: Object.freeze(globalArgs),
  });
}

/** A stage as the first pass finds it: its FROM, `AS` name and instructions. */
interface Draft {
  readonly from: InstructionNode;
  readonly name: string | null;
  readonly instructions: InstructionNode[];
}

/**
 * A `COPY --from` or `RUN --mount=from=` reference of stage `before`: an earlier stage's name,
 * a stage index, or else a later stage's name (refused when built) or an image.
 */
function reference(
  kind: 'copy' | 'mount',
  node: InstructionNode,
  ref: string,
  byName: ReadonlyMap<string, number>,
  before: number,
  count: number,
): StageDependency {
  const named = byName.get(ref.toLowerCase());
  let stage: number | null;
  if (named !== undefined && named < before) stage = named;
  else if (DIGITS.test(ref)) stage = Number(ref) < count ? Number(ref) : null;
  else stage = named ?? null;
  return dependency(kind, node, ref, stage, count);
}

const DIGITS = /^\d+$/;

function dependency(
  kind: 'copy' | 'mount',
  node: InstructionNode,
  ref: string,
  stage: number | null,
  count: number,
): StageDependency {
  // A number that is no stage index is an error in BuildKit, not an image.
  const invalidIndex = stage === null && DIGITS.test(ref) && Number(ref) >= count;
  return { kind, node, ref, stage, image: stage === null && !invalidIndex ? ref : null };
}

function lastValue(node: InstructionNode, name: string): string | null {
  for (let i = node.flags.length - 1; i >= 0; i--) {
    const f = node.flags[i]!;
    if (f.name === name) return f.value ?? '';
  }
  return null;
}

function mountFrom(value: string): string | null {
  const csv = parseCsv(value);
  if ('error' in csv) return null;
  let from: string | null = null;
  for (const field of csv.fields) {
    const eq = field.indexOf('=');
    if (eq > 0 && field.slice(0, eq).toLowerCase() === 'from') from = field.slice(eq + 1);
  }
  return from;
}
