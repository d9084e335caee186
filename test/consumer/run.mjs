// `pnpm test:consumer`: what a stranger gets from npm. Packs every published package, installs
// the tarballs with npm into a new project in a temporary folder outside the workspace (third-
// party dependencies come from the npm registry), and uses them there:
//   npx create-container-app, npm create container-app, npx dockwright lint,
//   an ES module script, a CommonJS script (without Node's require(esm)),
//   TypeScript type-checked under module node16, nodenext and bundler resolution, and
//   @dockwright/ast's types without Node's (it runs in browsers).
// The commands run with --offline: they must find our packages in the project, never on the
// registry. Needs `pnpm build` first (`pnpm check` builds).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { packAll, root } from '../../scripts/lib/workspace.mjs';

const fixture = new URL('./project/', import.meta.url);
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'dockwright-consumer-'));
if (!relative(root, work).startsWith('..')) throw new Error(`${work} is inside the workspace`);
const project = join(work, 'project');
const keep = process.argv.includes('--keep');

// A stranger's environment: none of the npm_* / pnpm settings `pnpm run` passes down.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|PNPM_)/i.test(k)),
);
env.NO_COLOR = '1';
env.npm_config_update_notifier = 'false';

let passed = 0;
/**
 * Runs one step: a command in the project, checked by `check` (given its output).
 * @param {string} name
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ status?: number, check?: (out: string) => void, cwd?: string }} [expect]
 */
function step(name, cmd, args, expect = {}) {
  const t = Date.now();
  const res = spawnSync(cmd, args, { cwd: expect.cwd ?? project, env, encoding: 'utf8' });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  const wanted = expect.status ?? 0;
  try {
    if (res.error) throw res.error;
    if (res.status !== wanted) throw new Error(`exit code ${res.status}, expected ${wanted}`);
    expect.check?.(out);
  } catch (error) {
    console.error(`FAIL ${name}: ${cmd} ${args.join(' ')}\n${out}`);
    throw error;
  }
  passed++;
  console.log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return out;
}

/** @param {boolean} ok @param {string} message */
function assert(ok, message) {
  if (!ok) throw new Error(message);
}

try {
  const packed = await packAll(work);
  const libraries = packed.filter((p) => p.manifest.exports).map((p) => p.name);
  const cli = (/** @type {string} */ name) => {
    const p = packed.find((x) => x.name === name);
    if (!p) throw new Error(`no published package ${name}`);
    return p;
  };
  console.log(`packed ${packed.map((p) => `${p.name}@${p.version}`).join(', ')} into ${work}`);

  cpSync(fixture, project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }, null, 2)}\n`,
  );
  writeFileSync(join(project, 'libraries.json'), `${JSON.stringify(libraries)}\n`);
  // Every library, for the type checks: a namespace import in each module format.
  const imports = libraries.map((name, i) => `import * as m${i} from '${name}';`).join('\n');
  const list = `[${libraries.map((_, i) => `m${i}`).join(', ')}]`;
  writeFileSync(join(project, 'libraries.mts'), `${imports}\nexport const modules = ${list};\n`);
  writeFileSync(join(project, 'libraries.cts'), `${imports}\nexport = ${list};\n`);

  const version = (/** @type {string} */ dep) =>
    JSON.parse(readFileSync(join(root, 'node_modules', dep, 'package.json'), 'utf8')).version;
  step('npm install the tarballs', 'npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...packed.map((p) => p.tarball),
    `typescript@${version('typescript')}`,
    `@types/node@${version('@types/node')}`,
  ]);

  const cca = cli('create-container-app');
  step('npx create-container-app --version', 'npx', ['--offline', 'create-container-app', '-v'], {
    check: (out) => assert(out.includes(cca.version), `expected version ${cca.version}`),
  });
  step('npx create-container-app (flask)', 'npx', [
    '--offline',
    'create-container-app',
    'flask-app',
    '--template',
    'flask',
    '--no-interactive',
  ]);
  step('npm create container-app (node)', 'npm', [
    'create',
    '--offline',
    'container-app',
    '--',
    'node-app',
    '--template',
    'node',
    '--no-interactive',
    '--no-install',
  ]);
  for (const app of ['flask-app', 'node-app']) {
    for (const f of [
      'Dockerfile',
      '.dockerignore',
      'compose.yaml',
      'compose.watch.yaml',
      'README.md',
    ]) {
      assert(existsSync(join(project, app, f)), `${app}/${f} was not written`);
    }
  }

  const dw = cli('dockwright');
  step('npx dockwright --version', 'npx', ['--offline', 'dockwright', '--version'], {
    check: (out) => assert(out.includes(dw.version), `expected version ${dw.version}`),
  });
  step('npx dockwright lint (generated Dockerfiles: clean)', 'npx', [
    '--offline',
    'dockwright',
    'lint',
    'flask-app/Dockerfile',
    'node-app/Dockerfile',
  ]);
  writeFileSync(join(project, 'Dockerfile.bad'), 'FROM node:22 AS Build\nENV PORT 8080\n');
  step(
    'npx dockwright lint (findings: exit 1)',
    'npx',
    ['--offline', 'dockwright', 'lint', 'Dockerfile.bad'],
    {
      status: 1,
      check: (out) => assert(/StageNameCasing/.test(out), 'StageNameCasing was not reported'),
    },
  );

  step('ES module script', process.execPath, ['esm.mjs']);
  // Node 20.19+ and 22.12+ can require() ES modules; turning that off, as Node 20.12 to 20.18
  // behave, shows that require() gets the CommonJS build.
  const noRequireEsm = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
    ? ['--no-experimental-require-module']
    : [];
  step(`CommonJS script ${noRequireEsm.join(' ')}`.trim(), process.execPath, [
    ...noRequireEsm,
    'cjs.cjs',
  ]);
  const tsc = join(project, 'node_modules/typescript/bin/tsc');
  // nodenext also checks every declaration file (skipLibCheck off); the other two only how the
  // packages resolve and type-check from a project.
  for (const mode of ['node16', 'nodenext', 'bundler']) {
    step(`TypeScript, ${mode}`, process.execPath, [tsc, '-p', `tsconfig.${mode}.json`]);
  }
  step('TypeScript, @dockwright/ast without Node types (browser)', process.execPath, [
    tsc,
    '-p',
    'tsconfig.browser.json',
  ]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${readdirSync(work).length - 1} tarballs, ${seconds} s`);
  console.log(`consumer: ${passed} passed, 0 failed`);
} catch (error) {
  console.log(`\nconsumer: ${passed} passed, 1 failed`);
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
