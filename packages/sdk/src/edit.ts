import { type DockerfileNode, parse } from '@dockwright/ast';
import { builderOf, varList } from './builder.js';
import type { DockerfileOptions } from './dockerfile.js';
import { initialProps } from './dockerfile.js';
import { DockerfileBuildError } from './dockerfile-build-error.js';
import type { Edited, EditedUnknown } from './edit-types.js';
import { stateOf } from './file-state.js';
import { type Frontend, syntaxCap } from './frontend.js';
import { describe } from './literal.js';
import { fromArray } from './node-list.js';
import { readOptionalString, readOptions } from './read-input.js';

/**
 * Loads an existing Dockerfile (text or parsed tree) to change it through the builder:
 * appended instructions go to the end, `transform` replaces or removes nodes, and every
 * untouched line prints byte for byte. The builder knows the file's stages and variables as
 * if it had built them (for a string literal, so does the type checker).
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
export function edit<const T extends string>(source: T, options?: DockerfileOptions): Edited<T>;
export function edit(source: DockerfileNode, options?: DockerfileOptions): EditedUnknown;
export function edit(source: string | DockerfileNode, options?: DockerfileOptions): unknown {
  const opts = readOptions('edit', options);
  if (
    typeof source !== 'string' &&
    (typeof source !== 'object' || source === null || source.type !== 'dockerfile')
  ) {
    throw new DockerfileBuildError(
      'edit',
      `the source must be the Dockerfile's text or a parsed tree, got ${describe(source)}`,
    );
  }
  const frontend = readOptionalString('edit', 'options.frontend', opts.frontend) as
    | DockerfileOptions['frontend']
    | undefined;
  const tree = typeof source === 'string' ? parse(source) : source;
  const error = tree.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    throw new DockerfileBuildError(
      'edit',
      `the Dockerfile does not parse: ${error.position.line}:${error.position.column}: ${error.message}`,
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
    ...initialProps(frontend ?? null, tree.escape),
    syntaxCap: cap,
    list: fromArray(tree.children),
    stageList: state.stageList,
    inStage: state.inStage,
    globals: state.globals,
    vars: varList(state.vars),
    base: tree,
    eol: tree.raws?.eol ?? '\n',
  };
  return builderOf(props);
}
