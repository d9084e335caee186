import type { EscapeChar } from '@dockwright/ast';

export interface VarRef {
  readonly name: string;
  /** Written with a default or alternative (`${v:-w}`, `${v+w}`, `${v?msg}`). */
  readonly hasDefault: boolean;
}

/**
 * The variables a word refers to, the way BuildKit's shell lexer finds them: not inside single
 * quotes, not after the escape character, `$name` and `${name…}` (nested words in modifiers
 * included).
 *
 * @example
 * ```ts
 * varRefs('${BASE:-alpine}:$TAG', '\\') // [{ name: 'BASE', hasDefault: true }, { name: 'TAG', hasDefault: false }]
 * ```
 */
export function varRefs(word: string, escape: EscapeChar = '\\'): VarRef[] {
  const out: VarRef[] = [];
  scan(word, 0, word.length, escape, out, false);
  return out;
}

function scan(
  s: string,
  start: number,
  end: number,
  escape: string,
  out: VarRef[],
  inDouble: boolean,
): void {
  let dq = inDouble;
  for (let i = start; i < end; i++) {
    const c = s[i]!;
    if (c === escape) {
      i++;
      continue;
    }
    if (c === "'" && !dq) {
      const close = s.indexOf("'", i + 1);
      i = close < 0 || close >= end ? end : close;
      continue;
    }
    if (c === '"') {
      dq = !dq;
      continue;
    }
    if (c !== '$') continue;
    const next = s[i + 1];
    if (next === '{') {
      let j = i + 2;
      while (j < end && /[A-Za-z0-9_]/.test(s[j]!)) j++;
      const name = s.slice(i + 2, j);
      // Find the matching brace.
      let depthBrace = 1;
      let k = j;
      while (k < end && depthBrace > 0) {
        if (s[k] === escape) {
          k += 2;
          continue;
        }
        if (s[k] === '{') depthBrace++;
        else if (s[k] === '}') depthBrace--;
        if (depthBrace > 0) k++;
      }
      const modifier = s.slice(j, Math.min(k, end));
      const hasDefault = /^:?[-+?]/.test(modifier);
      if (name !== '' && /^[A-Za-z_]/.test(name)) out.push({ name, hasDefault });
      if (modifier.length > 0) scan(s, j + 1, Math.min(k, end), escape, out, dq);
      i = k;
      continue;
    }
    if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let j = i + 1;
      while (j < end && /[A-Za-z0-9_]/.test(s[j]!)) j++;
      out.push({ name: s.slice(i + 1, j), hasDefault: false });
      i = j - 1;
    }
  }
}

/**
 * BuildKit's variable substitution with the given environment, for the few words lint needs
 * to evaluate (FROM base names with global ARG defaults). Unset variables expand to `''`.
 */
export function expandSimple(
  word: string,
  env: ReadonlyMap<string, string>,
  escape: EscapeChar = '\\',
): string {
  let out = '';
  let dq = false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === escape && i + 1 < word.length) {
      const nx = word[i + 1]!;
      if (!dq || nx === '"' || nx === '$' || nx === escape) {
        out += nx;
      } else {
        out += c + nx;
      }
      i++;
      continue;
    }
    if (c === "'" && !dq) {
      const close = word.indexOf("'", i + 1);
      const stop = close < 0 ? word.length : close;
      out += word.slice(i + 1, stop);
      i = stop;
      continue;
    }
    if (c === '"') {
      dq = !dq;
      continue;
    }
    if (c === '$') {
      if (word[i + 1] === '{') {
        let depth = 1;
        let k = i + 2;
        while (k < word.length && depth > 0) {
          if (word[k] === '{') depth++;
          else if (word[k] === '}') depth--;
          if (depth > 0) k++;
        }
        const inner = word.slice(i + 2, k);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-+?])?(.*)$/s.exec(inner);
        if (m) {
          const value = env.get(m[1]!);
          const mod = m[2];
          const alt = m[3] ?? '';
          if (!mod) out += value ?? '';
          else if (mod === ':-') out += value ? value : expandSimple(alt, env, escape);
          else if (mod === '-') out += value !== undefined ? value : expandSimple(alt, env, escape);
          else if (mod === ':+') out += value ? expandSimple(alt, env, escape) : '';
          else if (mod === '+') out += value !== undefined ? expandSimple(alt, env, escape) : '';
          else out += value ?? '';
        }
        i = k;
        continue;
      }
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i + 1));
      if (m) {
        out += env.get(m[0]) ?? '';
        i += m[0].length;
        continue;
      }
    }
    out += c;
  }
  return out;
}
