import { CliError } from '@dockwright/cli-kit';
import { describe, expect, it } from 'vitest';
import {
  packageManagerField,
  packageManagerFromUserAgent,
  parsePackageManager,
  resolveNodePackageManager,
} from './package-managers.js';

describe('package manager from npm_config_user_agent', () => {
  it.each([
    ['pnpm/10.34.8 npm/? node/v22.11.0 linux x64', { name: 'pnpm', version: '10.34.8' }],
    ['yarn/1.22.22 npm/? node/v20.20.2 linux x64', { name: 'yarn', version: '1.22.22' }],
    ['npm/10.8.2 node/v20.20.2 linux x64 workspaces/false', { name: 'npm', version: '10.8.2' }],
    ['bun/1.1.0 npm/? node/v22.0.0 linux x64', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j', (agent, expected) => {
    expect(packageManagerFromUserAgent(agent)).toEqual(expected);
  });
});

describe('--package-manager NAME[@VERSION]', () => {
  it.each([
    ['npm', { name: 'npm', version: undefined }],
    ['yarn', { name: 'yarn', version: undefined }],
    ['yarn@4', { name: 'yarn', version: '4' }],
    ['pnpm@9.15.0', { name: 'pnpm', version: '9.15.0' }],
    ['uv', { name: 'uv', version: undefined }],
  ])('%s', (text, expected) => {
    expect(parsePackageManager(text)).toEqual(expected);
  });

  it.each([
    ['bun', 'Unknown package manager "bun"'],
    ['npm@10.0.0', 'takes no version'],
    ['uv@0.8', 'takes no version'],
    ['yarn@latest', 'expected a major (yarn@4) or an exact version'],
    ['yarn@4@5', 'Unknown package manager'],
  ])('%s is refused', (text, message) => {
    expect(() => parsePackageManager(text)).toThrow(CliError);
    expect(() => parsePackageManager(text)).toThrow(message);
  });
});

describe('the version corepack pins', () => {
  it.each([
    // Asked for, by major or exactly.
    [{ name: 'yarn', version: '4' }, undefined, 'yarn@4.18.1', 'yarn-berry'],
    [{ name: 'yarn', version: '3.8.7' }, undefined, 'yarn@3.8.7', 'yarn-berry'],
    [{ name: 'yarn', version: undefined }, undefined, 'yarn@1.22.22', 'yarn'],
    [{ name: 'pnpm', version: undefined }, undefined, 'pnpm@10.34.8', 'pnpm'],
    // The version that ran `pnpm create` / `yarn create`, Yarn 4 included.
    [
      { name: 'pnpm', version: undefined },
      { name: 'pnpm', version: '9.15.0' },
      'pnpm@9.15.0',
      'pnpm',
    ],
    [
      { name: 'yarn', version: undefined },
      { name: 'yarn', version: '4.5.0' },
      'yarn@4.5.0',
      'yarn-berry',
    ],
    [
      { name: 'yarn', version: undefined },
      { name: 'pnpm', version: '9.15.0' },
      'yarn@1.22.22',
      'yarn',
    ],
    [{ name: 'npm', version: undefined }, { name: 'npm', version: '10.8.2' }, undefined, 'npm'],
  ] as const)('%j with agent %j: %s', (request, agent, field, kind) => {
    const choice = resolveNodePackageManager(request, agent);
    expect(packageManagerField(choice)).toBe(field);
    expect(choice.kind).toBe(kind);
  });

  it('a major without a known default needs the exact version', () => {
    expect(() => resolveNodePackageManager({ name: 'pnpm', version: '8' }, undefined)).toThrow(
      'give the exact one',
    );
  });
});
