export interface GlobOptions {
  /** Read `{a,b}` as alternatives (shell style). Off for `.dockerignore`, where `{` is literal. */
  readonly braces?: boolean | undefined;
}

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/**
 * A glob as a regular expression over `/`-separated relative paths, with moby/patternmatcher's
 * rules (what `.dockerignore` uses): `*` and `?` stay within one path component, `**` spans
 * any number of them (`**` + `/` also matches none), `[…]` is a class (`[!…]` or `[^…]`
 * negates), and the escape `\` makes the next character literal. With `braces`, `{a,b}`
 * alternates, as the CLI's file globs do.
 *
 * @example
 * ```ts
 * globToRegExp('**\/*.Dockerfile').test('a/b/web.Dockerfile') // true
 * globToRegExp('{api,web}/Dockerfile', { braces: true }).test('web/Dockerfile') // true
 * ```
 */
export function globToRegExp(glob: string, options?: GlobOptions): RegExp {
  const braces = options?.braces === true;
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        re += '\\[';
      } else {
        let cls = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (cls.startsWith('^') || cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        re += `[${cls}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      re += glob[i + 1]!.replace(SPECIAL, '\\$&');
      i++;
    } else if (braces && c === '{') {
      depth++;
      re += '(?:';
    } else if (braces && c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (braces && c === ',' && depth > 0) {
      re += '|';
    } else {
      re += c.replace(SPECIAL, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}
