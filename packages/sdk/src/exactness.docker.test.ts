/**
 * The proof of "what Docker sees is exactly what you wrote": hostile values go through every
 * builder method, the output is built by the real engine (Docker 20.10's built-in frontend, no
 * `# syntax=` line: `frontend: '1.2'`), and what Docker recorded is read back: the image config
 * (`docker image inspect`) and files the build wrote (argv of exec-form RUN, the text a
 * shell-form RUN hands its shell, cache-mount targets, bind-mount and COPY results). Every case
 * is either refused with a DockerfileBuildError naming the method and the value, or lands
 * exactly; the build itself must succeed, so nothing is emitted that the engine rejects.
 *
 * Cases are batched: one image holds every value of the positions that accumulate (ENV, LABEL,
 * VOLUME, COPY, mounts…) or take a list (exec form), and one small image per value holds the
 * positions where the last instruction wins (USER, WORKDIR, shell-form CMD/ENTRYPOINT/
 * HEALTHCHECK).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  docker,
  dockerBuild,
  removeImage,
  requireDockerEngine,
  uniqueName,
} from '@dockwright/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emit } from '../test/check.js';
import { commands, DockerfileBuildError, dockerfile, image, literal } from './index.js';

const engine = requireDockerEngine();

/** [what it is, the value]. */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['plain', 'plain'],
  ['double quotes', 'say "hi"'],
  ['single quote', "it's"],
  ['backslash', 'back\\slash'],
  ['trailing backslash', 'trail\\'],
  ['two backslashes', 'a\\\\b'],
  ['$NAME', '$HOME'],
  ['${NAME}', '${HOME}'],
  ['lone $', 'cost $'],
  ['$$', 'pa$$word'],
  ['$5', 'price $5'],
  ['${NAME:-default}', '${UNSET:-default}'],
  ['$(command)', '$(id)'],
  ['backticks', '`id`'],
  ['non-ASCII', 'café ñ 日本語 😀'],
  ['tab', 'a\tb'],
  ['edge spaces', '  edge  '],
  ['edge tabs', '\tedge\t'],
  ['no-break spaces at the edges', '\u00a0nbsp\u00a0'],
  ['U+0085 (Go whitespace)', 'nel\u0085x'],
  ['leading #', '#hash'],
  ['inner #', 'a # b'],
  ['--flag', '--flag'],
  ['-x', '-x'],
  ['heredoc marker', '<<EOF'],
  ['inner heredoc marker', 'a <<EOF b'],
  ['JSON array', '["json", "array"]'],
  ['JSON object', '{"k": "v"}'],
  ['=', 'a=b'],
  [',', 'a,b'],
  ['semicolon', 'a; b'],
  ['[brackets]', '[id].js'],
  ['*', 'st*r'],
  ['?', 'q?x'],
  ['{braces}', '{a,b}'],
  ['70,000 characters', `${'x'.repeat(35_000)}${'y'.repeat(35_000)}`],
];

/**
 * Docker 20.10's frontend builds words a character at a time (`word += string(ch)` in its
 * parser and lexer), so a 70,000-character value costs it seconds in every position it splits
 * or expands. By default the long value goes through the positions where that cost is paid
 * once (ENV value, shell-form RUN) or not at all (exec forms, shell-form CMD, the positions
 * that refuse it); `DOCKWRIGHT_EXACTNESS_FULL=1` puts it everywhere.
 */
const FULL = process.env.DOCKWRIGHT_EXACTNESS_FULL === '1';
const LONG_EVERYWHERE = new Set([
  'ENV value',
  'RUN shell form',
  'RUN exec form (argv)',
  'CMD exec form',
  'ENTRYPOINT exec form',
  'HEALTHCHECK exec form',
  'ENTRYPOINT shell form',
  'CMD shell form',
  'HEALTHCHECK shell form',
  'VOLUME',
  'COPY source',
  'ADD source',
  'COPY destination',
  'WORKDIR (directory created)',
  'cache mount target',
  'USER',
]);
/** Whether the suite builds `value` in `position` (see {@link FULL}). */
const builds = (position: string, value: string) =>
  FULL || value.length < 1000 || LONG_EVERYWHERE.has(position);

/** A value and whether it goes through `literal()`. */
interface Form {
  readonly label: string;
  readonly value: string;
  readonly literal: boolean;
}

/** Each value as itself, and through `literal()` when it holds a `$` (where the two differ). */
const FORMS: readonly Form[] = HOSTILE.flatMap(([label, value]) => [
  { label, value, literal: false },
  ...(value.includes('$') ? [{ label: `literal(${label})`, value, literal: true }] : []),
]);

const arg = (f: Form, prefix = ''): string =>
  (f.literal ? literal(prefix + f.value) : prefix + f.value) as string;

/** One value in one position, and what became of it. */
interface Case {
  readonly position: string;
  readonly form: Form;
  /** What Docker must report when the builder took the value. */
  readonly expected: unknown;
  refused?: DockerfileBuildError;
  got?: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: positions are driven from tables
type Any = any;

class Cases {
  readonly all: Case[] = [];

  /**
   * Applies `call` to `builder` for one case: a DockerfileBuildError records a refusal (and
   * leaves the builder as it was), anything else fails the test.
   */
  try(builder: Any, position: string, form: Form, expected: unknown, call: (b: Any) => Any): Any {
    if (!builds(position, form.value)) return builder;
    const c: Case = { position, form, expected };
    this.all.push(c);
    try {
      return call(builder);
    } catch (error) {
      if (!(error instanceof DockerfileBuildError)) throw error;
      c.refused = error;
      return builder;
    }
  }

  landed(): Case[] {
    return this.all.filter((c) => c.refused === undefined);
  }
}

/** A name for the value's file in the build context, where it is a valid file name. */
const asFileName = (v: string) => (v.length <= 200 && !v.includes('/') ? v : null);

/** `/proc/self/mountinfo` escapes space, tab, newline and backslash as octal. */
const unescapeMountinfo = (s: string) =>
  s.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));

const trimAscii = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

const SCRIPTS = {
  // SHELL ["node", "/t/rec.js"]: a shell-form RUN hands its text to this instead of /bin/sh.
  'rec.js': `const fs = require('fs');
fs.mkdirSync('/out', { recursive: true });
fs.appendFileSync('/out/shell.jsonl', JSON.stringify(process.argv[2]) + '\\n');`,
  'argv.js': `const fs = require('fs');
fs.mkdirSync('/out', { recursive: true });
fs.writeFileSync('/out/argv.json', JSON.stringify(process.argv.slice(2)));`,
  'mounts.js': `const fs = require('fs');
fs.mkdirSync('/out', { recursive: true });
fs.writeFileSync('/out/mountinfo', fs.readFileSync('/proc/self/mountinfo'));
const bind = {};
for (const target of process.argv.slice(2)) bind[target] = fs.readFileSync(target, 'utf8');
fs.writeFileSync('/out/bind.json', JSON.stringify(bind));`,
  // node /t/collect.js NAME DIR…: the files of each DIR (name -> content) into /out/NAME.json.
  'collect.js': `const fs = require('fs');
const read = (dir) => fs.existsSync(dir) ? Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.statSync(dir + '/' + f).isDirectory() ? null : fs.readFileSync(dir + '/' + f, 'utf8')])) : {};
const [name, ...dirs] = process.argv.slice(2);
fs.mkdirSync('/out', { recursive: true });
fs.writeFileSync('/out/' + name + '.json', JSON.stringify(Object.fromEntries(dirs.map((d) => [d, read(d)]))));
fs.writeFileSync('/out/env.json', JSON.stringify(process.env));`,
};

/**
 * Layers a stage adds (overlayfs stacks at most about 125) and RUNs it holds: BuildKit builds
 * stages side by side, which keeps the suite fast.
 */
const LAYERS_PER_STAGE = 25;
const RUNS_PER_STAGE = 9;

/** Positions no hostile value can fill (each must be refused), with the values that may. */
const REFUSAL_ONLY = new Set(['plain', '70,000 characters']);

describe.skipIf(!engine)('hostile values in the real engine (Docker 20.10 frontend)', () => {
  const context = mkdtempSync(join(tmpdir(), 'dw-sdk-exact-'));
  const images: string[] = [];
  const cases = new Cases();
  let inspect: Record<string, Any> = {};
  const report: Record<string, Any> = {};
  const perValue: { tag: string; config?: Any; cases: Case[]; text?: string }[] = [];
  const timings: string[] = [];

  /** A throwaway stage to see whether the builder takes one value in one position. */
  const probe = (): Any => dockerfile({ frontend: '1.2' }).from('node:22-slim');
  /** A stage with node and the helper scripts. */
  const node = (b: Any, as: string): Any => b.from('node:22-slim', { as }).copy('t', '/t/');
  const timed = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await run();
    timings.push(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    return result;
  };

  beforeAll(async () => {
    mkdirSync(join(context, 't'));
    for (const [name, text] of Object.entries(SCRIPTS))
      writeFileSync(join(context, 't', name), text);
    writeFileSync(join(context, 'payload.txt'), 'payload');
    HOSTILE.forEach(([, v], i) => {
      const name = asFileName(v);
      if (name !== null) writeFileSync(join(context, name), `file ${i}`);
    });
    const fileContent = (v: string) => `file ${HOSTILE.findIndex(([, x]) => x === v)}`;
    const raw = HOSTILE.map(([label, value]) => ({ label, value, literal: false }));
    const values = raw.map((f) => f.value);

    // ---- the image whose config is read back: metadata and list positions ----------------
    let m: Any = dockerfile({ frontend: '1.2' }).from('debian:12-slim');
    const env = (f: Form, i: number) => `E_${i}${f.literal ? 'L' : ''}`;
    FORMS.forEach((f, i) => {
      const v = f.value;
      m = cases.try(m, 'ENV value', f, { key: env(f, i), value: v }, (s) =>
        s.env(env(f, i), arg(f)),
      );
      m = cases.try(m, 'ENV key', f, { key: v, value: 'k' }, (s) => s.env(arg(f), 'k'));
      m = cases.try(m, 'LABEL value', f, { key: `l.${i}`, value: v }, (s) =>
        s.label(`l.${i}`, arg(f)),
      );
      m = cases.try(m, 'LABEL key', f, { key: v, value: 'v' }, (s) => s.label(arg(f), 'v'));
      m = cases.try(m, 'VOLUME', f, `/vol/${v}`, (s) => s.volume(arg(f, '/vol/')));
    });
    for (const f of raw) {
      cases.all.push({ position: 'CMD exec form', form: f, expected: f.value });
      cases.all.push({ position: 'ENTRYPOINT exec form', form: f, expected: f.value });
      cases.all.push({ position: 'HEALTHCHECK exec form', form: f, expected: f.value });
    }
    m = m.entrypoint(values).cmd(values).healthcheck(values, { interval: '30s', retries: 3 });
    // What EXPOSE and STOPSIGNAL take: ports and signals (every hostile value is refused below).
    const valid = (label: string, value: string): Form => ({ label, value, literal: false });
    m = cases.try(m, 'EXPOSE', valid('a range', '8000-8001/tcp'), ['8000/tcp', '8001/tcp'], (s) =>
      s.expose('8000-8001/tcp'),
    );
    m = cases.try(m, 'EXPOSE', valid('udp', '53/udp'), ['53/udp'], (s) => s.expose('53/udp'));
    m = cases.try(m, 'STOPSIGNAL', valid('a real-time signal', 'SIGRTMIN+3'), 'SIGRTMIN+3', (s) =>
      s.stopsignal('SIGRTMIN+3'),
    );
    const workdir = {
      label: 'quotes, backslash, $5, non-ASCII',
      value: '/wd/say "hi" \\ $5 café',
      literal: false,
    };
    m = cases.try(m, 'WORKDIR (image config)', workdir, workdir.value, (s) =>
      s.workdir(workdir.value),
    );
    for (const f of FORMS.filter((x) => !REFUSAL_ONLY.has(x.label))) {
      cases.try(m, 'EXPOSE', f, null, (s) => s.expose(arg(f)));
      cases.try(m, 'STOPSIGNAL', f, null, (s) => s.stopsignal(arg(f)));
      cases.try(m, 'FROM image', f, null, () => (dockerfile() as Any).from(arg(f)));
      cases.try(m, 'FROM AS (stage name)', f, null, () =>
        (dockerfile() as Any).from('alpine', { as: arg(f) }),
      );
      cases.try(m, 'image() for --from', f, null, (s) =>
        s.copy('a', '/a', { from: image(arg(f)) }),
      );
      cases.try(m, 'COPY --chown', f, null, (s) => s.copy('a', '/a', { chown: arg(f) }));
    }

    // ---- the file stages, exported: what RUN, COPY, ADD, WORKDIR and mounts wrote ----------
    // main: exec-form argv, ARG defaults, COPY and ADD sources, mounts.
    let b: Any = node(dockerfile({ frontend: '1.2' }), 'main');
    for (const f of raw)
      cases.all.push({ position: 'RUN exec form (argv)', form: f, expected: f.value });
    b = b.run(['node', '/t/argv.js', ...values]);

    FORMS.forEach((f, i) => {
      b = cases.try(b, 'ARG default (RUN environment)', f, { key: `A_${i}`, value: f.value }, (s) =>
        s.arg(`A_${i}`, arg(f)),
      );
    });

    // Sources: a few per instruction, since Docker 20.10's BuildKit can fail a file operation
    // with many actions ("flightcontrol: exceeded retry timeout", moby/buildkit#1822).
    const sources: Record<string, Any[]> = { copied: [], copiedL: [], added: [], addedL: [] };
    for (const f of FORMS) {
      for (const [method, dir] of [
        ['copy', 'copied'],
        ['add', 'added'],
      ] as const) {
        const to = f.literal ? `${dir}L` : dir;
        const expected = { dir: `/${to}`, file: f.value, content: fileContent(f.value) };
        cases.try(null, `${method.toUpperCase()} source`, f, expected, () => {
          probe()[method](arg(f), `/${to}/`);
          sources[to]!.push(arg(f));
        });
      }
    }
    for (const [dir, list] of Object.entries(sources)) {
      for (let i = 0; i < list.length; i += 6) {
        b = b[dir.startsWith('copied') ? 'copy' : 'add'](list.slice(i, i + 6), `/${dir}/`);
      }
    }

    // Mounts: one RUN with a cache mount per value, and a bind mount per file in the context.
    const mounts: Any[] = [];
    const bindTargets: string[] = [];
    FORMS.forEach((f, i) => {
      const target = f.literal ? `/ml/${f.value}` : `/m/${f.value}`;
      cases.try(null, 'cache mount target', f, target, () => {
        const mount: Any = {
          type: 'cache',
          target: f.literal ? literal(target) : target,
          id: `m${i}`,
        };
        probe().run('true', { mounts: [mount] });
        mounts.push(mount);
      });
      const name = asFileName(f.value);
      if (name !== null && !f.literal) {
        cases.try(null, 'bind mount source', f, fileContent(name), () => {
          const mount: Any = { type: 'bind', source: name, target: `/b/${i}` };
          probe().run('true', { mounts: [mount] });
          mounts.push(mount);
          bindTargets.push(`/b/${i}`);
        });
      }
    });
    b = b
      .run(['node', '/t/mounts.js', ...bindTargets], { mounts })
      .run(['node', '/t/collect.js', 'sources', ...Object.keys(sources).map((d) => `/${d}`)]);

    // Shell form: the text a RUN hands its shell, recorded by a SHELL that writes it down.
    // A RUN starts a container: spread them over stages, which BuildKit runs side by side.
    const shellStages: { name: string; cases: Case[] }[] = [];
    const listed: string[] = [];
    raw.forEach((f, i) => {
      if (i % RUNS_PER_STAGE === 0) {
        shellStages.push({ name: `shell${shellStages.length}`, cases: [] });
        b = node(b, shellStages.at(-1)!.name).shell(['/usr/local/bin/node', '/t/rec.js']);
      }
      const before = cases.all.length;
      b = cases.try(b, 'RUN shell form', f, trimAscii(f.value), (s) => s.run(f.value));
      shellStages.at(-1)!.cases.push(...cases.all.slice(before).filter((c) => !c.refused));
      cases.try(null, 'RUN commands(…)', f, null, () => {
        probe().run(commands(f.value, 'true'));
        listed.push(f.value);
      });
    });
    // What commands() takes, all in one RUN: one logical line joined with "&&".
    b = b.run(commands(...listed));
    const joined = listed.map(trimAscii).join('     && ');
    for (const c of cases.all) {
      if (c.position === 'RUN commands(…)' && !c.refused)
        (c as { expected: unknown }).expected = joined;
    }

    // WORKDIR creates its directory; COPY writes its destination: a layer each.
    const layered = [
      ...FORMS.map((f) => ({ f, position: 'WORKDIR (directory created)' })),
      ...FORMS.map((f) => ({ f, position: 'COPY destination' })),
    ];
    const stages: string[] = [];
    for (let start = 0; start < layered.length; start += LAYERS_PER_STAGE) {
      const stage = `layers${stages.length}`;
      stages.push(stage);
      b = node(b, stage);
      for (const { f, position } of layered.slice(start, start + LAYERS_PER_STAGE)) {
        b =
          position === 'COPY destination'
            ? cases.try(b, position, f, { file: f.value, content: 'payload' }, (s) =>
                s.copy('payload.txt', arg(f, '/dst/')),
              )
            : cases.try(b, position, f, f.value, (s) => s.workdir(arg(f, '/wd/')));
      }
      b = b.workdir('/').run(['node', '/t/collect.js', stage, '/dst', '/wd']);
    }

    b = b.from('scratch', { as: 'report' });
    for (const stage of ['main', ...shellStages.map((x) => x.name), ...stages]) {
      b = b.copy('/out', `/${stage}/`, { from: stage });
    }

    // ---- one small image per value: the positions where the last instruction wins ---------
    for (const f of FORMS) {
      const pv = { tag: `${uniqueName('sdk-exact')}:v`, cases: [] as Case[] };
      let s: Any = dockerfile({ frontend: '1.2' }).from('debian:12-slim');
      const at = (position: string, expected: unknown, call: (x: Any) => Any) => {
        const before = cases.all.length;
        s = cases.try(s, position, f, expected, call);
        pv.cases.push(...cases.all.slice(before));
      };
      if (!f.literal) {
        at('ENTRYPOINT shell form', ['/bin/sh', '-c', trimAscii(f.value)], (x) =>
          x.entrypoint(f.value, { shell: true }),
        );
        at('CMD shell form', ['/bin/sh', '-c', trimAscii(f.value)], (x) =>
          x.cmd(f.value, { shell: true }),
        );
        at('HEALTHCHECK shell form', ['CMD-SHELL', trimAscii(f.value)], (x) =>
          x.healthcheck(f.value),
        );
      }
      at('USER', f.value, (x) => x.user(arg(f)));
      if (pv.cases.every((c) => c.refused !== undefined)) continue;
      perValue.push({ ...pv, text: emit(s) });
      images.push(pv.tag);
    }

    // ---- build: the config image, the exported files, the small images ---------------------
    writeFileSync(join(context, 'Dockerfile.config'), emit(m));
    writeFileSync(join(context, 'Dockerfile.files'), emit(b));
    const tag = `${uniqueName('sdk-exact')}:config`;
    images.push(tag);
    const out = join(context, 'report');
    await Promise.all([
      timed('config image', async () => {
        const built = await dockerBuild(context, tag, {
          dockerfile: 'Dockerfile.config',
        });
        expect(built.ok, built.output.slice(-4000)).toBe(true);
        inspect = JSON.parse((await docker(['image', 'inspect', tag])).stdout)[0].Config;
      }),
      timed('file stages', async () => {
        const built = await docker(
          [
            'build',
            '--progress=plain',
            '-f',
            'Dockerfile.files',
            '-o',
            `type=local,dest=${out}`,
            '.',
          ],
          { cwd: context, env: { DOCKER_BUILDKIT: '1' } },
        );
        expect(built.code, built.stderr.slice(-4000)).toBe(0);
      }),
    ]);
    await timed(`${perValue.length} small images`, async () => {
      // A few at a time: the engine is shared.
      for (let i = 0; i < perValue.length; i += 4) {
        await Promise.all(
          perValue.slice(i, i + 4).map(async (pv) => {
            const built = await dockerBuild(context, pv.tag, {
              dockerfileText: pv.text!,
            });
            expect(built.ok, `${pv.text!.slice(0, 2000)}\n${built.output.slice(-3000)}`).toBe(true);
            pv.config = JSON.parse((await docker(['image', 'inspect', pv.tag])).stdout)[0].Config;
          }),
        );
      }
    });

    const json = (path: string) => JSON.parse(readFileSync(join(out, path), 'utf8'));
    report.argv = json('main/argv.json');
    report.env = json('main/env.json');
    report.sources = json('main/sources.json');
    report.bind = json('main/bind.json');
    report.mounts = readFileSync(join(out, 'main/mountinfo'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => unescapeMountinfo(l.split(' ')[4]!));
    for (const stage of shellStages) {
      const recorded = readFileSync(join(out, `${stage.name}/shell.jsonl`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string);
      stage.cases.forEach((c, i) => {
        c.got = recorded[i];
      });
      if (stage === shellStages.at(-1)) report.joined = recorded[stage.cases.length];
    }
    report.dst = {};
    report.wd = {};
    for (const stage of stages) {
      const files = json(`${stage}/${stage}.json`);
      Object.assign(report.dst, files['/dst']);
      Object.assign(report.wd, files['/wd']);
    }
  }, 900_000);

  afterAll(async () => {
    await Promise.all(images.map((tag) => removeImage(tag)));
    rmSync(context, { recursive: true, force: true });
  }, 120_000);

  const envOf = (list: readonly string[] | null) =>
    Object.fromEntries(
      (list ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
    );

  /** What Docker recorded for a case that landed. */
  function got(c: Case): unknown {
    const f = c.form;
    const i = FORMS.indexOf(f as Form);
    const e = c.expected as Any;
    switch (c.position) {
      case 'ENV value':
      case 'ENV key':
        return { key: e.key, value: envOf(inspect.Env)[e.key] };
      case 'LABEL value':
      case 'LABEL key':
        return { key: e.key, value: inspect.Labels?.[e.key] };
      case 'ARG default (RUN environment)':
        return { key: e.key, value: report.env[e.key] };
      case 'VOLUME':
        return Object.hasOwn(inspect.Volumes ?? {}, e) ? e : Object.keys(inspect.Volumes ?? {});
      case 'COPY destination':
        return { file: e.file, content: report.dst[e.file] };
      case 'WORKDIR (image config)':
        return inspect.WorkingDir;
      case 'EXPOSE':
        return (e as string[]).filter((p) => Object.hasOwn(inspect.ExposedPorts ?? {}, p));
      case 'STOPSIGNAL':
        return inspect.StopSignal;
      case 'WORKDIR (directory created)':
        return Object.hasOwn(report.wd, e) ? e : `no directory (${i})`;
      case 'COPY source':
      case 'ADD source':
        return { dir: e.dir, file: e.file, content: report.sources[e.dir]?.[e.file] };
      case 'RUN exec form (argv)':
        return report.argv[HOSTILE.findIndex(([, v]) => v === f.value)];
      case 'CMD exec form':
        return inspect.Cmd[HOSTILE.findIndex(([, v]) => v === f.value)];
      case 'ENTRYPOINT exec form':
        return inspect.Entrypoint[HOSTILE.findIndex(([, v]) => v === f.value)];
      case 'HEALTHCHECK exec form':
        return inspect.Healthcheck.Test[1 + HOSTILE.findIndex(([, v]) => v === f.value)];
      case 'RUN shell form':
        return c.got;
      case 'RUN commands(…)':
        return report.joined;
      case 'cache mount target':
        return report.mounts.includes(e) ? e : `not mounted (${i})`;
      case 'bind mount source':
        return report.bind[`/b/${i}`];
      default: {
        const pv = perValue.find((p) => p.cases.includes(c));
        const config = pv?.config;
        if (!config) return undefined;
        if (c.position === 'ENTRYPOINT shell form') return config.Entrypoint;
        if (c.position === 'CMD shell form') return config.Cmd;
        if (c.position === 'HEALTHCHECK shell form') return config.Healthcheck?.Test;
        if (c.position === 'USER') return config.User;
        return undefined;
      }
    }
  }

  it('every value that was not refused lands exactly', () => {
    const landed = cases.landed();
    expect(landed.length).toBeGreaterThan(300);
    const wrong = landed
      .map((c) => ({
        position: c.position,
        value: c.form.label,
        expected: c.expected,
        got: got(c),
      }))
      .filter((r) => JSON.stringify(r.got) !== JSON.stringify(r.expected));
    expect(wrong).toEqual([]);
  });

  it('every refusal is a DockerfileBuildError naming the method and the value', () => {
    for (const c of cases.all) {
      if (c.refused === undefined) continue;
      const shown = JSON.stringify(c.form.value).slice(1, 30);
      const message = c.refused.message;
      expect(message, c.position).toMatch(/^[a-z]+\(\): /);
      expect(message.startsWith(`${c.refused.method}(): `), message).toBe(true);
      // The value is quoted in the message (a long one cut), or the message is about a part of
      // it that stands alone (a path under /wd/, a mount target).
      expect(
        message.includes(shown) ||
          message.includes(JSON.stringify(c.form.value.slice(0, 20)).slice(1, -1)),
        `${c.position}: ${message}`,
      ).toBe(true);
    }
  });

  it('a literal() value is never refused for holding a variable reference', () => {
    // literal() promises "no expansion": a `$` in it can name no undeclared variable.
    const refused = cases.all
      .filter((c) => c.form.literal && c.refused && /\buses [A-Za-z_]/.test(c.refused.message))
      .map((c) => `${c.position}: ${c.refused!.message}`);
    expect(refused).toEqual([]);
  });

  it('reports what it built', () => {
    const byPosition = new Map<string, { landed: number; refused: number }>();
    for (const c of cases.all) {
      const row = byPosition.get(c.position) ?? { landed: 0, refused: 0 };
      if (c.refused) row.refused++;
      else row.landed++;
      byPosition.set(c.position, row);
    }
    const total = cases.all.length;
    const refused = cases.all.filter((c) => c.refused).length;
    console.log(
      `${total} hostile cases: ${total - refused} built and read back exactly, ${refused} refused\n${[...byPosition].map(([p, r]) => `  ${p}: ${r.landed} landed, ${r.refused} refused`).join('\n')}\n${timings.join(', ')}`,
    );
    expect(total).toBeGreaterThan(600);
  });
});
