import {
  type ChildNode,
  type EscapeChar,
  envPairs,
  type InstructionNode,
  viewArg,
  viewFrom,
} from '@dockwright/ast';

/** What a builder knows about a Dockerfile's nodes: its stages and the variables in scope. */
export interface FileState {
  /** Every stage in order: its name, or null when it has none. */
  readonly stageList: readonly (string | null)[];
  readonly inStage: boolean;
  /** ARGs declared before the first FROM. */
  readonly globals: readonly string[];
  /** The last stage's ARGs and ENV keys. */
  readonly vars: readonly string[];
}

/**
 * The state a builder would have after building `children` itself: what `edit()` starts from
 * and `transform()` ends with, so a loaded file is checked like a built one.
 */
export function stateOf(children: readonly ChildNode[], esc: EscapeChar): FileState {
  const stageList: (string | null)[] = [];
  const globals = new Set<string>();
  let vars = new Set<string>();
  for (const child of children) {
    if (child.type !== 'instruction') continue;
    if (child.keyword === 'FROM') {
      stageList.push(viewFrom(child).stage);
      vars = new Set();
    } else if (child.keyword === 'ARG') {
      for (const a of viewArg(child, esc).args)
        (stageList.length === 0 ? globals : vars).add(a.name);
    } else if (child.keyword === 'ENV' && stageList.length > 0) {
      for (const pair of envPairs(child as InstructionNode, esc)) vars.add(pair.key);
    }
  }
  return {
    stageList,
    inStage: stageList.length > 0,
    globals: [...globals],
    vars: [...vars],
  };
}
