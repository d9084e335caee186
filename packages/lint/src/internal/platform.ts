import type { ImagePlatform } from '../types.js';

// Platforms as BuildKit reads, compares and prints them (containerd's `platforms` package:
// Parse, Normalize, Format, FormatAll and the `Only` matcher's compatibility order).

/** A platform with every field set (empty strings for none). */
export interface Platform {
  /** `linux`, `windows`, `darwin`. */
  readonly os: string;
  /** `amd64`, `arm64`, `arm`. */
  readonly architecture: string;
  /** `v7`, or empty. */
  readonly variant: string;
  /** Windows: `10.0.17763`, or empty. */
  readonly osVersion: string;
  /** OS features, sorted. */
  readonly osFeatures: readonly string[];
}

/** A platform string that is none: the error BuildKit fails the build with. */
export class PlatformError extends Error {
  /** `PlatformError`. */
  override readonly name = 'PlatformError';
}

const SPECIFIER = /^[A-Za-z0-9_.-]+$/;
const OS_PART = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$/;
const KNOWN_OS = new Set(
  'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris windows zos'.split(
    ' ',
  ),
);
const KNOWN_ARCH = new Set(
  '386 amd64 amd64p32 arm armbe arm64 arm64be ppc64 ppc64le loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc riscv riscv64 s390 s390x sparc sparc64 wasm'.split(
    ' ',
  ),
);

function normalizeOs(os: string): string {
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

function normalizeArch(arch: string, variant: string): [string, string] {
  let a = arch.toLowerCase();
  let v = variant.toLowerCase();
  switch (a) {
    case 'i386':
      a = '386';
      v = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      a = 'amd64';
      if (v === 'v1') v = '';
      break;
    case 'aarch64':
    case 'arm64':
      a = 'arm64';
      if (v === '8' || v === 'v8' || v === 'v8.0') v = '';
      else if (v === '9' || v === '9.0' || v === 'v9.0') v = 'v9';
      break;
    case 'armhf':
      a = 'arm';
      v = 'v7';
      break;
    case 'armel':
      a = 'arm';
      v = 'v6';
      break;
    case 'arm':
      if (v === '' || v === '7') v = 'v7';
      else if (v === '5' || v === '6' || v === '8') v = `v${v}`;
      break;
  }
  return [a, v];
}

/** containerd's `Normalize`: canonical OS, architecture and variant names. */
export function normalizePlatform(p: Platform): Platform {
  const [architecture, variant] = normalizeArch(p.architecture, p.variant);
  const features = [...new Set(p.osFeatures)].sort();
  return { ...p, os: normalizeOs(p.os), architecture, variant, osFeatures: features };
}

function decodeOption(v: string, spec: string): string {
  if (!v.includes('%')) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    throw new PlatformError(
      `${JSON.stringify(spec)} has an invalid OS version ${JSON.stringify(v)}`,
    );
  }
}

/**
 * containerd's `Parse`: `linux/arm64`, `linux/arm/v7`, `windows(10.0.17763)/amd64`, or one
 * part (an OS takes `defaultArch`'s architecture, an architecture `defaultOs`). The result is
 * normalized as Parse leaves it (`linux/arm` has no variant until it is normalized).
 */
export function parsePlatform(
  spec: string,
  defaults: { readonly os: string; readonly architecture: string } = {
    os: 'linux',
    architecture: 'amd64',
  },
): Platform {
  if (spec.includes('*'))
    throw new PlatformError(`${JSON.stringify(spec)}: wildcards not yet supported`);
  const all = spec.split('/');
  const parts = all.length > 4 ? [...all.slice(0, 3), all.slice(3).join('/')] : all;
  const os = OS_PART.exec(parts[0]!);
  if (!os) {
    throw new PlatformError(
      `${JSON.stringify(parts[0])} is an invalid OS component of ${JSON.stringify(spec)}`,
    );
  }
  for (const part of parts.slice(1)) {
    if (!SPECIFIER.test(part)) {
      throw new PlatformError(
        `${JSON.stringify(part)} is an invalid component of ${JSON.stringify(spec)}`,
      );
    }
  }
  const base = {
    os: normalizeOs(os[1]!),
    osVersion: decodeOption(os[2] ?? '', spec),
    osFeatures: (os[3] ?? '')
      .split('+')
      .filter((f) => f !== '')
      .map((f) => decodeOption(f, spec)),
  };
  switch (parts.length) {
    case 1: {
      if (KNOWN_OS.has(base.os))
        return { ...base, architecture: defaults.architecture, variant: '' };
      let [architecture, variant] = normalizeArch(parts[0]!, '');
      if (architecture === 'arm' && variant === 'v7') variant = '';
      if (KNOWN_ARCH.has(architecture)) {
        return { ...base, os: defaults.os, architecture, variant, osVersion: '', osFeatures: [] };
      }
      throw new PlatformError(`${JSON.stringify(spec)}: unknown operating system or architecture`);
    }
    case 2: {
      let [architecture, variant] = normalizeArch(parts[1]!, '');
      if (architecture === 'arm' && variant === 'v7') variant = '';
      return { ...base, architecture, variant };
    }
    case 3: {
      let [architecture, variant] = normalizeArch(parts[1]!, parts[2]!);
      if (architecture === 'arm64' && variant === '') variant = 'v8';
      return { ...base, architecture, variant };
    }
  }
  throw new PlatformError(`${JSON.stringify(spec)}: cannot parse platform specifier`);
}

/** An image's platform (as its config or index names it) with every field set. */
export function imagePlatform(p: ImagePlatform): Platform {
  return {
    os: p.os,
    architecture: p.architecture,
    variant: p.variant ?? '',
    osVersion: p.osVersion ?? '',
    osFeatures: p.osFeatures ?? [],
  };
}

const encodeOption = (v: string) =>
  v.replace(/[%+()/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** containerd's `Format`: `os/arch[/variant]`. */
export function formatPlatform(p: Platform): string {
  if (p.os === '') return 'unknown';
  return [p.os, p.architecture, p.variant].filter((s) => s !== '').join('/');
}

/** containerd's `FormatAll`: {@link formatPlatform} with the OS version and features. */
export function formatPlatformAll(p: Platform): string {
  if (p.os === '') return 'unknown';
  const features = [...new Set(p.osFeatures.filter((f) => f !== ''))].sort().map(encodeOption);
  const osv = encodeOption(p.osVersion);
  let os = p.os;
  if (osv !== '' || features.length > 0) {
    os += `(${osv}${features.length > 0 ? `+${features.join('+')}` : ''})`;
  }
  return [os, p.architecture, p.variant].filter((s) => s !== '').join('/');
}

/**
 * The platforms an image for `wanted` may be, best first (containerd's `Only`): amd64 also
 * runs older amd64 variants and 386, arm older arm variants, arm64 older arm64 variants and
 * 32-bit arm.
 */
function compatible(wanted: Platform): Platform[] {
  const p = normalizePlatform(wanted);
  const out: Platform[] = [p];
  const version = (v: string) => Number.parseInt(v.replace(/^v/, ''), 10);
  if (p.architecture === 'amd64') {
    const v = version(p.variant);
    for (let n = v - 1; n >= 1; n--) out.push({ ...p, variant: n === 1 ? '' : `v${n}` });
    out.push({ ...p, architecture: '386', variant: '' });
  } else if (p.architecture === 'arm') {
    const v = version(p.variant);
    for (let n = v - 1; n >= 5; n--) out.push({ ...p, variant: `v${n}` });
  } else if (p.architecture === 'arm64') {
    // arm64/v8.x runs v8.x down to v8; v9.x also runs v8.(x+5) and below; all run 32-bit arm
    // from v8 down. An unknown variant runs nothing (containerd's table has no entry).
    out.length = 0;
    const m = /^v(8|9)(?:\.(\d))?$/.exec(p.variant || 'v8');
    const minor = Number(m?.[2] ?? 0);
    if (!m || (m[1] === '9' && minor > 7)) return out;
    const chain: Array<[number, number]> =
      m[1] === '8'
        ? [[8, minor]]
        : [
            [9, minor],
            [8, Math.min(minor + 5, 9)],
          ];
    for (const [major, top] of chain) {
      for (let mn = top; mn >= 0; mn--) {
        out.push(normalizePlatform({ ...p, variant: mn === 0 ? `v${major}` : `v${major}.${mn}` }));
      }
    }
    out.push(...compatible({ ...p, architecture: 'arm', variant: 'v8' }));
  }
  return out;
}

function sameNormalized(a: Platform, b: Platform): boolean {
  return (
    a.os === b.os &&
    a.architecture === b.architecture &&
    a.variant === b.variant &&
    (a.os !== 'windows' || a.osVersion === '' || b.osVersion === '' || a.osVersion === b.osVersion)
  );
}

/**
 * Which of a multi-platform image's manifests BuildKit pulls for `wanted`: the index of the
 * best one in containerd's `Only` order, or -1 when none fits (BuildKit then fails the build).
 */
export function selectManifest(candidates: readonly Platform[], wanted: Platform): number {
  const normalized = candidates.map(normalizePlatform);
  for (const want of compatible(wanted)) {
    const i = normalized.findIndex((c) => sameNormalized(c, want));
    if (i !== -1) return i;
  }
  return -1;
}
