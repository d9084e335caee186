// @ts-check
// Editing a Dockerfile someone else wrote, keeping every line the edit does not touch byte
// for byte (comments and blank lines included):
//   - the base image moves to node:22-slim;
//   - the dependency manifests are copied and installed before the source, so a source edit no
//     longer re-runs the install;
//   - the app runs as the image's `node` user, started by node itself (exec form: it gets the
//     stop signal, npm would not pass it on).
//
//   node edit.mjs [out-dir]     reads Dockerfile.original, writes Dockerfile (default: here)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFlag, createInstruction } from '@dockwright/ast';
import { edit } from '@dockwright/sdk';

const original = readFileSync(join(import.meta.dirname, 'Dockerfile.original'), 'utf8');

const text = edit(original)
  .transform((node) => {
    if (node.type !== 'instruction') return undefined; // comments stay as they are
    const args = node.args.join(' ');
    if (node.keyword === 'FROM') return createInstruction('FROM', { args: ['node:22-slim'] });
    if (node.keyword === 'COPY' && args === '. .') {
      return [
        createInstruction('COPY', { args: ['package*.json', './'] }),
        createInstruction('RUN', {
          flags: [createFlag('mount', 'type=cache,target=/root/.npm')],
          args: ['npm install --omit=dev'],
        }),
        node,
      ];
    }
    if (node.keyword === 'RUN' && args === 'npm install') return null;
    if (node.keyword === 'CMD') {
      return [
        createInstruction('USER', { args: ['1000:1000'] }), // node, by id
        createInstruction('CMD', { args: ['node', 'server.js'], json: true }),
      ];
    }
    return undefined;
  })
  .toString();

writeFileSync(join(process.argv[2] ?? import.meta.dirname, 'Dockerfile'), text);
