import type { Diagnostic } from '@dockwright/ast';

/**
 * An error that makes an instruction parsed on its own unusable. `NoBuildStage` is left out:
 * it depends on where the instruction stands in the file (only ARG may precede the first
 * FROM), not on its text.
 */
export function isolatedError(d: Diagnostic): boolean {
  return d.severity === 'error' && d.code !== 'NoBuildStage';
}
