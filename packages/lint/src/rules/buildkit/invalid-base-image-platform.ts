import { goQuote } from '@dockwright/ast';
import { defineRule } from '../../define-rule.js';
import { baseImageUses } from '../../internal/base-images.js';
import {
  formatPlatformAll,
  imagePlatform,
  normalizePlatform,
  selectManifest,
} from '../../internal/platform.js';
import type { ImageFacts } from '../../types.js';

/**
 * InvalidBaseImagePlatform: the base image BuildKit pulls is for another OS or architecture
 * than the stage is built for. It needs to know what each image resolves to, which a static
 * linter cannot: the caller passes it (`images`, with `platform` / `buildPlatform`), as
 * `dockwright lint --resolve-images` does. Without it the rule reports nothing. FROM
 * references are read with the global ARGs' defaults, or the `buildArgs` given
 * (`--build-arg`), as BuildKit reads them.
 *
 * @example
 * ```dockerfile
 * FROM example/tool:1   # Base image example/tool:1 was pulled with platform "linux/arm64", expected "linux/amd64" for current build
 * ```
 */
export const invalidBaseImagePlatform = defineRule(
  {
    id: 'InvalidBaseImagePlatform',
    source: 'buildkit',
    severity: 'warning',
    description: 'Base image platform does not match expected target platform',
    // BuildKit's checks run with the file's configuration only (dctx.lint).
    checkConfig: 'file',
    keywords: ['FROM'],
    examples: {
      reported: {
        dockerfile: 'FROM example/tool:1\nENV foo=bar\n',
        options: {
          platform: 'linux/amd64',
          images: { 'example/tool:1': { os: 'linux', architecture: 'arm64' } },
        },
      },
      notReported: {
        dockerfile: 'FROM --platform=linux/arm64 example/tool:1 AS tool-arm64\nENV foo=bar\n',
        options: {
          platform: 'linux/amd64',
          images: { 'example/tool:1': { os: 'linux', architecture: 'arm64' } },
        },
      },
    },
  },
  (ctx, report) => {
    const images = ctx.options.images;
    if (!images) return;
    for (const use of baseImageUses(ctx)) {
      if (!Object.hasOwn(images, use.reference)) continue;
      const facts = pulled(images[use.reference]!, use.platform);
      if (!facts || facts.empty) continue;
      const expected = use.platform;
      // BuildKit compares the image config's OS and architecture as written.
      if (facts.os === expected.os && facts.architecture === expected.architecture) continue;
      const actual = formatPlatformAll(normalizePlatform(imagePlatform(facts)));
      report(
        use.stage.from,
        `Base image ${use.reference} was pulled with platform ${goQuote(actual)}, expected ${goQuote(formatPlatformAll(expected))} for current build`,
      );
    }
  },
);

/** The manifest BuildKit pulls: the image itself, or the index entry that fits the platform. */
function pulled(
  facts: ImageFacts | readonly ImageFacts[],
  platform: Parameters<typeof selectManifest>[1],
): ImageFacts | null {
  if (!Array.isArray(facts)) return facts as ImageFacts;
  const list = facts as readonly ImageFacts[];
  const i = selectManifest(list.map(imagePlatform), platform);
  return i === -1 ? null : list[i]!;
}
