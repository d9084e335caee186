import { ignoreBrokenPipe } from '@dockwright/cli-kit';
import { main } from './main.js';

// A reader that goes away early (`dockwright parse --json big | head -1`) closes the pipe: stop
// writing quietly instead of printing a stack trace; the exit code stays the command's.
ignoreBrokenPipe(process.stdout, process.stderr);
process.exitCode = await main(process.argv.slice(2));
