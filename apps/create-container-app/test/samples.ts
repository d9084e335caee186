import { cpSync } from 'node:fs';
import { join } from 'node:path';

/** The sample projects (test/fixtures/samples, each with a SOURCE.md naming origin and licence). */
export const SAMPLES_DIR = join(import.meta.dirname, 'fixtures', 'samples');

/**
 * Samples that are another sample's app with other manifests: the files they take from it, so
 * the fixtures hold each file once.
 */
const SHARED: Readonly<Record<string, { from: string; files: readonly string[] }>> = {
  'express-yarn-pnp': { from: 'express-hello-world', files: ['app.js', 'LICENSE'] },
  'js-example-poetry': {
    from: 'js-example-uv',
    files: ['js_example', 'LICENSE.txt', 'README.rst'],
  },
};

/** Copies sample `name` to `dest` (a path that does not exist yet). */
export function copySample(name: string, dest: string): void {
  cpSync(join(SAMPLES_DIR, name), dest, { recursive: true });
  const shared = SHARED[name];
  for (const file of shared?.files ?? []) {
    cpSync(join(SAMPLES_DIR, shared?.from ?? '', file), join(dest, file), { recursive: true });
  }
}
