import type { InstructionNode } from '../tree/nodes.js';
import { stringFlag } from './flags.js';
import { parseGoDuration } from './parse-duration.js';
import type { HealthcheckView } from './view-types.js';

const RETRIES = /^[+-]?\d+$/;

/**
 * HEALTHCHECK: NONE, or CMD with its command and options. Durations are milliseconds
 * (Go `time.ParseDuration`); an option that is absent, empty or invalid is null, and `0` means
 * BuildKit's default. Options on HEALTHCHECK NONE are ignored, as BuildKit ignores them.
 *
 * @example
 * ```ts
 * viewHealthcheck(parse('HEALTHCHECK --interval=1m30s --retries=3 CMD curl -f http://localhost/').children[0])
 * // { kind: 'cmd', form: 'shell', command: 'curl -f http://localhost/', interval: 90000,
 * //   timeout: null, startPeriod: null, startInterval: null, retries: 3 }
 * ```
 */
export function viewHealthcheck(node: InstructionNode): HealthcheckView {
  const type = (node.args[0] ?? '').toUpperCase();
  if (node.args.length === 0 || type === 'NONE') {
    return {
      keyword: 'HEALTHCHECK',
      kind: node.args.length === 0 ? 'missing' : 'none',
      form: null,
      command: null,
      interval: null,
      timeout: null,
      startPeriod: null,
      startInterval: null,
      retries: null,
    };
  }
  const rest = node.args.slice(1);
  const retriesText = stringFlag(node, 'retries');
  return {
    keyword: 'HEALTHCHECK',
    kind: type === 'CMD' ? 'cmd' : 'unknown',
    form: type === 'CMD' ? (node.json ? 'exec' : 'shell') : null,
    command: type === 'CMD' ? (node.json ? rest : rest.join(' ')) : null,
    interval: durationFlag(node, 'interval'),
    timeout: durationFlag(node, 'timeout'),
    startPeriod: durationFlag(node, 'start-period'),
    startInterval: durationFlag(node, 'start-interval'),
    retries: retriesText !== null && RETRIES.test(retriesText) ? Number(retriesText) : null,
  };
}

function durationFlag(node: InstructionNode, name: string): number | null {
  const text = stringFlag(node, name);
  if (text === null || text === '') return null;
  const d = parseGoDuration(text);
  return 'ns' in d ? d.ns / 1e6 : null;
}
