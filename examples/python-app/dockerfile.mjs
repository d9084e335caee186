// @ts-check
// The smallest useful Python image: one file, `python main.py`, port 80. Docker 20.10 and
// later let any user bind ports below 1024 inside a container, so it runs as `nobody`.
//
//   node dockerfile.mjs [out-dir]     writes Dockerfile (default: here)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerfile } from '@dockwright/sdk';

const text = dockerfile()
  .from('python:3.12-slim')
  .workdir('/app')
  .copy('main.py', '.')
  .user('65534:65534') // nobody, by id: the host resolves no names
  .expose(80)
  .cmd(['python', 'main.py'])
  .toString();

writeFileSync(join(process.argv[2] ?? import.meta.dirname, 'Dockerfile'), text);
