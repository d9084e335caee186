/** How many tasks run at once: `value` when given, else `fallback`; a count that would run none is refused. */
export function concurrency(value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`concurrency must be a whole number of at least 1, not ${n}`);
  }
  return n;
}
