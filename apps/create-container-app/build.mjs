// Bundles the CLI into dist/index.cjs, the bin (and clack into dist/prompts.cjs, loaded only to
// prompt), with every run-time dependency inlined (@clack/prompts, yaml, the handlebars runtime,
// @dockwright/sdk and @dockwright/ast), so the published package has no dependencies and
// `npx` starts fast. No start-up cache: the bin reads and runs nothing but its own files.
// Templates are precompiled here with handlebars (strict: a missing field throws; noEscape:
// nothing in these files wants HTML escaping); only the small handlebars runtime ships.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import Handlebars from 'handlebars';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(await readFile(join(here, 'package.json'), 'utf8'));

/** @type {import('esbuild').Plugin} */
const precompiledHandlebars = {
  name: 'precompiled-handlebars',
  setup(build) {
    build.onLoad({ filter: /\.hbs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const spec = Handlebars.precompile(source, { strict: true, noEscape: true });
      return {
        contents: `import Handlebars from 'handlebars/runtime.js';\nexport default Handlebars.template(${spec});\n`,
        loader: 'js',
        resolveDir: here,
      };
    });
  },
};

/**
 * `./prompts.js` resolves to the separately bundled dist/prompts.cjs, left outside the CLI bundle.
 * @type {import('esbuild').Plugin}
 */
const promptsChunk = {
  name: 'prompts-chunk',
  setup(build) {
    build.onResolve({ filter: /^\.\/prompts\.js$/ }, () => ({
      path: './prompts.cjs',
      external: true,
    }));
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // CommonJS: Node starts a CommonJS entry point ~4 ms sooner than an ES module one.
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};
const results = await Promise.all([
  // The CLI and bin. `./prompts.js` becomes a require() of dist/prompts.cjs, loaded only to
  // prompt. esbuild keeps index.ts's `#!/usr/bin/env node` line at the top.
  esbuild.build({
    ...shared,
    entryPoints: [join(here, 'src/index.ts')],
    outfile: join(here, 'dist/index.cjs'),
    define: { __VERSION__: JSON.stringify(pkg.version) },
    // yaml's ESM build (published for browsers, same code) tree-shakes; its CommonJS `node`
    // export would be bundled whole.
    alias: { yaml: join(here, 'node_modules/yaml/browser/index.js') },
    plugins: [precompiledHandlebars, promptsChunk],
    // `import('./prompts.js')` becomes a plain require() of the CommonJS chunk.
    supported: { 'dynamic-import': false },
  }),
  // clack, bundled on its own.
  esbuild.build({
    ...shared,
    entryPoints: [join(here, 'src/prompts.ts')],
    outfile: join(here, 'dist/prompts.cjs'),
  }),
]);

for (const [file, output] of results.flatMap((r) => Object.entries(r.metafile.outputs))) {
  console.log(`${file.replace(/^.*?dist\//, 'dist/')}: ${(output.bytes / 1024).toFixed(1)} kB`);
}
