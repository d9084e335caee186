// @ts-check
// A multi-stage build with typed stage handles: `build` builds, `test` runs the tests on what
// was built (a failing test fails the image build), and the runtime stage copies only the
// built files from `test`, so nothing reaches the image unless the tests passed.
//
// Each `.stage` is a typed reference: `from` and `copy(…, { from })` accept only stages
// defined earlier, so a typo or a forward reference is a compile error, not a broken build.
//
//   node dockerfile.mjs [out-dir]     writes Dockerfile and .dockerignore (default: here)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerfile, dockerignore } from '@dockwright/sdk';

const build = dockerfile()
  .from('node:22-slim', { as: 'build' })
  .workdir('/src')
  .copy('package.json', './')
  .copy('src', './src')
  .run('npm run build');

const test = build.from(build.stage, { as: 'test' }).run('npm test');

const runtime = test
  .from('node:22-slim', { as: 'runtime' })
  .env('NODE_ENV', 'production')
  .workdir('/app')
  .copy('/src/dist', './', { from: test.stage })
  .user('1000:1000') // node
  .expose(3000)
  .cmd(['node', 'server.mjs']);

/** Does not compile: a stage can copy only from stages defined before it. */
function _forwardReference() {
  // @ts-expect-error 'runtime' is not defined before the build stage
  return build.copy('/app', '/app', { from: 'runtime' });
}

const out = process.argv[2] ?? import.meta.dirname;
writeFileSync(join(out, 'Dockerfile'), runtime.toString());
writeFileSync(join(out, '.dockerignore'), dockerignore().add('node_modules', 'dist').toString());
