// The API reference in docs/api, generated with TypeDoc (and typedoc-plugin-markdown) from the
// TSDoc comments of every published library (a published package with `exports` and a
// src/index.ts, found by itself: a new library is documented without touching this file).
//
//   node scripts/api-docs.mjs          (`pnpm docs:api`)    write docs/api
//   node scripts/api-docs.mjs --check  (`pnpm docs:check`)  fail on any TypeDoc warning (a
//        broken {@link}, a type used but not exported, an undocumented export), when
//        docs/api differs from what the sources generate, and on a broken relative link (file
//        or heading) in docs/api or any other Markdown file of the repository.
//
// Exports that had no documentation when the check was introduced are listed in
// scripts/undocumented-exports.txt; a new undocumented export fails the check, and so does a
// listed one that has since been documented (take it off the list).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Application, LogLevel } from 'typedoc';
import { brokenLinks } from './lib/markdown-links.mjs';
import { publicPackages, root } from './lib/workspace.mjs';

const check = process.argv.includes('--check');
const docs = join(root, 'docs/api');
const knownFile = join(root, 'scripts/undocumented-exports.txt');

// Helper types that public signatures use and that are deliberately not exported (they only
// compute other types); documented where they are used. (TypeDoc's own intentionallyNotExported
// option cannot name a type of one package when it documents several.)
const intentionallyNotExported = new Set([
  '@dockwright/sdk/src/types.ts:DurationPart',
  '@dockwright/sdk/src/types.ts:RefName',
  '@dockwright/sdk/src/types.ts:NameStart',
  '@dockwright/sdk/src/types.ts:LeadingName',
  '@dockwright/sdk/src/dockerfile.ts:SourceStrings',
  '@dockwright/sdk/src/dockerfile.ts:Sources',
  '@dockwright/sdk/src/dockerfile.ts:StageNameCheck',
  '@dockwright/build/src/types.ts:AnyBuilder',
  '@dockwright/lint/src/shellcheck/source-map.ts:Segment',
  '@dockwright/sdk/src/types.ts:MountKeys',
  '@dockwright/sdk/src/types.ts:MountFromCheck',
  '@dockwright/sdk/src/types.ts:StageCheck',
  '@dockwright/sdk/src/edit-types.ts:Edited',
  '@dockwright/sdk/src/edit-types.ts:EditedUnknown',
  '@dockwright/sdk/src/dockerfile.ts:StageId',
  '@dockwright/sdk/src/dockerfile.ts:SourceCheck',
  '@dockwright/sdk/src/dockerfile.ts:CommandForm',
  '@dockwright/sdk/src/dockerfile.ts:Without',
]);

const libraries = publicPackages().filter(
  (p) => p.manifest.exports && existsSync(join(p.dir, 'src/index.ts')),
);
const validation = { notExported: true, invalidLink: true, notDocumented: true };
const out = check ? mkdtempSync(join(tmpdir(), 'dockwright-api-')) : docs;

/** @type {string[]} */
const warnings = [];
const app = await Application.bootstrapWithPlugins({
  entryPointStrategy: 'packages',
  entryPoints: libraries.map((p) => p.dir),
  packageOptions: {
    entryPoints: ['src/index.ts'],
    tsconfig: 'tsconfig.build.json',
    readme: 'none',
    validation,
    // What is tagged @internal is left out of the published types too (stripInternal).
    excludeInternal: true,
    // Each package is converted with its own options: no source links there either.
    disableSources: true,
    disableGit: true,
  },
  validation,
  plugin: ['typedoc-plugin-markdown'],
  out,
  readme: 'none',
  name: 'Dockwright API reference',
  // Generated text only: no source links or line numbers that change with every edit.
  disableSources: true,
  disableGit: true,
  outputFileStrategy: 'modules',
  hideBreadcrumbs: true,
  hidePageHeader: true,
  useCodeBlocks: true,
  useHTMLAnchors: true,
  cleanOutputDir: true,
  logLevel: 'Warn',
});
const log = app.logger.log.bind(app.logger);
app.logger.log = (message, level) => {
  if (level === LogLevel.Warn)
    warnings.push(message.replace(/\x1b\[[0-9;]*m/g, '').replace(/^\[warning\] /, ''));
  else log(message, level);
};

const project = await app.convert();
if (!project) throw new Error('TypeDoc could not convert the packages (see the errors above)');
app.validate(project);
await app.generateOutputs(project);
if (app.logger.hasErrors()) process.exit(1);

// Undocumented exports: "@dockwright/ast Point.line (Property)", one a line.
const undocumented = new Set();
const otherWarnings = [];
for (const w of warnings) {
  const m = /^(.+?), defined in (@[^/]+\/[^/]+|[^/]+)\/.*does not have any documentation$/.exec(w);
  const n =
    /^(\S+), defined in (\S+), is referenced by .* but not included in the documentation$/.exec(w);
  if (m) undocumented.add(`${m[2]} ${m[1]}`);
  else if (n && intentionallyNotExported.has(`${n[2]}:${n[1]}`)) continue;
  else if (!/^Found \d+ errors and \d+ warnings$/.test(w)) otherWarnings.push(w);
}
const known = new Set(
  readFileSync(knownFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#')),
);
const problems = [
  ...otherWarnings,
  ...[...undocumented].filter((u) => !known.has(u)).map((u) => `${u} has no documentation`),
  ...[...known]
    .filter((k) => !undocumented.has(k))
    .map((k) => `${k} is documented (or gone) now: remove it from ${relative(root, knownFile)}`),
];

if (check) {
  /** @param {string} dir @returns {string[]} */
  const list = (dir) =>
    existsSync(dir)
      ? readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => relative(dir, join(e.parentPath, e.name)))
          .sort()
      : [];
  const generated = list(out);
  const committed = list(docs);
  for (const f of new Set([...generated, ...committed])) {
    const a = existsSync(join(out, f)) ? readFileSync(join(out, f), 'utf8') : undefined;
    const b = existsSync(join(docs, f)) ? readFileSync(join(docs, f), 'utf8') : undefined;
    if (a !== b) {
      problems.push(
        `docs/api/${f} ${b === undefined ? 'is missing' : a === undefined ? 'is stale' : 'is out of date'}: run \`pnpm docs:api\``,
      );
    }
  }
  rmSync(out, { recursive: true, force: true });

  const tracked = spawnSync('git', ['ls-files', '-z', '--', '*.md'], {
    cwd: root,
    encoding: 'utf8',
  });
  const markdown = tracked.stdout
    .split('\0')
    .filter(
      (f) => f !== '' && !/(^|\/)(fixtures|node_modules)\//.test(f) && !f.startsWith('docs/api/'),
    )
    .map((f) => join(root, f));
  const apiPages = committed.filter((f) => f.endsWith('.md')).map((f) => join(docs, f));
  problems.push(...brokenLinks(root, [...markdown, ...apiPages]).map((b) => `broken link in ${b}`));
}

const names = libraries.map((p) => p.name).join(', ');
if (problems.length > 0) {
  for (const p of problems) console.error(`- ${p}`);
  console.error(`\napi docs (${names}): ${problems.length} problems`);
  process.exitCode = 1;
} else {
  console.log(
    `api docs (${names}): ${check ? 'up to date' : `written to ${relative(root, docs)}`}, ` +
      `no broken links, ${known.size} known undocumented exports (scripts/undocumented-exports.txt)`,
  );
}
