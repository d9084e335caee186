import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type ComposeFileOptions, composeFile, composeWatchFile } from './compose-file.js';
import type { Healthcheck } from './container-files.js';

const flask: ComposeFileOptions = {
  service: 'api',
  port: 8000,
  healthcheck: {
    command: ['python', '-c', "import os, urllib.request; urllib.request.urlopen('http://x/')"],
    interval: '10s',
    timeout: '2.5s',
    startPeriod: undefined,
    retries: 3,
  },
  workdir: '/app',
  rebuildOn: ['requirements.txt'],
  ignore: ['.venv/', '__pycache__/'],
};

/** What a Compose reader gets out of compose.yaml for `options`. */
function expected(options: ComposeFileOptions) {
  const check = options.healthcheck as Healthcheck;
  return {
    services: {
      [options.service]: {
        build: '.',
        ports: [`${options.port}:${options.port}`],
        healthcheck: {
          test: ['CMD', ...check.command],
          ...(check.interval ? { interval: check.interval } : {}),
          ...(check.timeout ? { timeout: check.timeout } : {}),
          ...(check.startPeriod ? { start_period: check.startPeriod } : {}),
          ...(check.retries !== undefined ? { retries: check.retries } : {}),
        },
      },
    },
  };
}

/** What a Compose reader gets out of compose.watch.yaml for `options`. */
function expectedWatch(options: ComposeFileOptions) {
  return {
    services: {
      [options.service]: {
        develop: {
          watch: [
            {
              action: 'sync+restart',
              path: '.',
              target: options.workdir,
              ignore: [...options.ignore, ...options.rebuildOn],
            },
            ...options.rebuildOn.map((path) => ({ action: 'rebuild', path })),
          ],
        },
      },
    },
  };
}

describe('composeFile', () => {
  it('writes the layout people read, and YAML that means it', () => {
    const text = composeFile(flask);
    expect(text).toBe(
      [
        '# `docker compose up --build` builds and starts the app (Docker Compose v2, any version).',
        '# Compose Watch (Compose 2.23 or newer) syncs source edits into the running container:',
        '#   docker compose -f compose.yaml -f compose.watch.yaml watch',
        '',
        'services:',
        '  api:',
        '    build: .',
        '    ports:',
        '      - "8000:8000"',
        '    healthcheck:',
        `      test: [ CMD, python, -c, "import os, urllib.request; urllib.request.urlopen('http://x/')" ]`,
        '      interval: 10s',
        '      timeout: 2.5s',
        '      retries: 3',
        '',
      ].join('\n'),
    );
    expect(parseYaml(text)).toEqual(expected(flask));
  });

  it('keeps the watch rules in a file of their own, so compose.yaml needs no Compose 2.22', () => {
    const text = composeWatchFile(flask);
    expect(text).toBe(
      [
        '# Compose Watch rules (Docker Compose 2.23 or newer), apart from compose.yaml so that',
        '# it works with every Compose v2 (before 2.22, Compose refuses a `develop` key):',
        '#   docker compose -f compose.yaml -f compose.watch.yaml watch',
        '',
        'services:',
        '  api:',
        '    develop:',
        '      watch:',
        '        - action: sync+restart',
        '          path: .',
        '          target: /app',
        '          ignore:',
        '            - .venv/',
        '            - __pycache__/',
        '            - requirements.txt',
        '        - action: rebuild',
        '          path: requirements.txt',
        '',
      ].join('\n'),
    );
    expect(parseYaml(text)).toEqual(expectedWatch(flask));
    expect(composeFile(flask)).not.toContain('develop:');
  });

  it('rebuilds on every edit when the image runs a build output (rebuild needs only 2.22)', () => {
    const options = { ...flask, rebuildOnEdit: true, ignore: ['node_modules/'] };
    expect(parseYaml(composeWatchFile(options))).toEqual({
      services: {
        api: { develop: { watch: [{ action: 'rebuild', path: '.', ignore: ['node_modules/'] }] } },
      },
    });
    expect(composeWatchFile(options)).toContain('Docker Compose 2.22 or newer');
    expect(composeFile(options)).toContain('Compose 2.22 or newer');
  });

  it('leaves the healthcheck out when the image has none', () => {
    const service = (
      parseYaml(composeFile({ ...flask, healthcheck: undefined })) as {
        services: Record<string, object>;
      }
    ).services.api;
    expect(service).toEqual({ build: '.', ports: ['8000:8000'] });
  });

  it('reads back as the same values for any strings', () => {
    const word = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('on', 'No', 'null', '~', '1e3', '0x1F', '22:22', '-', '- a', 'a: b', '#x'),
    );
    fc.assert(
      fc.property(
        fc.record({
          service: word,
          port: fc.integer({ min: 1, max: 65535 }),
          command: fc.array(word, { maxLength: 4 }),
          interval: fc.option(word, { nil: undefined }),
          workdir: word,
          rebuildOn: fc.array(word, { maxLength: 3 }),
          ignore: fc.array(word, { maxLength: 3 }),
        }),
        (r) => {
          const options: ComposeFileOptions = {
            service: r.service,
            port: r.port,
            healthcheck: {
              command: r.command,
              interval: r.interval,
              timeout: undefined,
              startPeriod: undefined,
              retries: undefined,
            },
            workdir: r.workdir,
            rebuildOn: r.rebuildOn,
            ignore: r.ignore,
          };
          expect(parseYaml(composeFile(options))).toEqual(expected(options));
          expect(parseYaml(composeWatchFile(options))).toEqual(expectedWatch(options));
        },
      ),
      { numRuns: 500, interruptAfterTimeLimit: 3000, markInterruptAsFailure: false },
    );
  });
});
