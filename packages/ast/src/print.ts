import type {
  ChildNode,
  CommentNode,
  DirectiveNode,
  DockerfileNode,
  EscapeChar,
  Flag,
  Heredoc,
  InstructionNode,
  InstructionSnapshot,
  Node,
} from './nodes.js';
import { isGoSpace } from './words.js';

/**
 * Prints a tree or a node. An unedited parsed tree comes back byte for byte; an edited or
 * generated node prints in the canonical style (upper-case keyword, `--flag=value`, JSON
 * arrays as `["a", "b"]`, `k=v` pairs), keeping the line terminator of its file. A node that
 * ended its file without a line terminator gets one when other nodes now follow it.
 *
 * @example
 * ```ts
 * print(parse('from  alpine\r\n')) // 'from  alpine\r\n'
 * print(instruction('CMD', { args: ['node', 'server.js'], json: true })) // 'CMD ["node", "server.js"]\n'
 * ```
 */
export function print(node: Node): string {
  if (node.type === 'dockerfile') return printDockerfile(node);
  return printNode(node, '\n', '\\');
}

function printDockerfile(tree: DockerfileNode): string {
  const raws = tree.raws;
  const eol = raws?.eol ?? '\n';
  let out = raws?.bom ?? '';
  const children = tree.children;
  const last = children.length - 1;
  for (let i = 0; i <= last; i++) {
    const child = children[i]!;
    out += child.raws ? child.raws.before : canonicalBefore(children, i, eol);
    const text = printNode(child, eol, tree.escape);
    out += text;
    // A node that ended the file without a line terminator gets one when others follow it.
    if (i < last && text.charCodeAt(text.length - 1) !== 0x0a) out += eol;
  }
  // Appending builds a rope that V8 flattens once, when the text is first read: measured, that
  // is cheaper than collecting the pieces and joining them.
  return out + (raws?.after ?? '');
}

/** A node from its fields: raws where they still hold, else the canonical style. */
function printNode(node: ChildNode, eol: string, escape: EscapeChar): string {
  switch (node.type) {
    case 'directive':
      return printDirective(node, eol);
    case 'comment':
      return printComment(node, eol);
    case 'instruction':
      return printInstruction(node, eol, escape);
  }
}

function printDirective(node: DirectiveNode, eol: string): string {
  const value = `${node.name}=${node.value}`;
  if (node.raws && node.raws.value === value) return node.raws.source;
  return `# ${value}${eol}`;
}

function printComment(node: CommentNode, eol: string): string {
  if (node.raws && node.raws.value === node.text) return node.raws.source;
  // A comment is one line in a Dockerfile: each line of a multi-line text becomes its own.
  let out = '';
  for (const line of node.text.split(/\r?\n/)) out += (line === '' ? '#' : `# ${line}`) + eol;
  return out;
}

/**
 * A generated node between others: a blank line after the directives, and one before each
 * stage (its FROM, or the comments that lead into it) after the first instruction.
 */
function canonicalBefore(children: readonly ChildNode[], index: number, eol: string): string {
  if (index === 0) return '';
  const node = children[index]!;
  const previous = children[index - 1]!;
  if (previous.type === 'directive') return node.type === 'directive' ? '' : eol;
  if (previous.type === 'comment') return '';
  let next: ChildNode | undefined = node;
  for (let i = index; next && next.type === 'comment'; ) next = children[++i];
  const startsStage = next?.type === 'instruction' && next.keyword === 'FROM';
  return startsStage ? eol : '';
}

function printInstruction(node: InstructionNode, eol: string, escape: EscapeChar): string {
  const raws = node.raws;
  if (raws && sameSnapshot(node, raws.value)) {
    // A changed keyword (ADD to COPY) keeps the rest of the text when the keyword stands alone.
    if (node.keyword === raws.value.keyword) return raws.indent + raws.keyword + raws.rest;
    if (raws.keyword !== '') return raws.indent + node.keyword + raws.rest;
  }
  let out = canonicalFirstLine(node, eol, escape) + eol;
  const heredocs = node.heredocs.length > 0 ? node.heredocs : node.trigger?.heredocs;
  if (heredocs === undefined || heredocs.length === 0) return out;
  for (const doc of heredocs) {
    out += doc.content;
    if (doc.content !== '' && !doc.content.endsWith('\n')) out += eol;
    out += `${doc.name}${eol}`;
  }
  return out;
}

/** The first line of an instruction in the canonical style, without its terminator. */
export function canonicalLine(node: InstructionNode): string {
  let line = node.keyword;
  const flags = node.flags;
  for (let i = 0; i < flags.length; i++) line += ` ${formatFlag(flags[i]!)}`;
  const args = canonicalArgs(node);
  return args === '' ? line : `${line} ${args}`;
}

/** What follows the keyword and flags in the canonical style. */
function canonicalArgs(node: InstructionNode): string {
  if (node.trigger) return canonicalLine(node.trigger);
  const args = node.args;
  if (args.length === 0) return node.json ? '[]' : '';
  if ((node.keyword === 'ENV' || node.keyword === 'LABEL') && args.length % 3 === 0) {
    let pairs = '';
    for (let i = 0; i < args.length; i += 3) {
      if (i > 0) pairs += ' ';
      pairs += args[i]! + (args[i + 2] === '' ? ' ' : '=') + args[i + 1]!;
    }
    return pairs;
  }
  if (node.keyword === 'HEALTHCHECK') {
    const [type, ...command] = args;
    if (node.json) return `${type} ${formatJsonArray(command)}`;
    return command.length > 0 ? `${type} ${command.join(' ')}` : `${type}`;
  }
  if (node.json) return formatJsonArray(args);
  return args.join(' ');
}

/** Canonical lines longer than this put each flag on a continuation line of its own. */
const MAX_LINE = 100;

/**
 * A long instruction with flags (`RUN --mount=… --mount=… cmd`) is written one flag per
 * continuation line. That cannot change its meaning: BuildKit trims the text between flags
 * and after the last one. The arguments stay on one line unless they would start with `#`,
 * which BuildKit would take for a comment line inside the continuation.
 */
function canonicalFirstLine(node: InstructionNode, eol: string, escape: EscapeChar): string {
  const line = canonicalLine(node);
  if (node.flags.length === 0 || line.length <= MAX_LINE) return line;
  const args = canonicalArgs(node);
  if (args.startsWith('#')) return line;
  const parts = [`${node.keyword} ${formatFlag(node.flags[0]!)}`];
  for (let i = 1; i < node.flags.length; i++) parts.push(formatFlag(node.flags[i]!));
  if (args !== '') parts.push(args);
  return parts.join(` ${escape}${eol}    `);
}

/**
 * `--name` or `--name=value`, the value double-quoted when BuildKit's flag splitter would
 * otherwise cut or unquote it (it treats whitespace, both quotes and `\` specially).
 */
export function formatFlag(f: Flag): string {
  if (f.value === null) return `--${f.name}`;
  const value = needsFlagQuotes(f.value) ? `"${f.value.replace(/["\\]/g, '\\$&')}"` : f.value;
  return `--${f.name}=${value}`;
}

/** Whitespace as BuildKit's flag splitter sees it (Go's `unicode.IsSpace`), quotes or `\`. */
function needsFlagQuotes(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x27 || c === 0x5c || isGoSpace(c)) return true;
  }
  return false;
}

/** A JSON array of strings the way the canonical style writes exec form: `["a", "b"]`. */
export function formatJsonArray(values: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) out += (i > 0 ? ', ' : '') + JSON.stringify(values[i]);
  return `${out}]`;
}

function sameSnapshot(node: InstructionNode, snap: InstructionSnapshot): boolean {
  return (
    node.json === snap.json &&
    sameStrings(node.args, snap.args) &&
    sameFlags(node.flags, snap.flags) &&
    sameHeredocs(node.heredocs, snap.heredocs) &&
    sameTrigger(node.trigger, snap.trigger)
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameFlags(a: readonly Flag[], b: readonly Flag[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.name !== b[i]!.name || a[i]!.value !== b[i]!.value) return false;
  }
  return true;
}

function sameHeredocs(a: readonly Heredoc[], b: readonly Heredoc[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.name !== y.name ||
      x.content !== y.content ||
      x.chomp !== y.chomp ||
      x.quoted !== y.quoted ||
      x.fd !== y.fd
    ) {
      return false;
    }
  }
  return true;
}

function sameTrigger(a: InstructionNode | null, b: InstructionNode | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return a.keyword === b.keyword && sameSnapshot(a, b);
}
