/**
 * Makes a closed reader (`create-container-app … --dry-run | head`) end the output quietly:
 * without a listener, the `EPIPE` a write gets once the other end of the pipe is gone is an
 * unhandled 'error' event, and Node prints its stack trace. The stream is destroyed by then,
 * so later writes go nowhere (their `ERR_STREAM_DESTROYED` is ignored too) and the run goes on:
 * a scaffold whose output nobody reads still finishes, and a dry run still writes nothing.
 * Any other error is rethrown.
 *
 * @example
 * ```ts
 * ignoreBrokenPipe(process.stdout)
 * ```
 */
export function ignoreBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}
