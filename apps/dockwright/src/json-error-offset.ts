/**
 * Where the first JSON syntax error in `text` is: the offset of the first character that
 * cannot continue a JSON text (`text.length` when it ends too soon), or -1 for valid JSON.
 * For the message `JSON.parse` gives without a position (V8 words many errors as
 * `Unexpected token 'r', "rules: [" is not valid JSON`). Iterative, so nesting of any depth
 * is fine.
 *
 * @example
 * ```ts
 * jsonErrorOffset('{"a": }') // 6
 * jsonErrorOffset('[1, 2]') // -1
 * ```
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  // The open containers, and whether each has had its first member yet.
  const stack: { object: boolean; first: boolean }[] = [];
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  // Reads one scalar or opens a container; false at an error.
  const value = (): boolean => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      stack.push({ object: c === '{', first: true });
      return true;
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (number.test(text)) {
      i = number.lastIndex;
      return true;
    }
    return false;
  };
  const string = (): boolean => {
    const re = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
    re.lastIndex = i;
    if (!re.test(text)) {
      // Point at the character that breaks the string.
      i++;
      while (i < text.length && text[i] !== '"' && text[i]! >= ' ') {
        if (text[i] === '\\') {
          if (!/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i, i + 6))) return false;
          i += text[i + 1] === 'u' ? 6 : 2;
        } else i++;
      }
      return false;
    }
    i = re.lastIndex;
    return true;
  };
  // After `{` or `,` in an object: a key and its colon.
  const key = (): boolean => {
    space();
    if (text[i] !== '"' || !string()) return false;
    space();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };

  if (!value()) return i;
  for (;;) {
    space();
    const top = stack.at(-1);
    if (top === undefined) return i < text.length ? i : -1;
    if (text[i] === (top.object ? '}' : ']')) {
      i++;
      stack.pop();
      continue;
    }
    if (top.first) top.first = false;
    else if (text[i] === ',') i++;
    else return i;
    if (top.object && !key()) return i;
    if (!value()) return i;
  }
}
