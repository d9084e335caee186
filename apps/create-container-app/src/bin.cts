#!/usr/bin/env node
/**
 * The published bin. It runs the bundled CLI (`dist/cli.cjs`) through a V8 code cache kept in
 * the OS temp folder, so every run after the first skips compiling the CLI: what Node 22's
 * `module.enableCompileCache()` does, here on Node 20 as well. `NODE_DISABLE_COMPILE_CACHE=1`
 * (Node's own switch) turns it off. The cache is only an optimisation: a cache that cannot be
 * read, was made for other code, or cannot be written is ignored, and it is only read from a
 * folder this user owns.
 */
import fs = require('node:fs');
import os = require('node:os');
import path = require('node:path');
import vm = require('node:vm');

declare const __VERSION__: string;

const cli = path.join(__dirname, 'cli.cjs');
const code = fs.readFileSync(cli, 'utf8');
const cacheFile = process.env.NODE_DISABLE_COMPILE_CACHE
  ? null
  : path.join(
      os.tmpdir(),
      'create-container-app-compile-cache',
      `${__VERSION__}-${process.version}-${process.arch}.bin`,
    );

const cached = cacheFile ? readCache(cacheFile) : undefined;
// The wrapper CommonJS gives a module; `#!` is only allowed at the very start of a script.
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${code.startsWith('#!') ? `//${code.slice(2)}` : code}\n})`,
  { filename: cli, cachedData: cached },
);
if (cacheFile && (cached === undefined || script.cachedDataRejected)) {
  // Written once the CLI is done, so it holds every function the run compiled; so only after
  // a run that wrote (or planned) a project, not after --help, --version or an error, whose
  // cache would leave out most of the CLI.
  process.once('beforeExit', () => {
    const quick = process.argv.some((a) => /^(?:-h|--help|-v|--version)$/.test(a));
    if (!quick && !process.exitCode) writeCache(cacheFile);
  });
}
script.runInThisContext()(exports, require, module, cli, __dirname);

function readCache(file: string): Buffer | undefined {
  try {
    const dir = fs.statSync(path.join(file, '..'));
    if (typeof process.getuid === 'function' && dir.uid !== process.getuid()) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.join(file, '..'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true }); // no cache this time
  }
}
