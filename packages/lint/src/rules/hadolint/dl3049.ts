import type { InstructionNode } from '@dockwright/ast';
import { defineRule, hadolintUrl } from '../../define-rule.js';
import { firstFlag } from '../../internal/flags.js';
import type { RuleContext } from '../../rule-context.js';
import { labelPairs, schemaLabels } from './labels.js';
import { type BaseImage, baseImage } from './shared.js';

interface StageId {
  readonly node: InstructionNode;
  readonly from: BaseImage;
}

/**
 * DL3049: a stage that never sets a label `labelSchema` requires, reported at its FROM. A stage
 * built on a labelled one inherits the label; a stage whose files only reach a labelled stage
 * (`COPY --from`), or that a labelled stage builds on, is not an image of its own and is left
 * alone.
 */
export const dl3049 = defineRule(
  {
    id: 'DL3049',
    source: 'hadolint',
    severity: 'info',
    description: 'Label `<label>` is missing.',
    url: hadolintUrl('DL3049'),
    keywords: ['FROM'],
    examples: {
      reported: {
        dockerfile: 'FROM debian:12\n',
        options: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
      },
      notReported: {
        dockerfile:
          'FROM debian:12\nLABEL org.opencontainers.image.source=https://github.com/example/app\n',
        options: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
      },
    },
  },
  (ctx, report) => {
    const labels = schemaLabels(ctx);
    if (labels.length === 0) return;
    // Every label no LABEL of the file sets is missing from the same stages: found once.
    let missingUnset: ReadonlySet<StageId> | null = null;
    for (const label of labels) {
      let missing: ReadonlySet<StageId>;
      if (setsLabel(ctx, label)) missing = stagesMissing(ctx, label);
      else {
        missingUnset ??= stagesMissing(ctx, null);
        missing = missingUnset;
      }
      if (missing.size === 0) continue;
      const message = `Label \`${label}\` is missing.`;
      for (const stage of missing) report(stage.node, message);
    }
  },
);

/** Whether a LABEL of the file sets `label`. */
function setsLabel(ctx: RuleContext, label: string): boolean {
  for (const n of ctx.instructionsOf('LABEL')) {
    if (labelPairs(ctx, n).some((p) => p.key === label)) return true;
  }
  return false;
}

/**
 * The stages missing `label` (null: a label no LABEL sets), in the order of their FROMs, as
 * hadolint finds them: a stage built on one that has the label has it too, and a stage that
 * another copies from (`COPY --from`), or that a labelled stage builds on, is left out.
 */
function stagesMissing(ctx: RuleContext, label: string | null): ReadonlySet<StageId> {
  // The aliases of the stages that have the label (a stage that has it keeps it).
  let goodAliases: Set<string> | null = null;
  const bad = new Set<StageId>();
  let current: StageId | null = null;
  const silence = (alias: string): void => {
    for (const b of bad) if (b.from.alias === alias) bad.delete(b);
  };
  for (const n of ctx.instructions) {
    if (n.keyword === 'FROM') {
      current = { node: n, from: baseImage(ctx, n) };
      if (!goodAliases?.has(current.from.name)) bad.add(current);
      else if (current.from.alias !== null) goodAliases.add(current.from.alias);
    } else if (!current) {
    } else if (n.keyword === 'COPY') {
      const from = firstFlag(n, 'from')?.value;
      if (from !== undefined && from !== null) silence(from);
    } else if (
      label !== null &&
      n.keyword === 'LABEL' &&
      labelPairs(ctx, n).some((p) => p.key === label)
    ) {
      silence(current.from.alias ?? current.from.name);
      if (current.from.alias !== null) {
        goodAliases ??= new Set();
        goodAliases.add(current.from.alias);
      }
      bad.delete(current);
    }
  }
  return bad;
}
