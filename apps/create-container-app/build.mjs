// Bundles the CLI into one file, dist/index.js, with every run-time dependency inlined
// (@clack/prompts, picocolors, yaml, the handlebars runtime, @dockwright/sdk and
// @dockwright/ast), so the published package has no dependencies and `npx` starts fast.
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
  outfile: join(here, 'dist/index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  metafile: true,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies (picocolors, the handlebars runtime) call require(); give the ESM
  // bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  plugins: [precompiledHandlebars],
  logLevel: 'warning',
});

const bytes = Object.values(result.metafile.outputs)[0]?.bytes ?? 0;
console.log(`dist/index.js: ${(bytes / 1024).toFixed(1)} kB`);
