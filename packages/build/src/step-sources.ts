import { type DockerfileNode, type InstructionNode, stages } from '@dockwright/ast';
import { logicalChars } from './logical-line.js';
import type { StepSource } from './types.js';

/** What the engine's step name says: `[linux/arm64 build 2/4] RUN npm ci`. */
export interface StepName {
  readonly platform: string | null;
  /** The stage label: its name, `stage-N` for an unnamed stage, '' when there is one stage. */
  readonly stage: string;
  /** 1-based position among the stage's steps, and their number. */
  readonly index: number;
  readonly total: number;
  /** The instruction text after the brackets (variables expanded by the engine). */
  readonly text: string;
  /** An ONBUILD trigger of the base image. */
  readonly onbuild: boolean;
}

/**
 * Reads BuildKit's step prefix (dockerfile2llb's `prefixCommand`): `[` platform? stage?
 * `i/n` `] ` (the index padded to the width of n), `ONBUILD ` for a base image's trigger.
 * Null for the engine's own steps (`[internal] load build context`, `exporting to image`).
 */
export function parseStepName(name: string): StepName | null {
  // Split by hand, not with one regular expression: a backtracking pattern over a long name
  // (a stage name is the user's) would take quadratic time.
  if (!name.startsWith('[')) return null;
  const close = name.indexOf('] ');
  if (close === -1) return null;
  const words = name
    .slice(1, close)
    .split(' ')
    .filter((w) => w !== '');
  const count = /^(\d+)\/(\d+)$/.exec(words.pop() ?? '');
  if (!count || words.length > 2) return null;
  let platform: string | null = null;
  let stage = '';
  for (const word of words) {
    // Stage names cannot hold a `/` (^[a-z][a-z0-9-_.]*$); platforms always do.
    if (word.includes('/')) platform = word;
    else stage = word;
  }
  let text = name.slice(close + 2);
  const onbuild = text.startsWith('ONBUILD ');
  if (onbuild) text = text.slice('ONBUILD '.length);
  return { platform, stage, index: Number(count[1]), total: Number(count[2]), text, onbuild };
}

/** The instructions that make steps, per stage, as dockerfile2llb counts them. */
interface StageSteps {
  readonly index: number;
  readonly name: string | null;
  /** The FROM when it pulls an image (not `scratch`, not an earlier stage), else null. */
  readonly from: InstructionNode | null;
  readonly commands: readonly InstructionNode[];
  /** How many ONBUILD triggers of the base image run before the commands, as far as known. */
  triggers: number;
}

/** Maps the engine's step names back to the Dockerfile's instructions. */
export type StepSourceMap = (name: StepName) => StepSource | null;

const STEP_KEYWORDS = new Set(['ADD', 'COPY', 'RUN', 'WORKDIR']);

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The step-name → instruction mapping of a Dockerfile. dockerfile2llb numbers a stage's steps
 * 1..n: its FROM when the base is an image, then the base image's ONBUILD triggers, then each
 * ADD, COPY, RUN and WORKDIR. Newer engines count the triggers in n and name them `ONBUILD …`;
 * Docker 20.10 counts and names them as plain steps (`[stage-0 12/10] RUN …`), so a step is
 * also matched by its text (the logical line, up to its first `$`: the engine shows variables
 * expanded), and a step that matches no command of the stage is one of its base's triggers.
 * A step that cannot be placed maps to null, never to a wrong line.
 */
export function stepSources(tree: DockerfileNode, text: string): StepSourceMap {
  const all = stages(tree).stages;
  const byStage: StageSteps[] = all.map((s) => {
    const base = s.baseImage;
    const pulls = s.baseStage === null && base !== null && base.toLowerCase() !== 'scratch';
    return {
      index: s.index,
      name: s.name,
      from: pulls ? s.from : null,
      commands: s.instructions.filter((i) => STEP_KEYWORDS.has(i.keyword)),
      triggers: 0,
    };
  });
  const find = (label: string): StageSteps | undefined => {
    if (label === '') return byStage.length === 1 ? byStage[0] : undefined;
    const named = byStage.find((s) => s.name === label);
    if (named) return named;
    const m = /^stage-(\d+)$/.exec(label);
    return m ? byStage[Number(m[1])] : undefined;
  };
  const lines = new Map<InstructionNode, string>();
  const lineOf = (node: InstructionNode) => {
    let line = lines.get(node);
    if (line === undefined) {
      const p = node.position!;
      line = squash(logicalChars(text, tree.escape, p.offset, p.endOffset).s);
      lines.set(node, line);
    }
    return line;
  };
  const matches = (node: InstructionNode, shown: string) => {
    if (!node.position) return false;
    const line = lineOf(node);
    const space = line.indexOf(' ');
    const written = `${line.slice(0, space === -1 ? line.length : space).toUpperCase()}${space === -1 ? '' : line.slice(space)}`;
    const dollar = written.indexOf('$');
    const known = dollar === -1 ? written : written.slice(0, dollar);
    return dollar === -1 && node.heredocs.length === 0 ? shown === known : shown.startsWith(known);
  };
  const source = (stage: StageSteps, node: InstructionNode | null): StepSource | null =>
    node?.position
      ? {
          line: node.position.line,
          column: node.position.column,
          endLine: node.position.endLine,
          keyword: node.keyword,
          stage: stage.index,
          stageName: stage.name,
        }
      : null;
  return (step) => {
    const stage = find(step.stage);
    if (!stage) return null;
    const fromSteps = stage.from ? 1 : 0;
    const i = step.index - 1;
    if (i < fromSteps) return firstWord(step.text) === 'FROM' ? source(stage, stage.from) : null;
    // A trigger of the base image: the FROM that brought it in is its source.
    if (step.onbuild) return source(stage, stage.from);
    const shown = squash(step.text);
    const counted = Math.max(0, step.total - fromSteps - stage.commands.length);
    for (let k = Math.max(stage.triggers, counted); k <= i - fromSteps; k++) {
      const node = stage.commands[i - fromSteps - k];
      if (node && matches(node, shown)) {
        stage.triggers = k;
        return source(stage, node);
      }
    }
    return null;
  };
}

function firstWord(text: string): string {
  const space = text.indexOf(' ');
  return (space === -1 ? text : text.slice(0, space)).toUpperCase();
}
