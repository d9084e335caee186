import { describe, expect, it } from 'vitest';
import { emit } from '../test/check.js';
import { arg, commands, dockerfile, heredoc, image, literal } from './index.js';

const stage = () => dockerfile().from('node:22-slim', { as: 'build' });

describe('dockerfile() preamble and stages', () => {
  it('writes ARG, comments and FROM with a blank line between stages', () => {
    const v = arg('NODE_VERSION', '22');
    const build = dockerfile()
      .comment('two stages')
      .arg(v)
      .arg('BASE')
      .from(`node:${v}-slim`, { as: 'build', platform: '$BUILDPLATFORM' })
      .run('npm ci');
    expect(
      emit(build.from('${BASE}').copy('/app/dist', '/srv/', { from: build.stage })),
    ).toMatchInlineSnapshot(`
      "# two stages
      ARG NODE_VERSION=22
      ARG BASE

      FROM --platform=$BUILDPLATFORM node:\${NODE_VERSION}-slim AS build
      RUN npm ci

      FROM \${BASE}
      COPY --from=build /app/dist /srv/
      "
    `);
  });

  it('FROM --platform with global and platform ARGs', () => {
    const text = emit(
      dockerfile()
        .arg('ARCH', 'arm64')
        .from('a', { platform: 'linux/${ARCH}' as never })
        .from('b', { platform: '${TARGETPLATFORM}' })
        .from('c', { platform: '$BUILDPLATFORM' }),
    );
    expect(text).toContain('FROM --platform=linux/${ARCH} a\n');
    expect(text).toContain('FROM --platform=${TARGETPLATFORM} b\n');
    expect(text).toContain('FROM --platform=$BUILDPLATFORM c\n');
  });

  it('FROM an earlier stage and with a platform', () => {
    const base = dockerfile().from('alpine:3.20', { as: 'base' });
    expect(
      emit(base.from(base.stage, { as: 'final', platform: 'linux/arm64' })),
    ).toMatchInlineSnapshot(`
      "FROM alpine:3.20 AS base

      FROM --platform=linux/arm64 base AS final
      "
    `);
  });

  it('an explicit syntax directive', () => {
    expect(
      emit(dockerfile().syntax('docker/dockerfile:1.7').from('alpine')),
    ).toMatchInlineSnapshot(`
      "# syntax=docker/dockerfile:1.7

      FROM alpine
      "
    `);
  });

  it('forks: both branches keep their own instructions', () => {
    const base = stage().workdir('/app');
    const a = base.run('echo a');
    const b = base.run('echo b');
    expect(emit(a)).toContain('echo a');
    expect(emit(a)).not.toContain('echo b');
    expect(emit(b)).toContain('echo b');
    expect(emit(base)).not.toContain('echo');
  });
});

describe('instructions', () => {
  const cases: [
    string,
    () => { toString(): string; toAst(): never } | { toString(): string; toAst(): unknown },
  ][] = [];
  void cases;

  it('WORKDIR, USER, STOPSIGNAL quote what needs quoting', () => {
    expect(
      emit(
        stage()
          .workdir('/app')
          .workdir('/my app')
          .workdir('--odd')
          .workdir('C:\\dir')
          .user('node')
          .user('1000', '1000')
          .user('a b')
          .stopsignal('SIGTERM')
          .stopsignal(9),
      ),
    ).toMatchInlineSnapshot(`
      "FROM node:22-slim AS build
      WORKDIR /app
      WORKDIR "/my app"
      WORKDIR "--odd"
      WORKDIR "C:\\\\dir"
      USER node
      USER 1000:1000
      USER "a b"
      STOPSIGNAL SIGTERM
      STOPSIGNAL 9
      "
    `);
  });

  it('ENV and LABEL values quoted for spaces, quotes, $ and the escape char', () => {
    expect(
      emit(
        stage()
          .env('PLAIN', 'value')
          .env('SPACES', 'hello world')
          .env('QUOTES', `it's "quoted"`)
          .env('DOLLAR', 'cost $5')
          .env('BACKSLASH', 'C:\\path')
          .env('EMPTY', '')
          .env({ A: '1', B: '2' })
          .env('REF', '${A}/bin')
          .label('org.opencontainers.image.title', 'My app')
          .label({ 'com.example.a': 'x', 'com.example.b': 'y z' }),
      ),
    ).toMatchInlineSnapshot(`
      "FROM node:22-slim AS build
      ENV PLAIN=value
      ENV SPACES="hello world"
      ENV QUOTES="it's \\"quoted\\""
      ENV DOLLAR="cost \\$5"
      ENV BACKSLASH="C:\\\\path"
      ENV EMPTY=""
      ENV A=1 B=2
      ENV REF="\${A}/bin"
      LABEL org.opencontainers.image.title="My app"
      LABEL com.example.a=x com.example.b="y z"
      "
    `);
  });

  it('ARG in a stage, with and without default', () => {
    expect(
      emit(dockerfile().arg('V', '1').from('alpine').arg('V').arg('MODE', 'a b')),
    ).toMatchInlineSnapshot(`
      "ARG V=1

      FROM alpine
      ARG V
      ARG MODE="a b"
      "
    `);
  });

  it('RUN in every form', () => {
    expect(
      emit(
        stage()
          .run('npm ci')
          .run(['npm', 'run', 'build'])
          .run(commands('apt-get update', 'apt-get install -y curl', 'rm -rf /var/lib/apt/lists/*'))
          .run(commands('only one')),
      ),
    ).toMatchInlineSnapshot(`
      "FROM node:22-slim AS build
      RUN npm ci
      RUN ["npm", "run", "build"]
      RUN apt-get update \\
          && apt-get install -y curl \\
          && rm -rf /var/lib/apt/lists/*
      RUN only one
      "
    `);
  });

  it('RUN mounts of every type and option', () => {
    const build = stage();
    expect(
      emit(
        build.from('node:22-slim').run('npm ci', {
          mounts: [
            { type: 'bind', target: '/src', source: 'app', from: 'build', readwrite: true },
            { type: 'bind', target: '/img', from: image('alpine:3.20') },
            {
              type: 'cache',
              target: '/root/.npm',
              id: 'npm',
              sharing: 'locked',
              mode: 0o755,
              uid: 1000,
              gid: 1000,
              readonly: true,
            },
            { type: 'cache', target: '/c', from: build.stage, source: '/cache' },
            { type: 'tmpfs', target: '/tmp', size: '64m' },
            {
              type: 'secret',
              id: 'npmrc',
              target: '/root/.npmrc',
              required: true,
              mode: '0400',
              uid: 0,
              gid: 0,
            },
            { type: 'ssh', id: 'default', target: '/ssh', required: false, mode: 0o600 },
            { type: 'bind', target: '/with space,comma', source: 'a"b' },
          ],
        }),
      ),
    ).toMatchInlineSnapshot(`
      "# syntax=docker/dockerfile:1.4

      FROM node:22-slim AS build

      FROM node:22-slim
      RUN --mount=type=bind,target=/src,source=app,from=build,rw \\
          --mount=type=bind,target=/img,from=alpine:3.20 \\
          --mount=type=cache,target=/root/.npm,id=npm,sharing=locked,mode=0755,uid=1000,gid=1000,ro \\
          --mount=type=cache,target=/c,from=build,source=/cache \\
          --mount=type=tmpfs,target=/tmp,size=64m \\
          --mount=type=secret,id=npmrc,target=/root/.npmrc,required=true,mode=0400,uid=0,gid=0 \\
          --mount=type=ssh,id=default,target=/ssh,required=false,mode=0600 \\
          --mount="type=bind,\\"target=/with space,comma\\",\\"source=a\\\\\\"\\"b\\"" \\
          npm ci
      "
    `);
  });

  it('RUN network, security, device and secret env need newer frontends', () => {
    expect(
      emit(
        dockerfile()
          .from('alpine')
          .run('wget x', { network: 'none' })
          .run('id', { security: 'insecure' })
          .run('nvidia-smi', {
            devices: ['vendor.com/gpu=all', { name: 'x.com/y', required: true }],
          })
          .run('cat', { mounts: [{ type: 'secret', id: 'token', env: 'TOKEN' }] }),
      ),
    ).toMatchInlineSnapshot(`
      "# syntax=docker/dockerfile:1.20-labs

      FROM alpine
      RUN --network=none wget x
      RUN --security=insecure id
      RUN --device=vendor.com/gpu=all --device=x.com/y,required nvidia-smi
      RUN --mount=type=secret,id=token,env=TOKEN cat
      "
    `);
  });

  it('heredoc RUN and COPY', () => {
    expect(
      emit(
        stage()
          .run(heredoc('set -e\necho hi'))
          .run(heredoc('print(1)\n', { command: 'python3' }))
          .copy(heredoc('hello $USER\n'), '/app/hello.txt')
          .copy([heredoc('a\n'), heredoc('EOF\n', { expand: true })], '/app/'),
      ),
    ).toMatchInlineSnapshot(`
      "# syntax=docker/dockerfile:1.4

      FROM node:22-slim AS build
      RUN <<EOF
      set -e
      echo hi
      EOF
      RUN <<EOF python3
      print(1)
      EOF
      COPY <<'EOF' /app/hello.txt
      hello $USER
      EOF
      COPY <<'EOF' <<EOF2 /app/
      a
      EOF
      EOF
      EOF2
      "
    `);
  });

  it('COPY with every flag', () => {
    const build = stage();
    expect(
      emit(
        build
          .from('node:22-slim')
          .copy(['package.json', 'package-lock.json'], './')
          .copy('/app/dist', '/srv/', {
            from: 'build',
            chown: 'node:node',
            chmod: 0o755,
            link: true,
          })
          .copy('/usr/bin/x', '/usr/bin/', { from: image('alpine:3.20'), chmod: 'u=rwX,go=rX' })
          .copy('src', '/app/', { parents: true, exclude: ['*.md', '**/test'] })
          .copy('my file.txt', '/app/dir with space/')
          .copy('a"b', 'c$5')
          .copy('.', '.', { link: false }),
      ),
    ).toMatchInlineSnapshot(`
      "# syntax=docker/dockerfile:1.20

      FROM node:22-slim AS build

      FROM node:22-slim
      COPY package.json package-lock.json ./
      COPY --from=build --chown=node:node --chmod=0755 --link /app/dist /srv/
      COPY --from=alpine:3.20 --chmod=u=rwX,go=rX /usr/bin/x /usr/bin/
      COPY --parents --exclude=*.md --exclude=**/test src /app/
      COPY ["my file.txt", "/app/dir with space/"]
      COPY a\\"b c\\$5
      COPY --link=false . .
      "
    `);
  });

  it('ADD with every flag', () => {
    expect(
      emit(
        stage()
          .add('https://example.com/a.tar.gz', '/opt/', {
            checksum: 'sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d',
            unpack: true,
          })
          .add('https://github.com/moby/buildkit.git#v0.12.0', '/src', { keepGitDir: true })
          .add('app.tar', '/app/', {
            chown: '1000:1000',
            chmod: '0644',
            link: true,
            exclude: '*.tmp',
          }),
      ),
    ).toMatchInlineSnapshot(`
      "# syntax=docker/dockerfile:1.19

      FROM node:22-slim AS build
      ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \\
          --unpack=true \\
          https://example.com/a.tar.gz /opt/
      ADD --keep-git-dir https://github.com/moby/buildkit.git#v0.12.0 /src
      ADD --chown=1000:1000 --chmod=0644 --link --exclude=*.tmp app.tar /app/
      "
    `);
  });

  it('EXPOSE, VOLUME, SHELL, HEALTHCHECK, ONBUILD, ENTRYPOINT, CMD', () => {
    expect(
      emit(
        stage()
          .expose(8080, '53/udp', '8000-8010', '9000-9001/tcp', 0, 65535)
          .volume('/data')
          .volume('/a', '/b c')
          .shell(['/bin/bash', '-o', 'pipefail', '-c'])
          .healthcheck(['curl', '-f', 'http://localhost/'], {
            interval: '30s',
            timeout: '5s',
            startPeriod: '1m30s',
            startInterval: '500ms',
            retries: 3,
          })
          .healthcheck('curl -f http://localhost/ || exit 1')
          .healthcheck(false)
          .onbuild((b) => b.run('npm ci'))
          .onbuild((b) => b.copy('.', '/app/'))
          .entrypoint(['docker-entrypoint.sh'])
          .entrypoint('exec node', { shell: true })
          .cmd(['node', 'server.js', 'say "hi"'])
          .cmd('npm start', { shell: true })
          .cmd([])
          .comment('the end\nreally'),
      ),
    ).toMatchInlineSnapshot(`
      "# syntax=docker/dockerfile:1.6

      FROM node:22-slim AS build
      EXPOSE 8080 53/udp 8000-8010 9000-9001/tcp 0 65535
      VOLUME /data
      VOLUME ["/a", "/b c"]
      SHELL ["/bin/bash", "-o", "pipefail", "-c"]
      HEALTHCHECK --interval=30s \\
          --timeout=5s \\
          --start-period=1m30s \\
          --start-interval=500ms \\
          --retries=3 \\
          CMD ["curl", "-f", "http://localhost/"]
      HEALTHCHECK CMD curl -f http://localhost/ || exit 1
      HEALTHCHECK NONE
      ONBUILD RUN npm ci
      ONBUILD COPY . /app/
      ENTRYPOINT ["docker-entrypoint.sh"]
      ENTRYPOINT exec node
      CMD ["node", "server.js", "say \\"hi\\""]
      CMD npm start
      CMD []
      # the end
      # really
      "
    `);
  });
});

describe('frontend versions', () => {
  const cases: [
    string,
    (s: ReturnType<typeof stage>) => ReturnType<typeof stage>,
    string | null,
  ][] = [
    ['plain', (s) => s.run('x'), null],
    [
      'mount (1.2 built in)',
      (s) => s.run('x', { mounts: [{ type: 'cache', target: '/c' }] }),
      null,
    ],
    ['octal chmod (1.2)', (s) => s.copy('a', 'b', { chmod: 0o644 }), null],
    ['network', (s) => s.run('x', { network: 'host' }), 'docker/dockerfile:1.3'],
    ['heredoc', (s) => s.run(heredoc('x')), 'docker/dockerfile:1.4'],
    ['COPY --link', (s) => s.copy('a', 'b', { link: true }), 'docker/dockerfile:1.4'],
    [
      'ADD --checksum',
      (s) => s.add('https://x/y', '/y', { checksum: `sha256:${'0'.repeat(64)}` }),
      'docker/dockerfile:1.6',
    ],
    [
      'ADD --unpack',
      (s) => s.add('https://x/y.tgz', '/y', { unpack: true }),
      'docker/dockerfile:1.17',
    ],
    ['--exclude', (s) => s.copy('a', 'b', { exclude: 'x' }), 'docker/dockerfile:1.19'],
    ['--parents', (s) => s.copy('a', 'b', { parents: true }), 'docker/dockerfile:1.20'],
    ['symbolic chmod', (s) => s.copy('a', 'b', { chmod: 'u+x' }), 'docker/dockerfile:1.14'],
    ['device', (s) => s.run('x', { devices: ['a'] }), 'docker/dockerfile:1.14-labs'],
    [
      'newest wins',
      (s) => s.copy('a', 'b', { link: true, parents: true }),
      'docker/dockerfile:1.20',
    ],
  ];
  it.each(cases)('%s', (_name, make, syntax) => {
    const text = emit(make(stage()));
    const first = text.split('\n')[0]!;
    if (syntax === null) expect(first.startsWith('#')).toBe(false);
    else expect(first).toBe(`# syntax=${syntax}`);
  });

  it('the frontend option caps the version', () => {
    const capped = () => dockerfile({ frontend: '1.2' }).from('alpine');
    expect(() => capped().copy('a', 'b', { link: true })).toThrowErrorMatchingInlineSnapshot(
      `[DockerfileBuildError: copy(): --link needs Dockerfile frontend 1.4 (# syntax=docker/dockerfile:1.4), but the frontend option caps it at 1.2]`,
    );
    expect(() => capped().run(heredoc('x'))).toThrowErrorMatchingInlineSnapshot(
      `[DockerfileBuildError: run(): a heredoc needs Dockerfile frontend 1.4 (# syntax=docker/dockerfile:1.4), but the frontend option caps it at 1.2]`,
    );
    expect(() =>
      dockerfile({ frontend: '1.20' })
        .from('a')
        .run('x', { devices: ['a'] }),
    ).toThrow(/labs/);
    expect(emit(capped().run('x', { mounts: [{ type: 'cache', target: '/c' }] }))).not.toContain(
      'syntax',
    );
    expect(
      emit(dockerfile({ frontend: '1.4' }).from('a').copy('a', 'b', { link: true })),
    ).toContain('# syntax=docker/dockerfile:1.4');
  });

  it('an explicit versioned syntax() caps the version too', () => {
    const old = () => dockerfile().syntax('docker/dockerfile:1.2').from('a');
    expect(() => old().run(heredoc('x'))).toThrowErrorMatchingInlineSnapshot(
      `[DockerfileBuildError: run(): a heredoc needs Dockerfile frontend 1.4 (# syntax=docker/dockerfile:1.4), but # syntax=docker/dockerfile:1.2 caps it at 1.2]`,
    );
    expect(() =>
      dockerfile().syntax('docker.io/docker/dockerfile:1.4.3').from('a').copy('a', 'b/', {
        exclude: 'x',
      }),
    ).toThrow(
      /--exclude needs Dockerfile frontend 1\.19 .*# syntax=docker\.io\/docker\/dockerfile:1\.4\.3 caps it at 1\.4$/,
    );
    expect(() =>
      dockerfile()
        .syntax('docker/dockerfile:1.20')
        .from('a')
        .run('x', { devices: ['a'] }),
    ).toThrow(/RUN --device needs Dockerfile frontend 1\.14-labs/);
    // Within the cap: the directive stays as given.
    expect(
      emit(dockerfile().syntax('docker/dockerfile:1.7-labs').from('a').run(heredoc('x'))),
    ).toMatch(/^# syntax=docker\/dockerfile:1\.7-labs\n/);
    expect(
      emit(
        dockerfile()
          .syntax('docker/dockerfile:1.14-labs')
          .from('a')
          .run('x', { devices: ['a'] }),
      ),
    ).toMatch(/^# syntax=docker\/dockerfile:1\.14-labs\n/);
  });

  it.each([
    'docker/dockerfile:1',
    'docker/dockerfile:1-labs',
    'docker/dockerfile:latest',
    'example.com/my/frontend:1.0',
  ])('syntax(%s) is unversioned or not docker/dockerfile: no cap', (value) => {
    const text = emit(dockerfile().syntax(value).from('a').copy('a', 'b/', { parents: true }));
    expect(text.split('\n')[0]).toBe(`# syntax=${value}`);
  });

  it('syntax() and the frontend option both cap', () => {
    expect(() =>
      dockerfile({ frontend: '1.20' })
        .syntax('docker/dockerfile:1.3')
        .from('a')
        .copy('a', 'b', { link: true }),
    ).toThrow(/# syntax=docker\/dockerfile:1\.3 caps it at 1\.3/);
    expect(() =>
      dockerfile({ frontend: '1.3' })
        .syntax('docker/dockerfile:1.20')
        .from('a')
        .copy('a', 'b', { link: true }),
    ).toThrow(/frontend option caps it at 1\.3/);
  });
});

describe('literal() keys', () => {
  it('a literal() ENV or LABEL key keeps every "$" (no expansion, no scope check)', () => {
    const s = dockerfile().from('debian');
    expect(emit(s.label(literal('pa$$word'), 'v'))).toContain('LABEL "pa\\$\\$word"=v');
    expect(emit(s.env(literal('${HOME}'), 'v'))).toContain('ENV "\\${HOME}"=v');
    expect(() => s.label('$HOME' as string, 'v')).toThrow(/the key uses HOME/);
  });

  it('a literal() port is a port, never a variable reference', () => {
    const s = dockerfile().from('debian');
    expect(() => s.expose(literal('${HOME}') as never)).toThrow(
      /expose\(\): not a port .*"\$\{HOME\}"/,
    );
  });
});

describe('image() that a stage name would shadow', () => {
  it('is refused: BuildKit resolves --from to the stage of that name first', () => {
    const s = dockerfile().from('alpine', { as: 'tools' }).from('debian');
    expect(() => s.copy('/x', '/x', { from: image('tools') })).toThrow(
      /^copy\(\): options.from image\("tools"\) has the name of a stage of this Dockerfile/,
    );
    expect(() =>
      s.run('true', { mounts: [{ type: 'bind', target: '/t', from: image('tools') }] }),
    ).toThrow(/^run\(\): .*image\("tools"\) has the name of a stage/);
    expect(emit(s.copy('/x', '/x', { from: image('tools:latest') }))).toContain(
      'COPY --from=tools:latest /x /x',
    );
  });
});
