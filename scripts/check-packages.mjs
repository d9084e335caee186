// `pnpm test:exports`: packs every published package as `pnpm publish` would and checks each
// tarball, as a stranger installing it from npm gets it:
//   - package.json: description, keywords, license, author, homepage, bugs, repository (with
//     its directory), engines, `files`; no workspace: or file: ranges left;
//   - contents: README, LICENSE (and CHANGELOG once released), no tests, no TypeScript sources,
//     every source map carries its sources, every README link absolute, every bin a script;
//   - publint (packaging mistakes) and, for packages that can be imported, attw (whether the
//     types TypeScript resolves match the JavaScript Node loads, under node10, node16 from
//     CommonJS and from ESM, and bundler resolution).
// Any finding fails the check, except the few listed in ALLOWED with their reason (each is
// also explained in the package's README).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { problemKindInfo } from '@arethetypeswrong/core/problems';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packAll, repositoryUrl, root } from './lib/workspace.mjs';

/**
 * Findings that are known false positives, by package and publint code (or attw problem kind).
 * @type {Record<string, Record<string, string>>}
 */
const ALLOWED = {
  'create-container-app': {
    FILE_INVALID_EXPLICIT_FORMAT:
      "publint guesses a file's format with a regular expression; the bin's bundled project " +
      'templates contain Python (`from flask import Flask`), which it reads as an ES module ' +
      'import. dist/index.cjs is CommonJS (esbuild, format cjs) and runs as such.',
  },
};

const TEST_FILE = /(^|\/)(__tests__|tests?|fixtures)\/|\.(test|spec|test-d|bench)\.[cm]?[jt]sx?$/;
const TS_SOURCE = /(?<!\.d)\.[cm]?tsx?$/;

/**
 * @param {string} text
 * @returns {string[]} every link target in Markdown text outside code blocks and spans
 */
function markdownLinks(text) {
  const prose = text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const targets = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  for (const m of prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) targets.push(m[1]);
  for (const m of prose.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)\s*=\s*["']([^"']+)["']/gi)) {
    targets.push(m[1]);
  }
  return targets;
}

/**
 * Checks one packed package; returns its problems (and the allowed ones apart).
 * @param {import('./lib/workspace.mjs').PackedPackage} packed
 */
async function checkTarball(packed) {
  const data = readFileSync(packed.tarball);
  const pkg = createPackageFromTarballData(new Uint8Array(data));
  const base = `/node_modules/${pkg.packageName}/`;
  const files = pkg.listFiles().map((f) => f.slice(base.length));
  const has = (/** @type {string} */ f) => files.includes(f.replace(/^\.\//, ''));
  const read = (/** @type {string} */ f) => pkg.readFile(base + f.replace(/^\.\//, ''));
  /** @type {Record<string, any>} */
  const manifest = JSON.parse(read('package.json'));
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const allowed = [];
  const problem = (/** @type {string} */ code, /** @type {string} */ message) => {
    const reason = ALLOWED[packed.name]?.[code];
    if (reason) allowed.push(`${code}: ${message}\n      allowed: ${reason}`);
    else
      problems.push(code === 'metadata' || code === 'contents' ? message : `${code}: ${message}`);
  };

  // 1. Metadata.
  const meta = (/** @type {string} */ message) => problem('metadata', message);
  for (const field of ['name', 'version', 'description', 'license', 'author', 'homepage']) {
    if (typeof manifest[field] !== 'string' || manifest[field].trim() === '') {
      meta(`package.json has no "${field}"`);
    }
  }
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) {
    meta('package.json has no "keywords"');
  }
  const homepage = `${repositoryUrl}/tree/main/${packed.relDir}#readme`;
  if (manifest.homepage !== homepage) meta(`"homepage" should be ${homepage}`);
  if (manifest.bugs?.url !== `${repositoryUrl}/issues`) {
    meta(`"bugs" should be { "url": "${repositoryUrl}/issues" }`);
  }
  const repo = manifest.repository;
  if (
    repo?.type !== 'git' ||
    repo?.url !== `git+${repositoryUrl}.git` ||
    repo?.directory !== packed.relDir
  ) {
    meta(
      `"repository" should be { "type": "git", "url": "git+${repositoryUrl}.git", "directory": "${packed.relDir}" }`,
    );
  }
  if (typeof manifest.engines?.node !== 'string') meta('package.json has no "engines.node"');
  if (manifest.name.startsWith('@') && manifest.publishConfig?.access !== 'public') {
    meta(
      'a scoped package needs "publishConfig": { "access": "public" } (npm publishes scoped packages as restricted otherwise)',
    );
  }
  if (!Array.isArray(manifest.files)) meta('package.json has no "files" list');
  for (const kind of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(manifest[kind] ?? {})) {
      if (/^(workspace|file|link|portal):/.test(String(range))) {
        meta(`${kind}.${dep} is "${range}" in the tarball`);
      }
    }
  }

  // 2. Contents.
  const contents = (/** @type {string} */ message) => problem('contents', message);
  for (const f of ['README.md', 'LICENSE']) if (!has(f)) contents(`${f} is not in the tarball`);
  if (manifest.version !== '0.0.0' && !has('CHANGELOG.md')) {
    contents('CHANGELOG.md is not in the tarball');
  }
  for (const f of files) {
    if (TEST_FILE.test(f)) contents(`ships a test file: ${f}`);
    else if (TS_SOURCE.test(f)) contents(`ships a TypeScript source: ${f}`);
    else if (/(^|\/)tsconfig[^/]*\.json$|\.tsbuildinfo$/.test(f)) contents(`ships ${f}`);
    if (f.endsWith('.map')) {
      const map = JSON.parse(read(f));
      const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
      map.sources.forEach((/** @type {string} */ source, /** @type {number} */ i) => {
        const resolved = new URL(source, `file:///${dir}`).pathname.slice(1);
        if (typeof map.sourcesContent?.[i] !== 'string' && !has(resolved)) {
          contents(`${f} points to ${source}, which is neither in the map nor in the tarball`);
        }
      });
    } else if (/\.[cm]?js$/.test(f)) {
      const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(f))?.[1];
      if (ref && !ref.startsWith('data:')) {
        const target = (f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '') + ref;
        if (!has(target)) contents(`${f} names a source map that is not shipped: ${ref}`);
      }
    }
  }
  for (const f of files.filter((x) => /\.md$/i.test(x))) {
    for (const link of markdownLinks(read(f))) {
      if (!/^(https?:|mailto:|#)/.test(link)) {
        contents(`${f} links to ${link}, which is not in the tarball on npm: use an absolute URL`);
      }
    }
  }
  const bins =
    typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [name, path] of Object.entries(bins)) {
    if (!has(path)) contents(`bin ${name} is ${path}, which is not in the tarball`);
    else if (!read(path).startsWith('#!/usr/bin/env node')) {
      contents(`bin ${name} (${path}) does not start with #!/usr/bin/env node`);
    }
  }

  // 3. publint, every level.
  const lint = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
  });
  for (const message of lint.messages) {
    problem(
      message.code,
      `publint ${message.type}: ${formatMessage(message, lint.pkg, { color: false })}`,
    );
  }

  // 4. attw, for packages meant to be imported.
  let attw = 'no entry points (a command-line tool)';
  if (manifest.exports || manifest.main || manifest.types) {
    const result = await checkPackage(pkg);
    if (!result.types) problem('attw', 'ships no types');
    for (const p of result.problems) {
      const info = problemKindInfo[p.kind];
      const where = 'entrypoint' in p ? ` (${p.entrypoint}, ${p.resolutionKind})` : '';
      problem(p.kind, `attw: ${info.emoji} ${info.description}${where}`);
    }
    const kinds = result.types
      ? Object.keys(Object.values(result.entrypoints)[0]?.resolutions ?? {})
      : [];
    attw = `${result.problems.length === 0 ? 'clean' : `${result.problems.length} problems`} under ${kinds.join(', ')}`;
  }
  return {
    problems,
    allowed,
    files: files.length,
    size: statSync(packed.tarball).size,
    unpacked: files.reduce((sum, f) => sum + Buffer.byteLength(read(f)), 0),
    attw,
    publint: lint.messages.length === 0 ? 'clean' : `${lint.messages.length} messages`,
  };
}

// `--root DIR`: check another copy of the workspace (the release dry run's versioned one).
const rootArg = process.argv.indexOf('--root');
const workspace = rootArg === -1 ? root : (process.argv[rootArg + 1] ?? root);
const dest = mkdtempSync(join(tmpdir(), 'dockwright-pack-'));
try {
  const packed = await packAll(dest, workspace);
  let failed = 0;
  for (const p of packed) {
    const r = await checkTarball(p);
    const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} kB`;
    console.log(
      `${r.problems.length === 0 ? 'ok  ' : 'FAIL'} ${p.name}@${p.version}: ${kb(r.size)} packed, ` +
        `${kb(r.unpacked)} unpacked, ${r.files} files; publint ${r.publint}; attw ${r.attw}`,
    );
    for (const a of r.allowed) console.log(`     allowed ${a}`);
    for (const m of r.problems) console.log(`     - ${m}`);
    if (r.problems.length > 0) failed++;
  }
  const passed = packed.length - failed;
  console.log(`\npackages: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  rmSync(dest, { recursive: true, force: true });
}
