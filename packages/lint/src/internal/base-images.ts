import { expandWithMatches, globalArgValues, PLATFORM_ARGS } from '@dockwright/ast';
import type { RuleContext, Stage } from '../rule-context.js';
import {
  formatPlatform,
  formatPlatformAll,
  normalizePlatform,
  type Platform,
  parsePlatform,
} from './platform.js';

/** A stage's base image as BuildKit resolves it (dockerfile2llb's `resolveBaseImage`). */
export interface BaseImageUse {
  readonly stage: Stage;
  /** The FROM reference after ARG expansion (what BuildKit's messages name). */
  readonly reference: string;
  /** The platform the image is pulled for: the FROM's `--platform`, else the build's. */
  readonly platform: Platform;
}

/**
 * The build's platforms as BuildKit sets them up (dockerfile2llb's `buildPlatformOpt`): the
 * target is `platform`, else the build platform; either is null when the options do not say
 * (or say something that does not parse).
 *
 * BuildKit's auto-detection (`autoDetectPlatform`: a build that asks for no platform takes a
 * base image of any build platform as it is) changes nothing here: the Dockerfile frontend has
 * one build platform, which is then the target.
 */
function buildPlatforms(ctx: RuleContext): { target: Platform | null; build: Platform | null } {
  const { platform, buildPlatform } = ctx.options;
  const build = buildPlatform === undefined ? null : tryParse(buildPlatform);
  const target = platform === undefined ? null : tryParse(platform);
  const b = build && normalizePlatform(build);
  const t = target ? normalizePlatform(target) : b;
  return { target: t, build: b ?? t };
}

function tryParse(spec: string, defaults?: Platform): Platform | null {
  try {
    return parsePlatform(spec, defaults);
  } catch {
    return null;
  }
}

/**
 * The global ARGs FROM sees (dockerfile2llb's `defaultArgs` then `buildMetaArgs`): the
 * platform ARGs and `TARGETSTAGE` (a build argument of that name replaces each, declared or
 * not), then each global ARG's build argument or default, in order. Without a known platform
 * the platform ARGs are unset unless build arguments give them.
 */
function globalEnv(
  ctx: RuleContext,
  platforms: ReturnType<typeof buildPlatforms>,
): Map<string, string> {
  const env = new Map<string, string>();
  const bp = platforms.build;
  const tp = platforms.target;
  if (bp && tp) {
    env.set('BUILDPLATFORM', formatPlatform(bp));
    env.set('BUILDOS', bp.os);
    env.set('BUILDOSVERSION', bp.osVersion);
    env.set('BUILDARCH', bp.architecture);
    env.set('BUILDVARIANT', bp.variant);
    env.set('TARGETPLATFORM', formatPlatformAll(tp));
    env.set('TARGETOS', tp.os);
    env.set('TARGETOSVERSION', tp.osVersion);
    env.set('TARGETARCH', tp.architecture);
    env.set('TARGETVARIANT', tp.variant);
  }
  const last = ctx.stages[ctx.stages.length - 1];
  env.set('TARGETSTAGE', last?.info.stage ?? 'default');
  const buildArgs = ctx.options.buildArgs;
  if (!buildArgs) return globalArgValues(ctx.tree, env);
  for (const name of PLATFORM_ARGS) {
    if (Object.hasOwn(buildArgs, name)) env.set(name, buildArgs[name]!);
  }
  return globalArgValues(ctx.tree, env, buildArgs);
}

const PLATFORM_DEPENDENT = /^(?:BUILD|TARGET)(?:PLATFORM|OS|OSVERSION|ARCH|VARIANT)$/;

/**
 * Every stage built on an image (not `scratch`, not an earlier stage) whose reference and
 * platform are known, in file order. A reference or platform that does not expand, or that
 * needs the platform while none is known, is left out (BuildKit would fail or know more).
 */
export function baseImageUses(ctx: RuleContext): BaseImageUse[] {
  const platforms = buildPlatforms(ctx);
  const env = globalEnv(ctx, platforms);
  const lookup = (n: string) => env.get(n);
  const known = platforms.target !== null;
  const given = ctx.options.buildArgs;
  // An unset variable is `unmatched`: without a platform, the platform ARGs are, unless a
  // build argument gives one.
  const needsPlatform = (r: { matched: ReadonlySet<string>; unmatched: ReadonlySet<string> }) =>
    !known &&
    [...r.matched, ...r.unmatched].some(
      (n) => PLATFORM_DEPENDENT.test(n) && !(given && Object.hasOwn(given, n)),
    );
  const names = new Set<string>();
  const uses: BaseImageUse[] = [];
  for (const stage of ctx.stages) {
    const use = useOf(stage);
    if (stage.info.stage) names.add(stage.info.stage);
    if (use) uses.push(use);
  }
  return uses;

  function useOf(stage: Stage): BaseImageUse | null {
    let reference: string;
    try {
      const r = expandWithMatches(stage.info.image, lookup, { escape: ctx.escape });
      if (needsPlatform(r)) return null;
      reference = r.result;
    } catch {
      return null;
    }
    // An earlier stage's name (BuildKit compares the expanded name as it is), or scratch.
    if (reference === '' || reference === 'scratch' || names.has(reference)) return null;
    const flag = stage.info.platform;
    if (flag === null) {
      return platforms.target ? { stage, reference, platform: platforms.target } : null;
    }
    try {
      const r = expandWithMatches(flag, lookup, { escape: ctx.escape });
      if (needsPlatform(r) || r.result === '') return null;
      // An OS or architecture alone takes the rest from the builder (BuildKit's runtime).
      const parsed = tryParse(r.result, platforms.build ?? undefined);
      if (!parsed) return null;
      return { stage, reference, platform: normalizePlatform(parsed) };
    } catch {
      return null;
    }
  }
}
