// Bundles the CLI into dist/index.js (and clack into dist/prompts.js, imported only to prompt),
// with every run-time dependency inlined (@clack/prompts, yaml, the handlebars runtime,
// @dockwright/sdk and @dockwright/ast), so the published package has no dependencies and
// `npx` starts fast.
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

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};
const results = await Promise.all([
  // The CLI. `./prompts.js` stays an import of dist/prompts.js, loaded only to prompt.
  esbuild.build({
    ...shared,
    entryPoints: [join(here, 'src/main.ts')],
    outfile: join(here, 'dist/index.js'),
    external: ['./prompts.js'],
    define: { __VERSION__: JSON.stringify(pkg.version) },
    // yaml's `node` export is CommonJS that require()s `process`, which an ESM bundle cannot
    // do; its ESM build (published for browsers, same code) bundles cleanly and tree-shakes.
    alias: { yaml: join(here, 'node_modules/yaml/browser/index.js') },
    plugins: [precompiledHandlebars],
  }),
  // clack, bundled on its own.
  esbuild.build({
    ...shared,
    entryPoints: [join(here, 'src/prompts.ts')],
    outfile: join(here, 'dist/prompts.js'),
  }),
]);

for (const [file, output] of results.flatMap((r) => Object.entries(r.metafile.outputs))) {
  console.log(`${file.replace(/^.*?dist\//, 'dist/')}: ${(output.bytes / 1024).toFixed(1)} kB`);
}
