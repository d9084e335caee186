import { main } from './main.js';

// A reader that goes away early (`dockwright parse --json big | head -1`) closes the pipe: the
// next write fails with EPIPE. Stop writing quietly instead of printing a stack trace; the exit
// code stays the one the command returned (Node ignores SIGPIPE, so there is no 141).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
