import { describe, expect, it } from 'vitest';
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
