import {
  type ChildNode,
  canonicalLine,
  type DockerfileNode,
  dump,
  dumpInstruction,
  type EscapeChar,
  type Heredoc,
  type InstructionNode,
  instructionLayout,
  parse,
  print,
  sourceText,
} from '@dockwright/ast';
import { isolatedError } from './isolated-error.js';

export interface FormatOptions {
  readonly file?: string;
}

/**
 * Formats a Dockerfile in one canonical style: upper-case keywords, one space after the
 * keyword, `--flag=value`, exec form as `["a", "b"]`, no trailing whitespace, continuation
 * lines indented 4 spaces, at most one blank line, a final newline. It never changes meaning:
 * each rewritten instruction is re-parsed and kept only when BuildKit's dump, the exec-form
 * flag and the heredocs are unchanged (else its bytes stay as they were), and the whole
 * result is checked the same way. So whitespace that BuildKit keeps inside shell-form
 * commands (continuation indentation in RUN) and the case of `AS` (kept in the dump) stay.
 * Heredoc bodies are never touched. A file with parse errors comes back unchanged.
 *
 * `input` is the file's text or its tree as {@link parse} returned it (a caller that parsed
 * the file already, to report its errors, need not parse it again); a tree comes back as
 * {@link print} prints it when it cannot be formatted. An edited tree's generated nodes are
 * printed in the canonical style and checked like the rest.
 *
 * @example
 * ```ts
 * format('from  alpine\nrun   echo hi   \n\n\n\ncmd ["a","b"]') // 'FROM alpine\nRUN echo hi\n\nCMD ["a", "b"]\n'
 * format(parse('from alpine\n')) // 'FROM alpine\n'
 * ```
 */
export function format(input: string | DockerfileNode, options: FormatOptions = {}): string {
  const tree = typeof input === 'string' ? parse(input, { file: options.file }) : input;
  const text = typeof input === 'string' ? input : print(input);
  if (tree.diagnostics.some((d) => d.severity === 'error')) return text;
  const eol = tree.raws?.eol ?? '\n';
  let out = tree.raws?.bom ?? '';
  let seenInstruction = false;
  tree.children.forEach((child, i) => {
    const before = child.raws?.before ?? '';
    const blank = /\n/.test(before) || before !== '';
    if (i > 0 && blank) out += eol;
    else if (
      i === 0 &&
      blank &&
      child.type === 'comment' &&
      looksLikeDirective(child.raws?.source ?? '')
    ) {
      // A blank line keeps a directive-shaped comment from becoming a directive.
      out += eol;
    }
    out += formatChild(child, tree.escape, eol, seenInstruction);
    if (child.type === 'instruction') seenInstruction = true;
  });
  if (out !== '' && !out.endsWith('\n')) out += eol;
  // Text that comes out as it went in needs no check (and either way `text` is the answer).
  if (out === text) return text;
  return sameMeaning(tree, parse(out)) ? out : text;
}

function looksLikeDirective(line: string): boolean {
  return /^\s*#\s*[a-zA-Z][a-zA-Z0-9]*\s*=/.test(line);
}

function formatChild(
  child: ChildNode,
  escape: EscapeChar,
  eol: string,
  afterInstruction: boolean,
): string {
  // A generated node (an edited tree's) in the canonical style; the whole result is checked.
  if (!child.raws) return print(child).replace(/\n$/, eol);
  const source = sourceText(child) ?? '';
  if (child.type === 'directive') return source;
  if (child.type === 'comment') {
    if (!afterInstruction && looksLikeDirective(source)) return source;
    const term = source.endsWith('\r\n') ? '\r\n' : source.endsWith('\n') ? '\n' : eol;
    return source.trim() + term;
  }
  for (const candidate of candidates(child, escape, eol)) {
    if (candidate === source) return source;
    if (sameInstruction(child, candidate, escape)) return candidate;
  }
  return source;
}

/** Rewrites of an instruction, most canonical first. */
function candidates(node: InstructionNode, escape: EscapeChar, eol: string): string[] {
  const raws = node.raws!;
  const layout = instructionLayout(node, escape);
  // A keyword split by a continuation has no text of its own: keep the instruction as it is.
  if (layout === null) return [];
  const logical = layout.text.slice(layout.keywordEnd, layout.bodiesStart);
  const after = layout.text.slice(layout.bodiesStart);
  const lines = logical.match(/[^\n]*\n|[^\n]+$/g) ?? [''];
  const terminator = (line: string): string =>
    line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : eol;
  const keyword = raws.keyword.toUpperCase();
  const out: string[] = [];
  // Whitespace after a continuation escape, or at the end of the last line, goes.
  const strip = (body: string): string => body.replace(/[ \t]+$/, '');
  if (lines.length === 1) {
    // The canonical line reads the node's values, never its raws.
    out.push(canonicalLine(node) + terminator(lines[0]!) + after);
  }
  const first = lines[0]!;
  const firstBody = strip(first.replace(/\r?\n$/, '')).replace(/^[ \t]+/, '');
  const head = `${keyword}${firstBody === '' ? '' : ' '}${firstBody}${terminator(first)}`;
  const rest = lines.slice(1).map((line) => {
    const body = line.replace(/\r?\n$/, '');
    const trimmed = strip(body).replace(/^[ \t]+/, '');
    return (trimmed === '' ? '' : `    ${trimmed}`) + terminator(line);
  });
  out.push(head + rest.join('') + after);
  const keep = lines.slice(1).map((line) => strip(line.replace(/\r?\n$/, '')) + terminator(line));
  out.push(head + keep.join('') + after);
  out.push(keyword + raws.rest);
  return out;
}

function sameHeredocs(a: readonly Heredoc[], b: readonly Heredoc[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.name === y.name &&
        x.content === y.content &&
        x.chomp === y.chomp &&
        x.quoted === y.quoted &&
        x.fd === y.fd
      );
    })
  );
}

function sameNode(a: InstructionNode, b: InstructionNode): boolean {
  if (dumpInstruction(a) !== dumpInstruction(b) || a.json !== b.json) return false;
  if (!sameHeredocs(a.heredocs, b.heredocs)) return false;
  if (a.trigger || b.trigger) {
    if (!a.trigger || !b.trigger) return false;
    return (
      a.trigger.json === b.trigger.json && sameHeredocs(a.trigger.heredocs, b.trigger.heredocs)
    );
  }
  return true;
}

function sameInstruction(node: InstructionNode, text: string, escape: EscapeChar): boolean {
  const prefix = escape === '`' ? '# escape=`\n\n' : '';
  const tree = parse(prefix + text);
  const list = tree.children.filter((c) => c.type === 'instruction');
  if (list.length !== 1 || tree.children.length !== (prefix ? 2 : 1)) return false;
  if (tree.diagnostics.some((d) => isolatedError(d))) return false;
  return sameNode(node, list[0] as InstructionNode);
}

/** Same dump, escape, directives, and per-instruction form and heredocs. */
function sameMeaning(a: DockerfileNode, b: DockerfileNode): boolean {
  if (a.escape !== b.escape || dump(a) !== dump(b)) return false;
  if (b.diagnostics.some((d) => d.severity === 'error')) return false;
  const da = a.children.filter((c) => c.type === 'directive').map((c) => `${c.name}=${c.value}`);
  const db = b.children.filter((c) => c.type === 'directive').map((c) => `${c.name}=${c.value}`);
  if (da.join('\n') !== db.join('\n')) return false;
  const ia = a.children.filter((c) => c.type === 'instruction') as InstructionNode[];
  const ib = b.children.filter((c) => c.type === 'instruction') as InstructionNode[];
  return ia.length === ib.length && ia.every((n, i) => sameNode(n, ib[i]!));
}
