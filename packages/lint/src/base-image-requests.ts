import { type DockerfileNode, type InstructionNode, parse } from '@dockwright/ast';
import { baseImageUses } from './internal/base-images.js';
import {
  formatPlatformAll,
  imagePlatform,
  parsePlatform,
  selectManifest as select,
} from './internal/platform.js';
import { RuleContext } from './rule-context.js';
import type { ImagePlatform, LintInput, LintOptions } from './types.js';

/** A base image a Dockerfile pulls, for InvalidBaseImagePlatform's facts. */
export interface BaseImageRequest {
  /** The FROM reference after ARG expansion: the key of `LintOptions.images`. */
  readonly reference: string;
  /** The platform BuildKit pulls it for (`linux/amd64`): pick a multi-platform image's manifest with it. */
  readonly platform: string;
  /** The FROM instruction. */
  readonly node: InstructionNode;
  /** 1-based line of the FROM: where to say that the image cannot be resolved. */
  readonly line: number;
  /** 1-based column of the FROM. */
  readonly column: number;
}

/**
 * The base images whose platform InvalidBaseImagePlatform would check, one per FROM: what a
 * caller resolves (from a registry or an engine) and passes back as `LintOptions.images`.
 * Stages on `scratch` or on an earlier stage are left out, and so are FROMs whose reference or
 * platform does not expand or needs a platform the options do not give (`platform`,
 * `buildPlatform`).
 *
 * @example
 * ```ts
 * baseImageRequests('ARG V=3.20\nFROM alpine:$V\n', { buildPlatform: 'linux/amd64' })
 * // [{ reference: 'alpine:3.20', platform: 'linux/amd64', node: …, line: 2, column: 1 }]
 * ```
 */
export function baseImageRequests(input: LintInput, options: LintOptions = {}): BaseImageRequest[] {
  const tree: DockerfileNode =
    typeof input === 'string' ? parse(input, { file: options.file }) : input;
  return baseImageUses(new RuleContext(tree, options)).map((u) => ({
    reference: u.reference,
    platform: formatPlatformAll(u.platform),
    node: u.stage.from,
    line: u.stage.from.position?.line ?? 1,
    column: u.stage.from.position?.column ?? 1,
  }));
}

/**
 * Which of a multi-platform image's manifests BuildKit pulls for `platform` (a request's): the
 * best fit in containerd's order (`linux/amd64` also takes `linux/386`, `linux/arm64` 32-bit
 * `linux/arm/v8` and below), or -1 when none fits, where BuildKit fails the build.
 *
 * @example
 * ```ts
 * selectManifest([{ os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'amd64' }], 'linux/amd64')
 * // 1
 * ```
 */
export function selectManifest(manifests: readonly ImagePlatform[], platform: string): number {
  return select(manifests.map(imagePlatform), parsePlatform(platform));
}
