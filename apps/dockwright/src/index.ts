import { ignoreBrokenPipe } from '@dockwright/cli-kit';
import { main } from './main.js';

ignoreBrokenPipe(process.stdout, process.stderr);
process.exitCode = main(process.argv.slice(2));
