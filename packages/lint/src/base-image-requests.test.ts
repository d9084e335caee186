import { describe, expect, it } from 'vitest';
import { baseImageRequests, selectManifest } from './base-image-requests.js';
import {
  formatPlatformAll,
  normalizePlatform,
  PlatformError,
  parsePlatform,
} from './internal/platform.js';
import { lint } from './lint.js';

const requests = (text: string, options: Parameters<typeof baseImageRequests>[1] = {}) =>
  baseImageRequests(text, options).map((r) => `${r.line} ${r.reference} ${r.platform}`);

describe('baseImageRequests: the images a file pulls, as BuildKit resolves them', () => {
  it('expands global ARGs and the platform ARGs; skips scratch and earlier stages', () => {
    const text = [
      'ARG BASE=golang TAG=1.23',
      'FROM --platform=$BUILDPLATFORM ${BASE}:${TAG} AS build',
      'FROM build AS again',
      'FROM scratch',
      'FROM example/app:$TARGETARCH',
      'FROM --platform=linux/arm64 example/tool AS tool-arm64',
      '',
    ].join('\n');
    expect(requests(text, { platform: 'linux/arm/v7', buildPlatform: 'linux/amd64' })).toEqual([
      '2 golang:1.23 linux/amd64',
      '5 example/app:arm linux/arm/v7',
      '6 example/tool linux/arm64',
    ]);
  });

  it('without a known platform lists only FROMs that name theirs, and none that need it', () => {
    const text =
      'FROM a\nFROM --platform=linux/amd64 b AS b-amd64\nFROM --platform=$BUILDPLATFORM c\nFROM d:$TARGETOS\n';
    expect(requests(text)).toEqual(['2 b linux/amd64']);
  });

  it('leaves out what BuildKit would fail on: an ARG that does not expand, a platform that is none', () => {
    const text = 'FROM ${X:?unset}\nFROM --platform=linux/amd64/v1/x/y b\nFROM --platform= c\n';
    expect(requests(text, { platform: 'linux/amd64' })).toEqual([]);
  });

  it('a stage named like an image is the stage (after expansion, as BuildKit compares it)', () => {
    const text = 'ARG B=base\nFROM alpine AS base\nFROM ${B}\nFROM Base\n';
    expect(requests(text, { buildPlatform: 'linux/amd64' })).toEqual([
      '2 alpine linux/amd64',
      '4 Base linux/amd64',
    ]);
  });
});

describe('baseImageRequests with build arguments, as docker build --build-arg gives them', () => {
  const amd64 = { buildPlatform: 'linux/amd64' };

  it("replaces a global ARG's default, and the defaults that read it", () => {
    const text = 'ARG TAG=3.19\nARG IMAGE=alpine:${TAG}\nFROM alpine:${TAG}\nFROM ${IMAGE}-b\n';
    expect(requests(text, { ...amd64, buildArgs: { TAG: '3.20' } })).toEqual([
      '3 alpine:3.20 linux/amd64',
      '4 alpine:3.20-b linux/amd64',
    ]);
    expect(requests(text, amd64)).toEqual([
      '3 alpine:3.19 linux/amd64',
      '4 alpine:3.19-b linux/amd64',
    ]);
  });

  it('changes nothing for an ARG the Dockerfile does not declare, or declares in a stage', () => {
    const text = 'ARG TAG=3.19\nFROM alpine:${TAG}${SUFFIX}\nARG NEXT=x\nFROM b:${NEXT}\n';
    expect(
      requests(text, { ...amd64, buildArgs: { SUFFIX: '-slim', NEXT: 'y', OTHER: 'z' } }),
    ).toEqual(['2 alpine:3.19 linux/amd64', '4 b: linux/amd64']);
  });

  it('gives a value to a declared ARG without a default, used as written', () => {
    const text = 'ARG TAG=1\nARG BASE\nFROM ${BASE}\nFROM tool:${TAG}\n';
    expect(requests(text, amd64)).toEqual(['4 tool:1 linux/amd64']);
    expect(requests(text, { ...amd64, buildArgs: { BASE: 'app:$TAG' } })).toEqual([
      '3 app:$TAG linux/amd64',
      '4 tool:1 linux/amd64',
    ]);
  });

  it("replaces the platform ARGs, declared or not, as BuildKit's defaultArgs does", () => {
    const text = 'FROM tool:${TARGETARCH}\nFROM --platform=$BUILDPLATFORM b\n';
    const buildArgs = { TARGETARCH: 'riscv64', BUILDPLATFORM: 'linux/arm64' };
    expect(requests(text, { ...amd64, buildArgs })).toEqual([
      '1 tool:riscv64 linux/amd64',
      '2 b linux/arm64',
    ]);
    // A platform ARG a build argument gives is known without the platform.
    expect(requests(text, { buildArgs })).toEqual(['2 b linux/arm64']);
  });
});

describe('platforms as containerd reads, prints and matches them', () => {
  it('parses and normalizes', () => {
    const f = (s: string) => formatPlatformAll(normalizePlatform(parsePlatform(s)));
    expect(f('linux/aarch64')).toBe('linux/arm64');
    expect(f('linux/arm64/v8')).toBe('linux/arm64');
    expect(f('Linux/x86_64')).toBe('linux/amd64');
    expect(f('linux/arm')).toBe('linux/arm/v7');
    expect(f('linux/armhf')).toBe('linux/arm/v7');
    expect(f('windows(10.0.17763)/amd64')).toBe('windows(10.0.17763)/amd64');
    expect(f('arm64')).toBe('linux/arm64');
    expect(f('linux')).toBe('linux/amd64');
    expect(() => parsePlatform('linux/a md64')).toThrow(PlatformError);
    expect(() => parsePlatform('linux/*')).toThrow(/wildcards/);
    expect(() => parsePlatform('nope')).toThrow(/unknown operating system or architecture/);
  });

  it("picks a multi-platform image's manifest in containerd's order", () => {
    const arm64 = { os: 'linux', architecture: 'arm64' };
    const amd64 = { os: 'linux', architecture: 'amd64' };
    const i386 = { os: 'linux', architecture: '386' };
    const armv7 = { os: 'linux', architecture: 'arm', variant: 'v7' };
    const armv6 = { os: 'linux', architecture: 'arm', variant: 'v6' };
    const unknown = { os: 'unknown', architecture: 'unknown' };
    expect(selectManifest([arm64, amd64], 'linux/amd64')).toBe(1);
    expect(selectManifest([unknown, arm64, i386], 'linux/amd64')).toBe(2);
    expect(selectManifest([arm64, i386], 'linux/amd64/v3')).toBe(1);
    expect(selectManifest([amd64, armv6, armv7], 'linux/arm64')).toBe(2);
    expect(selectManifest([{ ...arm64, variant: 'v8' }], 'linux/arm64')).toBe(0);
    expect(selectManifest([armv7], 'linux/arm/v6')).toBe(-1);
    expect(selectManifest([armv6], 'linux/arm/v7')).toBe(0);
    expect(selectManifest([amd64], 'linux/arm64')).toBe(-1);
    expect(selectManifest([amd64], 'linux/386')).toBe(-1);
  });
});

describe('InvalidBaseImagePlatform in lint()', () => {
  const images = { 'example/tool:1': { os: 'linux', architecture: 'arm64' } };
  it('is silent without facts, and reports with them', () => {
    const text = 'FROM example/tool:1\n';
    const ids = (o: Parameters<typeof lint>[1]) => lint(text, o).map((f) => f.ruleId);
    expect(ids({ platform: 'linux/amd64' })).not.toContain('InvalidBaseImagePlatform');
    expect(ids({ images })).not.toContain('InvalidBaseImagePlatform');
    expect(ids({ images, platform: 'linux/amd64' })).toContain('InvalidBaseImagePlatform');
    expect(
      ids({ images, platform: 'linux/amd64', rules: { InvalidBaseImagePlatform: 'off' } }),
    ).not.toContain('InvalidBaseImagePlatform');
  });

  it('checks the image the build arguments name', () => {
    const text = 'ARG TAG=1\nFROM example/tool:${TAG}\n';
    const ids = (o: Parameters<typeof lint>[1]) => lint(text, o).map((f) => f.ruleId);
    const facts = { images, platform: 'linux/amd64' };
    expect(ids({ ...facts, buildArgs: { TAG: '1' } })).toContain('InvalidBaseImagePlatform');
    expect(ids({ ...facts, buildArgs: { TAG: '2' } })).not.toContain('InvalidBaseImagePlatform');
    expect(ids(facts)).toContain('InvalidBaseImagePlatform');
  });

  it('an image key that is an Object.prototype name is no fact', () => {
    const found = lint('FROM constructor\n', { platform: 'linux/amd64', images: {} });
    expect(found.map((f) => f.ruleId)).not.toContain('InvalidBaseImagePlatform');
  });
});
