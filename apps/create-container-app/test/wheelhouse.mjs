// Plain JavaScript (types in wheelhouse.d.mts): bench/images.bench.mjs uses it too.
/**
 * Lockfiles for the sandbox's offline wheelhouse. PyPI cannot be reached here, so uv and Poetry
 * cannot lock anything: these write uv.lock and poetry.lock as those tools would for the
 * versions the python stand-in image carries in /wheels (Debian's packages, repacked), with
 * the hashes of those very files, so the generated Dockerfiles' hash-checked installs run
 * against them unchanged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docker } from '@dockwright/testkit';

/** What each wheel in the wheelhouse requires (upstream's install_requires, by name). */
const REQUIRES = {
  flask: ['click', 'itsdangerous', 'jinja2', 'werkzeug'],
  jinja2: ['markupsafe'],
  werkzeug: ['markupsafe'],
  gunicorn: ['packaging'],
};

/**
 * Requirement lines for requirements.txt, pinning every wheel a Flask app with gunicorn needs,
 * as `pip freeze` lists them. gunicorn is the templates' 23.0.0 (from Debian trixie, requiring
 * packaging as on PyPI); Flask and its own dependencies are bookworm's 2.2 line.
 */
export const WHEELHOUSE_REQUIREMENTS = `click==8.1.3
Flask==2.2.2
gunicorn==23.0.0
itsdangerous==2.1.2
Jinja2==3.1.2
MarkupSafe==2.1.2
packaging==25.0
Werkzeug==2.2.2
`;

const normalize = (name) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** The wheels in the python stand-in image, with their sha256 and size. */
export async function wheelhouse(image = 'python:3.12-slim') {
  const res = await docker([
    'run',
    '--rm',
    '--entrypoint',
    '/bin/sh',
    image,
    '-c',
    'cd /wheels && for f in *.whl; do echo "$f $(sha256sum "$f" | cut -d" " -f1) $(stat -c %s "$f")"; done',
  ]);
  if (res.code !== 0) throw new Error(`cannot list /wheels in ${image}: ${res.stderr}`);
  return res.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [file = '', sha256 = '', size = '0'] = line.split(' ');
      const [name = '', version = ''] = file.split('-');
      return { file, name: normalize(name), version, sha256, size: Number(size) };
    });
}

/** The names `roots` need, transitively, in the wheelhouse. */
function closure(roots) {
  const seen = new Set();
  const todo = roots.map(normalize);
  while (todo.length > 0) {
    const name = todo.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    todo.push(...(REQUIRES[name] ?? []));
  }
  return [...seen].sort();
}

/** Dotted release numbers compared part by part: `23.0.0` after `20.1.0`. */
const newer = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  }
  return false;
};

/** The newest wheel of `name`, the one a lock without an upper bound picks. */
function wheelOf(wheels, name) {
  const wheel = wheels
    .filter((w) => w.name === name)
    .reduce((best, w) => (best && !newer(w.version, best.version) ? best : w), undefined);
  if (!wheel) throw new Error(`the wheelhouse has no ${name}`);
  return wheel;
}

/**
 * uv.lock (format version 1) for a project depending on `dependencies`, as `uv lock` writes
 * it: every package with its registry source, dependencies and wheel hashes; the project
 * itself as an editable root.
 */
export function uvLock(project, wheels) {
  const out = ['version = 1', 'revision = 2', 'requires-python = ">=3.9"', ''];
  const entries = [
    ...closure(project.dependencies).map((name) => ({ name, root: false })),
    { name: normalize(project.name), root: true },
  ].sort((a, b) => a.name.localeCompare(b.name));
  for (const { name, root } of entries) {
    out.push('[[package]]', `name = "${name}"`);
    if (root) {
      out.push(`version = "${project.version}"`, 'source = { editable = "." }');
      const deps = project.dependencies.map(normalize).sort();
      out.push('dependencies = [', ...deps.map((d) => `    { name = "${d}" },`), ']', '');
      out.push('[package.metadata]');
      out.push(`requires-dist = [${deps.map((d) => `{ name = "${d}" }`).join(', ')}]`, '');
      continue;
    }
    const wheel = wheelOf(wheels, name);
    out.push(`version = "${wheel.version}"`, 'source = { registry = "https://pypi.org/simple" }');
    const deps = REQUIRES[name] ?? [];
    if (deps.length > 0) {
      out.push('dependencies = [', ...deps.map((d) => `    { name = "${d}" },`), ']');
    }
    out.push(
      'wheels = [',
      `    { url = "https://files.pythonhosted.org/packages/${wheel.file}", hash = "sha256:${wheel.sha256}", size = ${wheel.size} },`,
      ']',
      '',
    );
  }
  return out.join('\n');
}

/**
 * poetry.lock (lock-version 2.0, Poetry 1.3.2's header) for the main dependencies `main`,
 * with `contentHash` the hash Poetry keeps of pyproject.toml's dependency tables.
 */
export function poetryLock(main, wheels, contentHash) {
  const out = [
    '# This file is automatically @generated by Poetry 1.3.2 and should not be changed by hand.',
    '',
  ];
  for (const name of closure(main)) {
    const wheel = wheelOf(wheels, name);
    out.push(
      '[[package]]',
      `name = "${name}"`,
      `version = "${wheel.version}"`,
      `description = ""`,
      'category = "main"',
      'optional = false',
      'python-versions = ">=3.7"',
      'files = [',
      `    {file = "${wheel.file}", hash = "sha256:${wheel.sha256}"},`,
      ']',
      '',
    );
    const deps = REQUIRES[name] ?? [];
    if (deps.length > 0) {
      out.push('[package.dependencies]', ...deps.map((d) => `${d} = "*"`), '');
    }
  }
  out.push(
    '[metadata]',
    'lock-version = "2.0"',
    'python-versions = "^3.9"',
    `content-hash = "${contentHash}"`,
    '',
  );
  return out.join('\n');
}

/** Poetry's content-hash of the pyproject.toml in `dir`, computed by the stand-in's Poetry. */
export async function poetryContentHash(dir, image = 'python:3.12-slim') {
  const res = await docker([
    'run',
    '--rm',
    '-v',
    `${dir}:/project:ro`,
    '-w',
    '/project',
    '--entrypoint',
    'python3',
    image,
    '-c',
    "from poetry.factory import Factory; print(Factory().create_poetry('/project').locker._get_content_hash())",
  ]);
  if (res.code !== 0) throw new Error(`cannot compute Poetry's content-hash: ${res.stderr}`);
  return res.stdout.trim();
}

/**
 * The flask template's uv project fitted to the wheelhouse: Flask's lower bound lowered to the
 * wheelhouse's 2.2 (uv cannot lock anything here; gunicorn keeps the template's >=23.0.0), and
 * uv.lock written for it. The Dockerfile is not touched.
 */
export function fitUvProject(dir, wheels) {
  const path = join(dir, 'pyproject.toml');
  const pyproject = readFileSync(path, 'utf8').replace('"flask>=3.1.1"', '"flask>=2.2"');
  writeFileSync(path, pyproject);
  const name = /^name = "([^"]+)"/m.exec(pyproject)?.[1] ?? '';
  writeFileSync(
    join(dir, 'uv.lock'),
    uvLock({ name, version: '0.1.0', dependencies: ['flask', 'gunicorn'] }, wheels),
  );
}

/**
 * The flask template's Poetry project fitted to the sandbox: Debian's Poetry 1.3.2 reads only
 * [tool.poetry], so the template's PEP 621 pyproject.toml is restated in that form, and
 * poetry.lock written as that Poetry would for the wheelhouse.
 */
export async function fitPoetryProject(dir, wheels) {
  const path = join(dir, 'pyproject.toml');
  const name = /^name = "([^"]+)"/m.exec(readFileSync(path, 'utf8'))?.[1];
  writeFileSync(
    path,
    `[tool.poetry]\nname = "${name}"\nversion = "0.1.0"\ndescription = ""\nauthors = []\npackages = []\n\n[tool.poetry.dependencies]\npython = "^3.9"\nflask = "^2.2"\ngunicorn = "^23.0"\n`,
  );
  writeFileSync(
    join(dir, 'poetry.lock'),
    poetryLock(['flask', 'gunicorn'], wheels, await poetryContentHash(dir)),
  );
}
