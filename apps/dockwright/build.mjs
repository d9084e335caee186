// Bundles the CLI into ESM with every run-time dependency inlined: dist/index.js, and one chunk
// per command (and for yaml) in dist/chunks, loaded when the command is named.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// Chunk names carry a hash: start from an empty dist so no stale chunk ships.
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: [new URL('./src/index.ts', import.meta.url).pathname],
  outdir: new URL('./dist', import.meta.url).pathname,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: {
    // CommonJS dependencies (yaml) call require() for built-ins; give the ESM bundle one.
    js: "#!/usr/bin/env node\nimport { createRequire as __dockwrightRequire } from 'node:module';\nconst require = __dockwrightRequire(import.meta.url);",
  },
  define: { __VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
});
