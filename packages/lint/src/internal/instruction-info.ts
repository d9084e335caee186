import type { EscapeChar, InstructionNode } from '@dockwright/ast';
import { unquote } from './process-word.js';

// Small private readers of instruction meaning. @dockwright/ast's typed views (`viewFrom`,
// `envPairs`, `parseMount`) were not exported from its entry point when this package was
// written; these cover only what the rules need.

export interface FromInfo {
  readonly image: string;
  readonly tag: string | null;
  readonly digest: string | null;
  readonly repository: string;
  readonly platform: string | null;
  /** Lower-cased stage name, as BuildKit keeps it. */
  readonly stage: string | null;
  readonly stageAsWritten: string | null;
  readonly asKeyword: string | null;
}

export function fromInfo(node: InstructionNode): FromInfo {
  const args = node.args;
  const image = args[0] ?? '';
  let rest = image;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const named = args.length === 3 && args[1]!.toLowerCase() === 'as';
  return {
    image,
    tag,
    digest,
    repository: rest,
    platform: flagValue(node, 'platform'),
    stage: named ? args[2]!.toLowerCase() : null,
    stageAsWritten: named ? args[2]! : null,
    asKeyword: named ? args[1]! : null,
  };
}

/** The last value of a flag (BuildKit keeps the last of a non-repeatable flag), or null. */
export function flagValue(node: InstructionNode, name: string): string | null {
  let value: string | null = null;
  for (const f of node.flags) if (f.name === name) value = f.value ?? '';
  return value;
}

export interface KeyValuePair {
  readonly key: string;
  readonly value: string;
  readonly rawKey: string;
  readonly rawValue: string;
}

/** ENV/LABEL pairs from the parse-level triplets, with BuildKit's quote removal. */
export function keyValuePairs(node: InstructionNode, escape: EscapeChar): KeyValuePair[] {
  const out: KeyValuePair[] = [];
  const args = node.args;
  for (let i = 0; i + 2 < args.length; i += 3) {
    out.push({
      key: unquote(args[i]!, escape),
      value: unquote(args[i + 1]!, escape),
      rawKey: args[i]!,
      rawValue: args[i + 1]!,
    });
  }
  return out;
}

export interface ArgDecl {
  readonly name: string;
  readonly value: string | null;
  readonly raw: string;
}

/** ARG words: `NAME` or `NAME=value`. */
export function argDecls(node: InstructionNode, escape: EscapeChar): ArgDecl[] {
  return node.args.map((raw) => {
    const eq = raw.indexOf('=');
    if (eq < 0) return { name: unquote(raw, escape), value: null, raw };
    return { name: unquote(raw.slice(0, eq), escape), value: raw.slice(eq + 1), raw };
  });
}

export interface MountInfo {
  readonly type: string;
  readonly target: string | null;
  readonly from: string | null;
  readonly fields: ReadonlyMap<string, string>;
}

/** `--mount` flags read as CSV `key=value` fields (type defaults to bind). */
export function mounts(node: InstructionNode): MountInfo[] {
  const out: MountInfo[] = [];
  for (const f of node.flags) {
    if (f.name !== 'mount' || f.value === null) continue;
    const fields = new Map<string, string>();
    for (const field of splitCsv(f.value)) {
      const eq = field.indexOf('=');
      const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
      fields.set(key, eq < 0 ? '' : field.slice(eq + 1));
    }
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination') ?? null;
    out.push({
      type: (fields.get('type') ?? 'bind').toLowerCase(),
      target,
      from: fields.get('from') ?? null,
      fields,
    });
  }
  return out;
}

/** go-csvvalue style split: commas separate fields, a double-quoted field may hold commas. */
export function splitCsv(text: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out;
}

/** The shell text of a RUN (or the exec-form words joined), with heredoc scripts appended. */
export function runScript(node: InstructionNode): string {
  if (node.json) {
    const args = node.args;
    // ["sh", "-c", "script"] runs a script; other exec forms are one command.
    if (args.length >= 3 && /(^|\/)(ba|a|z|da)?sh$/.test(args[0]!) && args[1] === '-c') {
      return args[2]!;
    }
    return args.map((a) => (/[\s'"\\]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
  }
  let text = node.args.join(' ');
  for (const doc of node.heredocs) text += `\n${doc.content}`;
  return text;
}

/** The sources of COPY/ADD (all arguments but the last), or [] when there is no destination. */
export function copySources(node: InstructionNode): string[] {
  return node.args.length >= 2 ? node.args.slice(0, -1) : [];
}

export function copyDest(node: InstructionNode): string | null {
  return node.args.length >= 2 ? node.args[node.args.length - 1]! : null;
}
