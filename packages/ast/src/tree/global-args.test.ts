import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import { globalArgValues } from './global-args.js';

describe('globalArgValues', () => {
  it('expands each default in order against the ARGs before it', () => {
    const tree = parse('ARG V=3.20\nARG IMAGE=alpine:${V}\nFROM ${IMAGE}\nARG LATE=x\n');
    expect([...globalArgValues(tree)]).toEqual([
      ['V', '3.20'],
      ['IMAGE', 'alpine:3.20'],
    ]);
  });

  it('reads what the caller knows first, and leaves an ARG without a default as it was', () => {
    const env = new Map([
      ['TARGETARCH', 'arm64'],
      ['TAG', 'given'],
    ]);
    const tree = parse('ARG TAG\nARG IMAGE=tool-${TARGETARCH}:${TAG}\nFROM ${IMAGE}\n');
    expect(globalArgValues(tree, env)).toBe(env);
    expect(env.get('IMAGE')).toBe('tool-arm64:given');
  });

  it('keeps the old value when a default does not expand, as BuildKit fails there', () => {
    const tree = parse('ARG A=kept\nARG A=${NOPE:?missing}\nFROM scratch\n');
    expect(globalArgValues(tree).get('A')).toBe('kept');
  });

  it('reads quotes and escapes once, as BuildKit expands them', () => {
    const tree = parse(`ARG HOME=/root\nARG A='$HOME' B="$HOME" C=\\$HOME\nFROM scratch\n`);
    const env = globalArgValues(tree);
    expect([env.get('A'), env.get('B'), env.get('C')]).toEqual(['$HOME', '/root', '$HOME']);
  });

  it('honours the escape directive', () => {
    const tree = parse('# escape=`\nARG A=`$literal\nFROM scratch\n');
    expect(globalArgValues(tree).get('A')).toBe('$literal');
  });

  it("applies build arguments as BuildKit's buildMetaArgs does", () => {
    const tree = parse('ARG TAG=3.19\nARG BARE\nARG IMAGE=alpine:${TAG}\nFROM ${IMAGE}-${BARE}\n');
    const env = globalArgValues(tree, new Map(), {
      TAG: '3.20',
      BARE: '$TAG',
      UNDECLARED: 'x',
    });
    // The value as given (not expanded), for a declared ARG with or without a default; one no
    // ARG declares is not seen; the later defaults read the values given.
    expect([...env]).toEqual([
      ['TAG', '3.20'],
      ['BARE', '$TAG'],
      ['IMAGE', 'alpine:3.20'],
    ]);
    // A name an object inherits is no build argument.
    const inherited = parse('ARG constructor=kept\nFROM scratch\n');
    expect(globalArgValues(inherited, new Map(), {}).get('constructor')).toBe('kept');
  });

  it('lets a build argument replace what the caller knew, when an ARG declares it', () => {
    const tree = parse('ARG TARGETARCH\nFROM tool-${TARGETARCH}\n');
    const known = () => new Map([['TARGETARCH', 'amd64']]);
    expect(globalArgValues(tree, known(), { TARGETARCH: 'arm64' }).get('TARGETARCH')).toBe('arm64');
    expect(globalArgValues(tree, known()).get('TARGETARCH')).toBe('amd64');
  });
});
