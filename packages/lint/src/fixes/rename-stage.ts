import { type InstructionNode, instructionLayout, replaceInstructionText } from '@dockwright/ast';
import type { RuleContext, Stage } from '../rule-context.js';
import type { Edit, Fix } from '../types.js';

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The words after the keyword on the logical line, with the node's text they stand in. */
function tokens(node: InstructionNode, ctx: RuleContext): { source: string; list: Token[] } | null {
  const layout = instructionLayout(node, ctx.escape);
  if (layout === null) return null;
  const source = layout.text;
  const list = layout.words.map((w) => ({ text: source.slice(w.start, w.end), ...w }));
  return { source, list };
}

/** The node's text with `[start, end)` replaced by `text`, parsed back into its place. */
function replaced(
  ctx: RuleContext,
  node: InstructionNode,
  source: string,
  edits: readonly { start: number; end: number; text: string }[],
): InstructionNode | null {
  let out = source;
  // From the end, so that earlier offsets stay valid.
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return replaceInstructionText(node, out, ctx.escape);
}

/**
 * FROM with its `index`-th argument (0 image, 1 `AS`, 2 stage name) rewritten in place, every
 * other byte kept; null when the text cannot be matched safely.
 */
export function replaceFromWord(
  ctx: RuleContext,
  node: InstructionNode,
  index: number,
  word: string,
): InstructionNode | null {
  const t = tokens(node, ctx);
  if (!t) return null;
  const argTokens = t.list.filter((tok) => !tok.text.startsWith('--'));
  if (argTokens.length !== node.args.length) return null;
  const tok = argTokens[index];
  if (!tok || tok.text !== node.args[index]) return null;
  const next = replaced(ctx, node, t.source, [{ start: tok.start, end: tok.end, text: word }]);
  if (!next) return null;
  const expected = node.args.map((a, i) => (i === index ? word : a));
  if (next.args.length !== expected.length || next.args.some((a, i) => a !== expected[i]))
    return null;
  return next;
}

/** The instruction with flag values rewritten by `edit` (returns null to keep a flag). */
function replaceFlagValues(
  ctx: RuleContext,
  node: InstructionNode,
  edit: (name: string, value: string) => string | null,
): InstructionNode | null {
  const t = tokens(node, ctx);
  if (!t) return null;
  const edits: { start: number; end: number; text: string }[] = [];
  const expected = node.flags.map((f) => ({ ...f }));
  const flagTokens = t.list.filter((tok) => tok.text.startsWith('--') && tok.text !== '--');
  if (flagTokens.length !== node.flags.length) return null;
  for (let i = 0; i < flagTokens.length; i++) {
    const tok = flagTokens[i]!;
    const eq = tok.text.indexOf('=');
    if (eq < 0) continue;
    const name = tok.text.slice(2, eq);
    const value = tok.text.slice(eq + 1);
    const next = edit(name, value);
    if (next === null || next === value) continue;
    if (/["'\\`]/.test(value)) return null;
    edits.push({ start: tok.start + eq + 1, end: tok.end, text: next });
    expected[i] = { name, value: next };
  }
  if (edits.length === 0) return null;
  const result = replaced(ctx, node, t.source, edits);
  if (!result || result.flags.length !== expected.length) return null;
  if (result.flags.some((f, i) => f.name !== expected[i]!.name || f.value !== expected[i]!.value)) {
    return null;
  }
  return result;
}

/**
 * Renames a stage to `name` and rewrites the references to it (`FROM <stage>`,
 * `COPY --from=<stage>`, `RUN --mount=…,from=<stage>`), which BuildKit matches
 * case-insensitively.
 */
export function renameStageFix(ctx: RuleContext, stage: Stage, name: string): Fix | null {
  const old = stage.info.stage;
  if (old === null) return null;
  const first = replaceFromWord(ctx, stage.from, 2, name);
  if (!first) return null;
  const edits: Edit[] = [{ target: stage.from, replacement: first }];
  for (const n of ctx.instructions) {
    if (n === stage.from) continue;
    let replacement: InstructionNode | null = null;
    if (n.keyword === 'FROM' && n.args[0]?.toLowerCase() === old && n.args[0] !== name) {
      replacement = replaceFromWord(ctx, n, 0, name);
      if (!replacement) return null;
    } else if (n.keyword === 'COPY' || n.keyword === 'RUN') {
      const refers = n.flags.some(
        (f) =>
          (f.name === 'from' && f.value?.toLowerCase() === old && f.value !== name) ||
          (f.name === 'mount' && renameMountFrom(f.value ?? '', old, name) !== (f.value ?? '')),
      );
      if (!refers) continue;
      replacement = replaceFlagValues(ctx, n, (flagName, value) => {
        if (flagName === 'from' && n.keyword === 'COPY' && value.toLowerCase() === old) return name;
        if (flagName === 'mount') return renameMountFrom(value, old, name);
        return null;
      });
      if (!replacement) return null;
    }
    if (replacement) edits.push({ target: n, replacement });
  }
  return { description: `Rename stage to '${name}'`, edits };
}

/** A mount's CSV with `from=<old in any case>` rewritten to `from=<name>`. */
function renameMountFrom(value: string, old: string, name: string): string {
  return value
    .split(',')
    .map((field) => {
      const eq = field.indexOf('=');
      if (eq < 0 || field.slice(0, eq).trim().toLowerCase() !== 'from') return field;
      const v = field.slice(eq + 1);
      return v.toLowerCase() === old && v !== name ? `${field.slice(0, eq + 1)}${name}` : field;
    })
    .join(',');
}
