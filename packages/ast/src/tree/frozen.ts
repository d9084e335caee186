/** The one frozen empty array every node without flags, arguments or heredocs shares. */
export const EMPTY: readonly never[] = Object.freeze([]);

/**
 * `items` as a frozen array of exactly its items: a frozen array is shared as it is, anything
 * else is copied first (an array a caller pushed to may have spare capacity, and stays theirs).
 */
export function frozen<T>(items: readonly T[] | undefined): readonly T[] {
  if (items === undefined || items.length === 0) return EMPTY;
  return Object.isFrozen(items) ? items : Object.freeze([...items]);
}
