// Bundles the CLI into one ESM file with every run-time dependency inlined.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: [new URL('./src/index.ts', import.meta.url).pathname],
  outfile: new URL('./dist/index.js', import.meta.url).pathname,
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
