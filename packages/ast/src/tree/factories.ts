import { EMPTY, frozen } from './frozen.js';
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

/** What {@link createInstruction} makes an instruction of (all optional). */
export interface InstructionInit {
  /** The `--name=value` flags, in order. */
  readonly flags?: readonly Flag[];
  /** The arguments, as the parser would keep them (see {@link InstructionNode}). */
  readonly args?: readonly string[];
  /** Exec (JSON array) form. */
  readonly json?: boolean;
  /** The heredocs whose bodies follow the instruction. */
  readonly heredocs?: readonly Heredoc[];
  /** ONBUILD's instruction. */
  readonly trigger?: InstructionNode | null;
}

/**
 * A generated instruction (no position, no raws): it prints canonically.
 *
 * @example
 * ```ts
 * print(createInstruction('RUN', { flags: [createFlag('mount', 'type=cache,target=/root/.npm')], args: ['npm ci'] }))
 * // RUN --mount=type=cache,target=/root/.npm npm ci
 * ```
 */
export function createInstruction(keyword: string, init: InstructionInit = {}): InstructionNode {
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
 * createFlag('from', 'build') // --from=build
 * ```
 */
export function createFlag(name: string, value: string | null = null): Flag {
  return Object.freeze({ name, value });
}

/**
 * A heredoc. `content` should end with a newline; the printer adds one when it does not.
 *
 * @example
 * ```ts
 * createInstruction('RUN', { args: ['<<EOF'], heredocs: [createHeredoc('EOF', 'echo hi\n')] })
 * // RUN <<EOF
 * // echo hi
 * // EOF
 * ```
 */
export function createHeredoc(
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
 * print(createComment('build stage')) // # build stage
 * ```
 */
export function createComment(text: string): CommentNode {
  return Object.freeze({ type: 'comment', text });
}

/**
 * A parser directive.
 *
 * @example
 * ```ts
 * print(createDirective('syntax', 'docker/dockerfile:1.7')) // # syntax=docker/dockerfile:1.7
 * ```
 */
export function createDirective(name: string, value: string): DirectiveNode {
  return Object.freeze({ type: 'directive', name: name.toLowerCase(), value });
}

/**
 * A generated tree.
 *
 * @example
 * ```ts
 * print(createDockerfile([createInstruction('FROM', { args: ['alpine:3.20'] })])) // FROM alpine:3.20\n
 * ```
 */
export function createDockerfile(
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
