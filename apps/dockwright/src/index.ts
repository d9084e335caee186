import { ignoreBrokenPipe } from '@dockwright/cli-kit';
import { main } from './main.js';

ignoreBrokenPipe(process.stdout, process.stderr);
const code = main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
else code.then((c) => (process.exitCode = c));
