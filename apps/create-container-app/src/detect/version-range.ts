/**
 * Coarse range checks for picking a base image: which `node:<major>-slim` satisfies
 * `engines.node`, which `python:<3.x>-slim` satisfies `requires-python`. An image tag carries
 * the newest patch of its line, so a line is tested by its newest version (`22.999.999`,
 * `3.12.999`).
 */

type Version = readonly number[];

function parse(text: string): { version: number[]; wildcard: number } | undefined {
  const match = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?/.exec(text.trim());
  if (!match) return undefined;
  const parts = [match[1], match[2], match[3]];
  const version: number[] = [];
  for (const part of parts) {
    if (part === undefined || /^[xX*]$/.test(part)) break;
    version.push(Number(part));
  }
  return { version, wildcard: version.length };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `v` is within the prefix `p` (`20` holds 20.1.2; `3.11` holds 3.11.4). */
function within(v: Version, p: Version): boolean {
  return p.every((n, i) => v[i] === n);
}

/** One comparator (`>=20`, `^3.10`, `~=3.11`, `20.x`, `==3.11.*`) against a version. */
function satisfiesOne(comparator: string, v: Version): boolean {
  const c = comparator.trim();
  if (c === '' || c === '*' || c === 'x' || c === 'X') return true;
  const op = /^(>=|<=|>|<|===|==|=|!=|\^|~=|~)?\s*(.*)$/.exec(c);
  const operator = op?.[1] ?? '';
  const parsed = parse(op?.[2] ?? '');
  if (!parsed) return true; // something we do not read (a tag, `lts/*`): no constraint
  const p = parsed.version;
  if (p.length === 0) return true;
  switch (operator) {
    case '>=':
      return compare(v, p) >= 0;
    case '>':
      return parsed.wildcard < 3 ? compare(v.slice(0, p.length), p) > 0 : compare(v, p) > 0;
    case '<=':
      return parsed.wildcard < 3 ? compare(v.slice(0, p.length), p) <= 0 : compare(v, p) <= 0;
    case '<':
      return compare(v, p) < 0;
    case '!=':
      return !within(v, p);
    case '^': {
      // npm and Poetry: the leftmost non-zero part stays.
      const keep = Math.max(1, p.findIndex((n) => n !== 0) + 1 || p.length);
      return compare(v, p) >= 0 && within(v, p.slice(0, keep));
    }
    case '~':
      return compare(v, p) >= 0 && within(v, p.slice(0, Math.max(1, Math.min(2, p.length))));
    case '~=':
      // PEP 440: ~=3.11 means >=3.11, ==3.*; ~=3.11.2 means >=3.11.2, ==3.11.*
      return compare(v, p) >= 0 && within(v, p.slice(0, Math.max(1, p.length - 1)));
    default:
      // `20`, `20.x`, `=20`, `==3.11.*`: everything in that prefix.
      return within(v, p);
  }
}

/**
 * Whether a version satisfies an npm range (`>=18 <21 || ^22`) or a PEP 440 / Poetry
 * specifier (`>=3.10,<3.13`, `^3.10`).
 *
 * @example
 * ```ts
 * satisfies('>=20', [22, 999, 999]) // true
 * satisfies('^3.10', [3, 12, 999])  // true
 * ```
 */
export function satisfies(range: string, v: Version): boolean {
  return range.split('||').some((set) => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(set);
    if (hyphen) {
      const low = parse(hyphen[1] ?? '');
      const high = parse(hyphen[2] ?? '');
      if (!low || !high) return true;
      return (
        compare(v, low.version) >= 0 && (compare(v, high.version) <= 0 || within(v, high.version))
      );
    }
    // npm separates comparators with spaces, PEP 440 with commas; `>= 20` keeps its space.
    const comparators = set.replace(/(>=|<=|>|<|=|\^|~=|~|!=)\s+/g, '$1').split(/[\s,]+/);
    return comparators.every((c) => satisfiesOne(c, v));
  });
}

/**
 * The first of `lines` (`['22', '24', '20']`, most preferred first) whose newest release
 * satisfies `range`, or undefined.
 *
 * @example
 * ```ts
 * pickLine('>=18 <21', ['22', '24', '20']) // '20'
 * ```
 */
export function pickLine(range: string, lines: readonly string[]): string | undefined {
  return lines.find((line) => satisfies(range, [...line.split('.').map(Number), 999, 999]));
}
