import type {
  ChildNode,
  CommentNode,
  DirectiveNode,
  DockerfileNode,
  EscapeChar,
  Flag,
  Heredoc,
  InstructionNode,
} from './nodes.js';

const EMPTY: readonly never[] = Object.freeze([]);

/** A frozen array: a frozen one is shared as it is, anything else is copied first. */
function frozen<T>(items: readonly T[] | undefined): readonly T[] {
  if (items === undefined || items.length === 0) return EMPTY;
  return Object.isFrozen(items) ? items : Object.freeze([...items]);
}

/**
 * A generated instruction (no position, no raws): it prints canonically.
 *
 * @example
 * ```ts
 * print(instruction('RUN', { flags: [flag('mount', 'type=cache,target=/root/.npm')], args: ['npm ci'] }))
 * // RUN --mount=type=cache,target=/root/.npm npm ci
 * ```
 */
export function instruction(
  keyword: string,
  init: {
    flags?: readonly Flag[];
    args?: readonly string[];
    json?: boolean;
    heredocs?: readonly Heredoc[];
    trigger?: InstructionNode | null;
  } = {},
): InstructionNode {
  return Object.freeze({
    type: 'instruction',
    keyword: keyword.toUpperCase(),
    flags: frozen(init.flags),
    args: frozen(init.args),
    json: init.json ?? false,
    heredocs: frozen(init.heredocs),
    trigger: init.trigger ?? null,
  });
}

/**
 * A flag; `value` omitted (or null) gives a bare `--name`.
 *
 * @example
 * ```ts
 * flag('from', 'build') // --from=build
 * ```
 */
export function flag(name: string, value: string | null = null): Flag {
  return Object.freeze({ name, value });
}

/**
 * A heredoc. `content` should end with a newline; the printer adds one when it does not.
 *
 * @example
 * ```ts
 * instruction('RUN', { args: ['<<EOF'], heredocs: [heredoc('EOF', 'echo hi\n')] })
 * // RUN <<EOF
 * // echo hi
 * // EOF
 * ```
 */
export function heredoc(
  name: string,
  content: string,
  options: { chomp?: boolean; quoted?: boolean; fd?: number | null } = {},
): Heredoc {
  return Object.freeze({
    name,
    content,
    chomp: options.chomp ?? false,
    quoted: options.quoted ?? false,
    fd: options.fd ?? null,
  });
}

/**
 * A comment line; multi-line text becomes one comment node per line when printed.
 *
 * @example
 * ```ts
 * print(comment('build stage')) // # build stage
 * ```
 */
export function comment(text: string): CommentNode {
  return Object.freeze({ type: 'comment', text });
}

/**
 * A parser directive.
 *
 * @example
 * ```ts
 * print(directive('syntax', 'docker/dockerfile:1.7')) // # syntax=docker/dockerfile:1.7
 * ```
 */
export function directive(name: string, value: string): DirectiveNode {
  return Object.freeze({ type: 'directive', name: name.toLowerCase(), value });
}

/**
 * A generated tree.
 *
 * @example
 * ```ts
 * print(dockerfile([instruction('FROM', { args: ['alpine:3.20'] })])) // FROM alpine:3.20\n
 * ```
 */
export function dockerfile(
  children: readonly ChildNode[],
  options: { escape?: EscapeChar; file?: string } = {},
): DockerfileNode {
  const escapeDirective = children.find(
    (c): c is DirectiveNode => c.type === 'directive' && c.name === 'escape',
  );
  const escape: EscapeChar = options.escape ?? (escapeDirective?.value === '`' ? '`' : '\\');
  return Object.freeze({
    type: 'dockerfile',
    children: Object.freeze([...children]),
    escape,
    diagnostics: EMPTY,
    ...(options.file === undefined ? {} : { file: options.file }),
  });
}
