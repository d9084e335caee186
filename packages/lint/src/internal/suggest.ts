/**
 * The closest option within a Levenshtein distance of 2 (BuildKit `suggest.Search`), or null;
 * an exact match suggests nothing.
 */
export function suggest(
  value: string,
  options: Iterable<string>,
  caseSensitive = true,
): string | null {
  const val = caseSensitive ? value : value.toLowerCase();
  let best: string | null = null;
  let min = 3;
  for (const option of options) {
    const opt = caseSensitive ? option : option.toLowerCase();
    if (opt === val) return null;
    const d = levenshtein(val, opt);
    if (d < min) {
      best = option;
      min = d;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
