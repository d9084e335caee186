import { type DockerfileNode, parse } from '@dockwright/ast';
import { builderOf, varList } from './builder.js';
import { type DockerfileOptions, type DockerfileStage, initialProps } from './dockerfile.js';
import { DockerfileBuildError } from './dockerfile-build-error.js';
import { stateOf } from './file-state.js';
import { type Frontend, syntaxCap } from './frontend.js';
import { fromArray } from './node-list.js';

/**
 * Loads an existing Dockerfile (text or parsed tree) to change it through the builder:
 * appended instructions go to the end, `transform` replaces or removes nodes, and every
 * untouched line prints byte for byte.
 *
 * @example
 * ```ts
 * edit('FROM node:22\n# keep me\nRUN  npm ci\n').user('node').toString()
 * // FROM node:22
 * // # keep me
 * // RUN  npm ci
 * // USER node
 * ```
 */
export function edit(
  source: string | DockerfileNode,
  options: DockerfileOptions = {},
  // biome-ignore lint/suspicious/noExplicitAny: the stages and variables of a loaded file are not known to the type system
): DockerfileStage<string, any, string, string> {
  const tree = typeof source === 'string' ? parse(source) : source;
  const error = tree.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    throw new DockerfileBuildError(
      'edit',
      `the Dockerfile does not parse: ${error.position.start.line}:${error.position.start.column}: ${error.message}`,
    );
  }
  const state = stateOf(tree.children, tree.escape);
  // A versioned `# syntax=` the file already has caps what can be appended, as syntax() does.
  let cap: { value: string; cap: Frontend } | null = null;
  for (const child of tree.children) {
    if (child.type !== 'directive' || child.name !== 'syntax') continue;
    const frontend = syntaxCap(child.value);
    if (frontend !== null) cap = { value: child.value, cap: frontend };
  }
  const props = {
    ...initialProps(options.frontend ?? null, tree.escape),
    syntaxCap: cap,
    list: fromArray(tree.children),
    stageList: state.stageList,
    inStage: state.inStage,
    globals: state.globals,
    vars: varList(state.vars),
    base: tree,
    eol: tree.raws?.eol ?? '\n',
  };
  // biome-ignore lint/suspicious/noExplicitAny: see the return type
  return builderOf(props) as unknown as DockerfileStage<string, any, string, string>;
}
