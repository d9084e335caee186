import type fc from 'fast-check';

/**
 * How long one property may run, in milliseconds. fast-check stops drawing inputs when the time
 * is up (the runs so far must all pass), so a loaded machine runs fewer inputs instead of
 * timing out. `PROPERTY_MS` raises it for a thorough run.
 */
export const PROPERTY_MS = Number(process.env.PROPERTY_MS ?? 3000);

/** The vitest timeout of a test that runs one or more properties: well past their budget. */
export const PROPERTY_TIMEOUT = PROPERTY_MS * 5 + 10_000;

/** fast-check parameters: up to `numRuns` inputs, within {@link PROPERTY_MS}. */
export function budget(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, interruptAfterTimeLimit: PROPERTY_MS, markInterruptAsFailure: false };
}
