// Bundles the CLI into dist/index.js (and a chunk for clack, imported only when prompting),
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

const result = await esbuild.build({
  entryPoints: [join(here, 'src/main.ts')],
  // dist/index.js plus chunks for what only some runs load (clack, for prompts on a terminal).
  outdir: join(here, 'dist'),
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  metafile: true,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // yaml's `node` export is CommonJS that require()s `process`, which an ESM bundle cannot do;
  // its ESM build (published for browsers, same code) bundles cleanly and tree-shakes.
  alias: { yaml: join(here, 'node_modules/yaml/browser/index.js') },
  plugins: [precompiledHandlebars],
  logLevel: 'warning',
});

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  console.log(`${file.replace(/^.*?dist\//, 'dist/')}: ${(output.bytes / 1024).toFixed(1)} kB`);
}
