import type { InstructionNode, KeyValue } from '@dockwright/ast';
import { labelsOf } from '../../internal/views.js';
import type { LabelType } from '../../label-schema.js';
import type { RuleContext } from '../../rule-context.js';

/** The key/value pairs of a LABEL, quotes removed. */
export function labelPairs(ctx: RuleContext, node: InstructionNode): readonly KeyValue[] {
  return labelsOf(ctx, node);
}

/** The labels of `labelSchema` with the given format, in name order (hadolint's map order). */
export function schemaLabels(ctx: RuleContext, type?: LabelType): string[] {
  const schema = ctx.options.labelSchema;
  const names: string[] = [];
  // `for…in` with `Object.hasOwn`: the names `Object.keys` gives, without the arrays of a
  // keys-filter chain (DL3049 asks on every file).
  for (const name in schema) {
    if (Object.hasOwn(schema, name) && (type === undefined || schema[name] === type)) {
      names.push(name);
    }
  }
  return names.sort();
}

/**
 * For each schema label of `type` (every one when undefined), reports each LABEL that sets it to
 * a value `valid` rejects.
 */
export function checkLabelValues(
  ctx: RuleContext,
  type: LabelType | undefined,
  valid: (value: string) => boolean,
  message: (label: string) => string,
  report: (node: InstructionNode, message: string) => void,
): void {
  const labels = ctx.instructionsOf('LABEL');
  // Most files set no label: nothing to check then.
  if (labels.length === 0) return;
  for (const label of schemaLabels(ctx, type)) {
    for (const n of labels) {
      if (labelPairs(ctx, n).some((p) => p.key === label && !valid(p.value))) {
        report(n, message(label));
      }
    }
  }
}
