import { dockerfile } from '@dockwright/sdk';
import { expectTypeOf, test } from 'vitest';
import { bake } from './bake.js';
import { build } from './build.js';
import type { ArgOf, TargetOf } from './types.js';

const app = dockerfile()
  .arg('NODE_VERSION', '22')
  .from('node:${NODE_VERSION}-slim', { as: 'build' })
  .arg('NPM_FLAGS')
  .from('node:22-slim', { as: 'runtime' })
  .arg('PORT', '3000');

test('target is typed from the builder’s stage names', () => {
  expectTypeOf<TargetOf<typeof app>>().toEqualTypeOf<'build' | 'runtime'>();
  void build(app, { target: 'runtime' });
  // @ts-expect-error: no such stage
  void build(app, { target: 'nope' });
  void build('FROM a AS x\n', { target: 'anything' });
});

test('build args suggest the builder’s global and last-stage ARGs', () => {
  expectTypeOf<ArgOf<typeof app>>().toEqualTypeOf<'NODE_VERSION' | 'PORT'>();
  void build(app, { buildArgs: { NODE_VERSION: '20', PORT: '8080', HTTP_PROXY: 'http://proxy' } });
  // An earlier stage's ARG is checked when the build starts, not by the types.
  void build(app, { buildArgs: { NPM_FLAGS: '--omit=dev' } });
  // @ts-expect-error: values are strings
  void build(app, { buildArgs: { PORT: 8080 } });
});

test('bake targets take the same typed target and args as build()', () => {
  bake({ api: { dockerfile: app, target: 'build', args: { NODE_VERSION: '20' } } });
  // @ts-expect-error: no such stage
  bake({ api: { dockerfile: app, target: 'nope' } });
  // @ts-expect-error: values are strings
  bake({ api: { dockerfile: app, args: { PORT: 8080 } } });
  bake({ api: { dockerfile: 'FROM a AS x\n', target: 'anything' } });
  // @ts-expect-error: a group names only targets of the file
  bake({ api: { dockerfile: app } }, { groups: { all: ['api', 'web'] } });
});
