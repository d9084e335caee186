// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is Dockerfile syntax, not a template
import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import { createHeredoc, createInstruction } from '../tree/factories.js';
import type { InstructionNode } from '../tree/nodes.js';
import { envPairs } from './env-pairs.js';
import { heredocContent } from './heredoc-content.js';
import { unquote } from './unquote.js';
import { view } from './view.js';
import { viewArg } from './view-arg.js';
import { viewCopy } from './view-copy.js';
import { parsePort, viewExpose } from './view-expose.js';
import { viewFrom } from './view-from.js';
import { viewHealthcheck } from './view-healthcheck.js';
import { viewKeyValue } from './view-key-value.js';
import { parseDevice, viewRun } from './view-run.js';

function first(text: string): InstructionNode {
  const node = parse(text).children.find((c) => c.type === 'instruction');
  if (node?.type !== 'instruction') throw new Error(`no instruction in ${text}`);
  return node;
}

describe('unquote (shell/lex.go ProcessWord without variables)', () => {
  it.each([
    ['plain', 'plain'],
    ['"hello world"', 'hello world'],
    ['"a\\"b"', 'a"b'],
    ['"a\\$b"', 'a$b'],
    ['"a\\\\b"', 'a\\b'],
    ['"a\\nb"', 'a\\nb'],
    ["'a\\b'", 'a\\b'],
    ["'a\"b'", 'a"b'],
    ['a\\ b', 'a b'],
    ['a\\', 'a'],
    ['"$HOME"/x', '$HOME/x'],
    ['x\'y z\'"w"', 'xy zw'],
    ['"unterminated', 'unterminated'],
  ])('%s', (word, out) => {
    expect(unquote(word)).toBe(out);
  });

  it('uses the backtick escape when asked', () => {
    expect(unquote('"a`"b"', '`')).toBe('a"b');
    expect(unquote('a\\b', '`')).toBe('a\\b');
    expect(unquote('a` b', '`')).toBe('a b');
  });
});

describe('viewFrom', () => {
  it.each([
    ['FROM alpine', 'alpine', null, null, null],
    ['FROM python:3.12-slim', 'python', '3.12-slim', null, null],
    ['FROM localhost:5000/app', 'localhost:5000/app', null, null, null],
    ['FROM localhost:5000/app:1.2 AS Build', 'localhost:5000/app', '1.2', null, 'build'],
    ['FROM ghcr.io/org/app@sha256:abc', 'ghcr.io/org/app', null, 'sha256:abc', null],
    ['FROM node:22@sha256:abc as deps', 'node', '22', 'sha256:abc', 'deps'],
  ])('%s', (text, repository, tag, digest, stage) => {
    expect(viewFrom(first(text))).toMatchObject({ repository, tag, digest, stage });
  });

  it('keeps the platform, the stage name as written and the AS keyword', () => {
    expect(viewFrom(first('FROM --platform=$BUILDPLATFORM golang AS Builder'))).toEqual({
      keyword: 'FROM',
      image: 'golang',
      repository: 'golang',
      tag: null,
      digest: null,
      platform: '$BUILDPLATFORM',
      stage: 'builder',
      stageAsWritten: 'Builder',
      asKeyword: 'AS',
    });
  });
});

describe('viewRun', () => {
  it('parses mounts, network, security and the shell command', () => {
    const v = viewRun(
      first(
        'RUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=npmrc --network=none --security=insecure npm ci',
      ),
    );
    expect(v.form).toBe('shell');
    expect(v.command).toBe('npm ci');
    expect(v.mounts.map((m) => m.type)).toEqual(['cache', 'secret']);
    expect(v.network).toBe('none');
    expect(v.security).toBe('insecure');
  });

  it('gives the exec array and heredocs', () => {
    expect(viewRun(first('RUN ["echo", "hi"]'))).toMatchObject({
      form: 'exec',
      command: ['echo', 'hi'],
    });
    const v = viewRun(first('RUN <<EOF\necho hi\nEOF\n'));
    expect(v.heredocs.map((h) => h.name)).toEqual(['EOF']);
  });

  it('parses devices like BuildKit ParseDevice', () => {
    expect(parseDevice('vendor.com/gpu=all,required')).toEqual({
      device: { name: 'vendor.com/gpu=all', required: true },
    });
    expect(parseDevice('name=/dev/fuse,required=false')).toEqual({
      device: { name: '/dev/fuse', required: false },
    });
    expect(parseDevice('a,b')).toEqual({ error: "invalid field 'b' must be a key=value pair" });
    expect(parseDevice('a,name=b')).toEqual({ error: 'device name already set to a' });
  });
});

describe('viewCopy', () => {
  it('types every COPY flag', () => {
    expect(
      viewCopy(
        first(
          'COPY --from=build --chown=app:app --chmod=755 --link --parents --exclude=*.md --exclude=*.txt a b /dst/',
        ),
      ),
    ).toEqual({
      keyword: 'COPY',
      form: 'shell',
      sources: [
        { path: 'a', heredoc: null, isHeredoc: false },
        { path: 'b', heredoc: null, isHeredoc: false },
      ],
      destination: '/dst/',
      from: 'build',
      chown: 'app:app',
      chmod: '755',
      link: true,
      parents: true,
      exclude: ['*.md', '*.txt'],
      checksum: null,
      keepGitDir: false,
      unpack: null,
    });
  });

  it('types the ADD flags', () => {
    const v = viewCopy(
      first(
        'ADD --checksum=sha256:abc --keep-git-dir=true --unpack=false --link=false https://x/y.tgz /y',
      ),
    );
    expect(v).toMatchObject({
      keyword: 'ADD',
      checksum: 'sha256:abc',
      keepGitDir: true,
      unpack: false,
      link: false,
    });
  });

  it('matches heredoc sources to bodies by name', () => {
    const v = viewCopy(first('COPY <<A <<"B" /dst/\na\nA\nb\nB\n'));
    expect(v.sources.map((s) => [s.path, s.isHeredoc, s.heredoc?.content])).toEqual([
      ['A', true, 'a\n'],
      ['B', true, 'b\n'],
    ]);
  });

  it('reads the JSON form and a missing destination', () => {
    expect(viewCopy(first('COPY ["a b", "/c d/"]'))).toMatchObject({
      form: 'exec',
      sources: [{ path: 'a b' }],
      destination: '/c d/',
    });
    expect(viewCopy(createInstruction('COPY', { args: ['only'] })).destination).toBeNull();
  });
});

describe('viewKeyValue and envPairs', () => {
  it('removes quotes as BuildKit does', () => {
    expect(envPairs(first('ENV A="x y" B=\'$z\' C=a\\ b D="q\\"r"'))).toEqual([
      { key: 'A', value: 'x y', rawValue: '"x y"' },
      { key: 'B', value: '$z', rawValue: "'$z'" },
      { key: 'C', value: 'a b', rawValue: 'a\\ b' },
      { key: 'D', value: 'q"r', rawValue: '"q\\"r"' },
    ]);
  });

  it('flags the legacy form, whose value is the whole rest', () => {
    const v = viewKeyValue(first('ENV ONE TWO= THREE=world'));
    expect(v).toEqual({
      keyword: 'ENV',
      legacy: true,
      pairs: [{ key: 'ONE', value: 'TWO= THREE=world', rawValue: 'TWO= THREE=world' }],
    });
  });

  it('reads quoted LABEL keys', () => {
    expect(viewKeyValue(first('LABEL "com.example.vendor"="ACME Inc" version=1')).pairs).toEqual([
      { key: 'com.example.vendor', value: 'ACME Inc', rawValue: '"ACME Inc"' },
      { key: 'version', value: '1', rawValue: '1' },
    ]);
  });

  it('reads hand-built word lists too', () => {
    expect(envPairs(createInstruction('ENV', { args: ['A=1', 'B="2 3"'] }))).toEqual([
      { key: 'A', value: '1', rawValue: '1' },
      { key: 'B', value: '2 3', rawValue: '"2 3"' },
    ]);
  });

  it('honours the backtick escape', () => {
    const tree = parse('# escape=`\nFROM a\nENV A="x`"y"\n');
    const env = tree.children.find((c) => c.type === 'instruction' && c.keyword === 'ENV');
    expect(envPairs(env as InstructionNode, tree.escape)[0]?.value).toBe('x"y');
  });
});

describe('viewArg', () => {
  it('reads names and defaults, no legacy form', () => {
    expect(viewArg(first('ARG foo bar=baz "q"="x y"')).args).toEqual([
      { name: 'foo', value: null, raw: 'foo' },
      { name: 'bar', value: 'baz', raw: 'bar=baz' },
      { name: 'q', value: 'x y', raw: '"q"="x y"' },
    ]);
  });
});

describe('viewExpose and parsePort', () => {
  it('reads ports, ranges and protocols', () => {
    expect(viewExpose(first('EXPOSE 80 8000-8010/udp 53/UDP $PORT ${P}/sctp')).ports).toEqual([
      {
        raw: '80',
        start: 80,
        end: 80,
        protocol: 'tcp',
        protocolAsWritten: null,
        hostIp: null,
        hostPort: null,
      },
      {
        raw: '8000-8010/udp',
        start: 8000,
        end: 8010,
        protocol: 'udp',
        protocolAsWritten: 'udp',
        hostIp: null,
        hostPort: null,
      },
      {
        raw: '53/UDP',
        start: 53,
        end: 53,
        protocol: 'udp',
        protocolAsWritten: 'UDP',
        hostIp: null,
        hostPort: null,
      },
      {
        raw: '$PORT',
        start: null,
        end: null,
        protocol: 'tcp',
        protocolAsWritten: null,
        hostIp: null,
        hostPort: null,
      },
      {
        raw: '${P}/sctp',
        start: null,
        end: null,
        protocol: 'sctp',
        protocolAsWritten: 'sctp',
        hostIp: null,
        hostPort: null,
      },
    ]);
  });

  it.each([
    ['80/xyz', 'invalid port: "80/xyz": invalid proto: xyz'],
    ['/tcp', 'invalid port: "/tcp": no port specified'],
    ['abc', 'invalid containerPort: abc'],
    ['65536', 'invalid containerPort: 65536'],
    ['8010-8000', 'invalid containerPort: 8010-8000'],
    ['80-', 'invalid containerPort: 80-'],
    ['x:80', 'invalid hostPort: x'],
    ['1.2.3.400:80:80', 'invalid IP address: 1.2.3.400'],
    ['8000:80-81', 'invalid ranges specified for container and host Ports: 80-81 and 8000'],
  ])('%s fails', (port, error) => {
    expect(parsePort(port)).toEqual({ error });
  });

  it('accepts the deprecated host forms', () => {
    expect(parsePort('127.0.0.1:8080:80')).toMatchObject({
      port: { start: 80, hostIp: '127.0.0.1', hostPort: '8080' },
    });
    expect(parsePort('[::1]:8080:80')).toMatchObject({ port: { start: 80, hostIp: '[::1]' } });
    expect(parsePort('0')).toMatchObject({ port: { start: 0, end: 0 } });
    expect(parsePort('80-80')).toMatchObject({ port: { start: 80, end: 80 } });
  });
});

describe('viewHealthcheck', () => {
  it('reads CMD with durations in ms', () => {
    expect(
      viewHealthcheck(
        first(
          'HEALTHCHECK --interval=1m30s --timeout=5s --start-period=0s --start-interval=500ms --retries=3 CMD curl -f http://localhost/',
        ),
      ),
    ).toEqual({
      keyword: 'HEALTHCHECK',
      kind: 'cmd',
      form: 'shell',
      command: 'curl -f http://localhost/',
      interval: 90000,
      timeout: 5000,
      startPeriod: 0,
      startInterval: 500,
      retries: 3,
    });
  });

  it('reads exec form, NONE, a bare HEALTHCHECK and an unknown type', () => {
    expect(viewHealthcheck(first('HEALTHCHECK CMD ["/bin/check", "-q"]'))).toMatchObject({
      kind: 'cmd',
      form: 'exec',
      command: ['/bin/check', '-q'],
    });
    expect(viewHealthcheck(first('HEALTHCHECK --interval=5s NONE'))).toMatchObject({
      kind: 'none',
      interval: null,
    });
    expect(viewHealthcheck(first('HEALTHCHECK'))).toMatchObject({ kind: 'missing' });
    expect(viewHealthcheck(first('HEALTHCHECK CONNECT x'))).toMatchObject({ kind: 'unknown' });
  });
});

describe('view', () => {
  it.each([
    ['FROM a', 'FROM', 'repository'],
    ['RUN x', 'RUN', 'mounts'],
    ['CMD x', 'CMD', 'command'],
    ['ENTRYPOINT ["x"]', 'ENTRYPOINT', 'command'],
    ['SHELL ["sh", "-c"]', 'SHELL', 'command'],
    ['COPY a b', 'COPY', 'sources'],
    ['ADD a b', 'ADD', 'sources'],
    ['ENV a=b', 'ENV', 'pairs'],
    ['LABEL a=b', 'LABEL', 'pairs'],
    ['ARG a', 'ARG', 'args'],
    ['EXPOSE 80', 'EXPOSE', 'ports'],
    ['HEALTHCHECK NONE', 'HEALTHCHECK', 'kind'],
    ['USER app', 'USER', 'value'],
    ['WORKDIR /app', 'WORKDIR', 'value'],
    ['STOPSIGNAL SIGTERM', 'STOPSIGNAL', 'value'],
    ['MAINTAINER me', 'MAINTAINER', 'value'],
    ['VOLUME /data', 'VOLUME', 'paths'],
    ['ONBUILD RUN make', 'ONBUILD', 'trigger'],
    ['FOO bar', 'FOO', 'unknown'],
  ])('%s', (text, keyword, field) => {
    const v = view(first(text));
    expect(v.keyword).toBe(keyword);
    expect(v).toHaveProperty(field);
  });

  it('shows the rest of the line for USER, spaces included', () => {
    expect(view(first('USER app  user'))).toEqual({ keyword: 'USER', value: 'app  user' });
  });
});

describe('heredocContent', () => {
  it('strips leading tabs of every line when chomping', () => {
    expect(
      heredocContent(createHeredoc('EOF', '\techo hi\n\t\tdone\n  space\n', { chomp: true })),
    ).toBe('echo hi\ndone\n  space\n');
    expect(heredocContent(createHeredoc('EOF', '\techo hi\n'))).toBe('\techo hi\n');
  });

  it('agrees with the parser on <<-', () => {
    const v = viewRun(first('RUN <<-EOF\n\techo hi\n\tEOF\n'));
    expect(v.heredocs.map(heredocContent)).toEqual(['echo hi\n']);
  });
});
