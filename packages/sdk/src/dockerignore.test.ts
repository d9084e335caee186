import { describe, expect, it } from 'vitest';
import { DockerfileBuildError, dockerignore } from './index.js';

describe('dockerignore()', () => {
  it('writes patterns and comments one a line', () => {
    expect(
      dockerignore().comment('deps').add('node_modules', '!keep.txt', '#literal').toString(),
    ).toBe('# deps\nnode_modules\n!keep.txt\n\\#literal\n');
  });

  // Docker's reader (moby/patternmatcher ignorefile.ReadAll) trims each line with
  // strings.TrimSpace, and again after a leading "!": such a pattern would not mean what was given.
  it.each([
    [
      ' lead',
      /^add\(\): a pattern must not start or end with whitespace \(Docker trims it\): " lead"$/,
    ],
    [
      'trail ',
      /^add\(\): a pattern must not start or end with whitespace \(Docker trims it\): "trail "$/,
    ],
    ['\tlead', /start or end with whitespace/],
    ['trail\u00a0', /start or end with whitespace/],
    [
      '! spaced',
      /^add\(\): a pattern must not start or end with whitespace \(Docker trims it\): "! spaced"$/,
    ],
    ['!', /^add\(\): "!" must be followed by a pattern: "!"$/],
    ['a\nb', /must not contain a newline/],
    ['  ', /must not be empty/],
  ])('refuses %j', (pattern, message) => {
    const call = () => dockerignore().add('ok', pattern);
    expect(call).toThrow(DockerfileBuildError);
    expect(call).toThrow(message);
  });

  it('keeps inner whitespace', () => {
    expect(dockerignore().add('my file.txt', '!a b').toString()).toBe('my file.txt\n!a b\n');
  });
});
