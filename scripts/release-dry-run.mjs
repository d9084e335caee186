// `pnpm release:dry-run`: the release, rehearsed on a throwaway copy of the workspace (this
// checkout is never touched). In the copy:
//   1. `changeset version`: every published package gets the next version and a CHANGELOG.md
//      made from .changeset/*.md; private packages keep theirs;
//   2. `pnpm publish -r --dry-run`: what `pnpm release` would publish, in dependency order;
//   3. each tarball ships its CHANGELOG.md (`pnpm test:exports` checks the rest of them).
// The release itself is `pnpm release` (see the README's "Releasing").
// `--keep` keeps the copy, to read the CHANGELOGs it wrote. Needs `pnpm build` first (`pnpm check`
// builds). With no changeset pending (right after a release) step 1 is skipped and steps 2 and 3
// rehearse the publish of the versions in the tree.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pnpmCommand, publicPackages, root, workspacePackages } from './lib/workspace.mjs';

const started = Date.now();
const copy = mkdtempSync(join(tmpdir(), 'dockwright-release-'));

/**
 * Runs a command in the copy; returns its output, throws with it on failure.
 * @param {string} cmd @param {string[]} args
 */
function run(cmd, args) {
  const res = spawnSync(cmd, args, {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}):\n${out}`);
  return out;
}

/** @type {string[]} */
const problems = [];
try {
  // The working tree as git sees it (tracked and new files, not ignored ones), plus each
  // published package's build output.
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  })
    .stdout.split('\0')
    .filter((f) => f !== '' && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    cpSync(join(root, f), join(copy, f));
  }
  const before = publicPackages();
  for (const p of before) {
    if (!existsSync(join(p.dir, 'dist')))
      throw new Error(`${p.relDir}/dist is missing: run pnpm build`);
    cpSync(join(p.dir, 'dist'), join(copy, p.relDir, 'dist'), { recursive: true });
  }
  const pending = readdirSync(join(copy, '.changeset')).filter(
    (f) => f.endsWith('.md') && f !== 'README.md',
  );
  if (pending.length === 0) {
    // Released already (versions and CHANGELOGs in the tree): the publish is still rehearsed.
    console.log(
      'release dry run: no pending changesets; rehearsing the publish of the current versions',
    );
  } else {
    // A repository of its own, so the changelog can name the commit of each changeset.
    run('git', ['init', '-q', '-b', 'main']);
    run('git', ['add', '-A']);
    run('git', [
      '-c',
      'user.name=dry run',
      '-c',
      'user.email=dry-run@localhost',
      'commit',
      '-qm',
      'copy',
    ]);

    // 1. Versions and changelogs.
    run(join(root, 'node_modules/.bin/changeset'), ['version']);
    const versioned = workspacePackages(copy);
    const versions = new Set();
    for (const p of versioned) {
      const old = before.find((b) => b.name === p.name);
      const changelog = join(p.dir, 'CHANGELOG.md');
      if (p.manifest.private) {
        if (existsSync(changelog))
          problems.push(`${p.relDir}: a private package got a CHANGELOG.md`);
        continue;
      }
      versions.add(p.version);
      if (old && p.version === old.version) problems.push(`${p.name} stays at ${p.version}`);
      if (!existsSync(changelog)) problems.push(`${p.relDir}/CHANGELOG.md was not written`);
      else if (!readFileSync(changelog, 'utf8').includes(`\n## ${p.version}\n`)) {
        problems.push(`${p.relDir}/CHANGELOG.md has no "## ${p.version}" section`);
      }
    }
    if (versions.size > 1)
      problems.push(`the packages got different versions: ${[...versions].join(', ')}`);
    const left = readdirSync(join(copy, '.changeset')).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    );
    if (left.length > 0) problems.push(`changesets left after versioning: ${left.join(', ')}`);
  }
  const after = workspacePackages(copy);

  // 2. The publish, dry: every published package, each after the workspace packages it needs.
  // (pnpm resolves workspace: ranges through the installed links: install from the store.)
  const [pnpm, pre] = pnpmCommand();
  run(pnpm, [
    ...pre,
    'install',
    '--frozen-lockfile',
    '--offline',
    '--ignore-scripts',
    '--reporter=silent',
  ]);
  const out = run(pnpm, [
    ...pre,
    'publish',
    '-r',
    '--dry-run',
    '--no-git-checks',
    '--access',
    'public',
  ]);
  // npm lists each package's files, then its name: the order of the names is the publish order.
  /** @type {string[]} */
  const names = [];
  /** @type {string[]} */
  let listed = [];
  for (const line of out.split('\n')) {
    const name = /^npm notice name:\s+(\S+)/.exec(line)?.[1];
    if (name) {
      names.push(name);
      // 3. Each tarball ships its CHANGELOG.md.
      if (!listed.includes('CHANGELOG.md'))
        problems.push(`${name} would be published without its CHANGELOG.md`);
      listed = [];
    } else {
      const file = /^npm notice [\d.]+k?B\s+(\S+)$/.exec(line)?.[1];
      if (file) listed.push(file);
    }
  }
  const published = after.filter((p) => !p.manifest.private);
  for (const p of published) {
    if (!names.includes(p.name)) problems.push(`pnpm publish -r would not publish ${p.name}`);
  }
  const order = names
    .map((n) => published.find((p) => p.name === n))
    .filter((p) => p !== undefined);
  order.forEach((p, i) => {
    for (const dep of Object.keys(p.manifest.dependencies ?? {})) {
      const j = order.findIndex((q) => q.name === dep);
      if (j > i) problems.push(`${p.name} would be published before its dependency ${dep}`);
    }
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length === 0) {
    console.log(
      `release dry run (${seconds} s): ${pending.length} changesets versioned; would publish, in this order:\n` +
        order
          .map((p) => `  ${p.name}@${p.version}  (${relative(copy, p.dir)}/CHANGELOG.md)`)
          .join('\n'),
    );
  } else {
    for (const p of problems) console.error(`- ${p}`);
    console.error(`\nrelease dry run: ${problems.length} problems`);
    process.exitCode = 1;
  }
} finally {
  if (process.argv.includes('--keep')) console.log(`kept ${copy}`);
  else rmSync(copy, { recursive: true, force: true });
}
