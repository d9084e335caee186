const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `work` (a file write) with SIGINT, SIGTERM and SIGHUP held back, then delivers the
 * first one that came, with its default action: Ctrl-C during `fmt --write` ends the
 * process between two files, never inside a write, so no temporary file stays behind and
 * no file is left half-written. Only SIGKILL (or a crash) can stop a write part-way; even
 * then the target holds the old or the new text whole (see `replaceFile`).
 *
 * @example
 * ```ts
 * await holdSignals(() => replaceFile(source, bytes, 'Dockerfile'))
 * ```
 */
export async function holdSignals<T>(work: () => T): Promise<T> {
  let received: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals): void => {
    received ??= signal;
  };
  for (const s of SIGNALS) process.on(s, hold);
  try {
    return work();
  } finally {
    // A signal that came during `work` is delivered to `hold` on the next turn of the loop.
    await new Promise(setImmediate);
    for (const s of SIGNALS) process.off(s, hold);
    if (received) process.kill(process.pid, received);
  }
}
