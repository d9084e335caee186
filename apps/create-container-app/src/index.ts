#!/usr/bin/env node
import { ignoreBrokenPipe } from '@dockwright/cli-kit';
import { main } from './main.js';

ignoreBrokenPipe(process.stdout, process.stderr);
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
