import { describe, expect, it } from 'vitest';
import { packageManagerField, packageManagerFromUserAgent } from './package-manager.js';
import { imageNameFor, validatePackageName } from './validate-package-name.js';

describe('validatePackageName', () => {
  it.each(['my-app', 'app2', 'a.b', 'a_b', 'x'.repeat(214), 'express-api'])(
    '%j is valid',
    (name) => {
      expect(validatePackageName(name)).toEqual([]);
    },
  );

  it.each([
    ['', 'name length must be greater than zero'],
    [' app', 'name cannot contain leading or trailing spaces'],
    ['.app', 'name cannot start with a period'],
    ['_app', 'name cannot start with an underscore'],
    ['App', 'name can no longer contain capital letters'],
    ['a b', 'name can only contain URL-friendly characters'],
    ["it's", 'name can no longer contain special characters ("~\'!()*")'],
    ['fs', 'fs is a Node.js built-in module name'],
    ['node_modules', 'node_modules is not a valid package name'],
    ['favicon.ico', 'favicon.ico is not a valid package name'],
    ['a'.repeat(215), 'name can no longer contain more than 214 characters'],
  ])('%j is invalid: %s', (name, problem) => {
    expect(validatePackageName(name)).toContain(problem);
  });
});

describe('imageNameFor', () => {
  it.each([
    ['my-app', 'my-app'],
    ['my_app..v2', 'my-app-v2'],
    ['a.b', 'a-b'],
    ['-x-', 'x'],
  ])('%j -> %j', (name, image) => {
    expect(imageNameFor(name)).toBe(image);
    expect(image).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

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

  it('pins yarn 1 even when yarn berry ran the command', () => {
    expect(packageManagerField('yarn', { name: 'yarn', version: '4.5.0' })).toBe('yarn@1.22.22');
    expect(packageManagerField('npm', { name: 'npm', version: '10.8.2' })).toBeUndefined();
  });
});
