// Builds a library package (run from its folder: `node ../../scripts/build-library.mjs`) into
//   dist/      ES modules with .d.ts types (the `import` condition), and
//   dist/cjs/  the same modules as CommonJS (the `require` condition and `main`), with a copy of
//              the .d.ts files beside them and a package.json saying `"type": "commonjs"`, so
//              TypeScript reads those types as CommonJS too.
// Both come from one tsc configuration (tsconfig.build.json): the CommonJS pass only changes the
// module format and skips the type check the ES pass has just done. dist/ is emptied first, so a
// deleted source file never lingers in a published tarball.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const dir = process.cwd();
const tsc = createRequire(join(dir, 'package.json')).resolve('typescript/bin/tsc');
const dist = join(dir, 'dist');
const cjs = join(dist, 'cjs');

/** @param {string[]} args */
function run(args) {
  // Source maps carry their sources: the tarballs ship dist/ only, not src/.
  const res = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--inlineSources', ...args],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  );
  if (res.status !== 0) process.exit(res.status ?? 1);
}

rmSync(dist, { recursive: true, force: true });
run([]);
run([
  '--outDir',
  cjs,
  '--module',
  'commonjs',
  '--moduleResolution',
  'node10',
  '--verbatimModuleSyntax',
  'false',
  // A default import of a CommonJS module or JSON file reads its module.exports, as in ESM.
  '--esModuleInterop',
  '--declaration',
  'false',
  '--declarationMap',
  'false',
  '--noCheck',
]);

// The declarations are the same text in both formats; the nearest package.json decides which
// format TypeScript reads them as. Their maps stay behind (they point one folder up).
/** @param {string} from */
function copyDeclarations(from) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const path = join(from, entry.name);
    if (path === cjs) continue;
    if (entry.isDirectory()) copyDeclarations(path);
    else if (entry.name.endsWith('.d.ts')) {
      const target = join(cjs, relative(dist, path));
      mkdirSync(join(target, '..'), { recursive: true });
      cpSync(path, target);
    }
  }
}
copyDeclarations(dist);
writeFileSync(join(cjs, 'package.json'), '{ "type": "commonjs" }\n');
