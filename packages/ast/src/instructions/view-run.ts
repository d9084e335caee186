import type { InstructionNode } from '../tree/nodes.js';
import { stringFlag, stringsFlag } from './flags.js';
import { parseCsv } from './parse-csv.js';
import { parseMount } from './parse-mount.js';
import { suggestion } from './suggest.js';
import type { Device, Mount, RunView } from './view-types.js';

/**
 * RUN: the command (exec array or shell text), the parsed `--mount`s, `--network`,
 * `--security`, `--device`s and heredocs.
 *
 * @example
 * ```ts
 * viewRun(parse('RUN --mount=type=cache,target=/root/.npm npm ci').children[0])
 * // { form: 'shell', command: 'npm ci', mounts: [{ type: 'cache', target: '/root/.npm', … }], … }
 * ```
 */
export function viewRun(node: InstructionNode): RunView {
  const mounts: Mount[] = [];
  for (const value of stringsFlag(node, 'mount')) {
    const result = parseMount(value);
    if ('mount' in result) mounts.push(result.mount);
  }
  const devices: Device[] = [];
  for (const value of stringsFlag(node, 'device')) {
    const result = parseDevice(value);
    if ('device' in result) devices.push(result.device);
  }
  return {
    keyword: 'RUN',
    form: node.json ? 'exec' : 'shell',
    command: commandOf(node),
    mounts,
    network: stringFlag(node, 'network'),
    security: stringFlag(node, 'security'),
    devices,
    heredocs: node.heredocs,
  };
}

/** Exec form: the array; shell form: the text (BuildKit's `handleJSONArgs`). */
export function commandOf(node: InstructionNode): readonly string[] | string {
  return node.json ? node.args : node.args.join(' ');
}

/**
 * One `RUN --device` value (BuildKit `instructions.ParseDevice`): a CSV list whose first bare
 * field is the name, plus `name=`, `required[=bool]`.
 *
 * @example
 * ```ts
 * parseDevice('vendor.com/gpu=all,required') // { device: { name: 'vendor.com/gpu=all', required: true } }
 * ```
 */
export function parseDevice(value: string): { device: Device } | { error: string } {
  const csv = parseCsv(value);
  if ('error' in csv) return { error: `failed to parse csv devices: ${csv.error}` };
  let name = '';
  let required = false;
  for (const field of csv.fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'required') {
        required = true;
        continue;
      }
      if (name === '') {
        name = field;
        continue;
      }
      return { error: `invalid field '${field}' must be a key=value pair` };
    }
    const val = field.slice(eq + 1);
    if (key === 'name') {
      if (name !== '') return { error: `device name already set to ${name}` };
      name = val;
    } else if (key === 'required') {
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(val)) required = true;
      else if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(val)) required = false;
      else return { error: `invalid value for ${key}: ${val}` };
    } else if (name === '') {
      // A CDI name such as `vendor.com/class=all` holds `=`.
      name = field;
    } else {
      return {
        error: `unexpected key '${key}' in '${field}'${suggestion(key, ['name', 'required'], true)}`,
      };
    }
  }
  return { device: { name, required } };
}
