/**
 * Makes a reader that goes away early (`dockwright parse --json big | head -1`,
 * `create-container-app … --dry-run | head`) end the output quietly. Without a listener, the
 * `EPIPE` a write gets once the other end of the pipe is closed is an unhandled 'error' event
 * and Node prints its stack trace. The stream is destroyed by then, so later writes go nowhere
 * (their `ERR_STREAM_DESTROYED` is ignored too) and the command goes on to its own exit code:
 * Node ignores SIGPIPE, so there is no 141, and a scaffold whose output nobody reads still
 * finishes. Any other stream error is rethrown.
 *
 * @example
 * ```ts
 * ignoreBrokenPipe(process.stdout, process.stderr);
 * ```
 */
export function ignoreBrokenPipe(...streams: NodeJS.WritableStream[]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
}
