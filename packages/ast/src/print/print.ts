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
} from '../tree/nodes.js';
import { canonicalFirstLine } from './canonical.js';

/**
 * Prints a tree or a node. An unedited parsed tree comes back byte for byte; an edited or
 * generated node prints in the canonical style (upper-case keyword, `--flag=value`, JSON
 * arrays as `["a", "b"]`, `k=v` pairs), keeping the line terminator of its file. A node that
 * ended its file without a line terminator gets one when other nodes now follow it.
 *
 * @example
 * ```ts
 * print(parse('from  alpine\r\n')) // 'from  alpine\r\n'
 * print(createInstruction('CMD', { args: ['node', 'server.js'], json: true })) // 'CMD ["node", "server.js"]\n'
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
