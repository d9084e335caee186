import type { EscapeChar } from '../tree/nodes.js';
import { MOUNT_SHARING_MODES, MOUNT_TYPES } from './flag-values.js';
import { parseCsv } from './parse-csv.js';
import { suggestion } from './suggest.js';
import { unquote } from './unquote.js';
import type { Mount, MountType } from './view-types.js';

type Sharing = (typeof MOUNT_SHARING_MODES)[number];
// The key list BuildKit suggests from (commands_runmount.go `allKeys`).
const ALL_KEYS = [
  'type',
  'from',
  'source',
  'target',
  'readonly',
  'id',
  'sharing',
  'required',
  'size',
  'mode',
  'uid',
  'gid',
  'src',
  'dst',
  'destination',
  'ro',
  'rw',
  'readwrite',
  'env',
];
const RAM_SIZE = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
const RAM_UNITS: Readonly<Record<string, number>> = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};
// A `$` that starts a variable reference (a lone trailing `$` is literal in BuildKit).
const VARIABLE = /\$[A-Za-z0-9_{@*#?\-$!]/;

/**
 * Parses one `RUN --mount` value the way BuildKit does (`instructions/commands_runmount.go`
 * `parseMount`, then the defaults of `dockerfile2llb/convert_runmount.go`): CSV fields
 * (go-csvvalue quoting), case-insensitive keys, `type` defaulting to `bind`, per-type keys and
 * aliases, and BuildKit's exact error messages. Values go through quote removal with `escapeChar`
 * (BuildKit expands them with the shell lexer). A value holding a variable (`mode=$MODE`) cannot
 * be checked without an environment, so it is taken on trust.
 *
 * @example
 * ```ts
 * parseMount('type=cache,target=/root/.npm')
 * // { mount: { type: 'cache', target: '/root/.npm', id: '/root/.npm', sharing: 'shared', … } }
 * parseMount('type=foo') // { error: 'unsupported mount type "foo"' }
 * ```
 */
export function parseMount(
  value: string,
  escapeChar: EscapeChar = '\\',
): { mount: Mount } | { error: string } {
  const csv = parseCsv(value);
  if ('error' in csv) return { error: `failed to parse csv mounts: ${csv.error}` };

  let type: MountType = 'bind';
  let typeKnown = true;
  let from = '';
  let source = '';
  let target = '';
  let id = '';
  let env: string | null = null;
  let sharing: Sharing | '' = '';
  let sharingSet = false;
  let readonly = false;
  let roAuto = true;
  let required = false;
  let size: number | null = null;
  let mode: number | null = null;
  let uid: number | null = null;
  let gid: number | null = null;
  let modeSet = false;
  let uidSet = false;
  let gidSet = false;

  for (const field of csv.fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      switch (key) {
        case 'readonly':
        case 'ro':
          readonly = true;
          roAuto = false;
          continue;
        case 'readwrite':
        case 'rw':
          readonly = false;
          roAuto = false;
          continue;
        case 'required':
          if (!typeKnown || type === 'secret' || type === 'ssh') {
            required = true;
            continue;
          }
          return { error: `unexpected key '${key}' for mount type '${type}'` };
        default:
          return { error: `invalid field '${field}' must be a key=value pair` };
      }
    }
    const raw = field.slice(eq + 1);
    if (key === 'from') {
      const dollar = raw.indexOf('$');
      if (dollar >= 0 && dollar !== raw.length - 1) {
        return {
          error: `'${key}' doesn't support variable expansion, define alias stage instead`,
        };
      }
    }
    const dynamic = raw.includes('$') && VARIABLE.test(raw);
    const val = unquote(raw, escapeChar);
    switch (key) {
      case 'type': {
        if (dynamic) {
          typeKnown = false;
          break;
        }
        const t = val.toLowerCase() as MountType;
        if (!MOUNT_TYPES.includes(t)) {
          return { error: `unsupported mount type "${val}"${suggestion(val, MOUNT_TYPES, true)}` };
        }
        type = t;
        typeKnown = true;
        break;
      }
      case 'from':
        from = val;
        break;
      case 'source':
      case 'src':
        source = val;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        target = val;
        break;
      case 'readonly':
      case 'ro':
      case 'readwrite':
      case 'rw': {
        roAuto = false;
        if (dynamic) break;
        const b = parseGoBool(val);
        if (b === null) return { error: `invalid value for ${key}: ${val}` };
        readonly = key === 'readonly' || key === 'ro' ? b : !b;
        break;
      }
      case 'required': {
        if (typeKnown && type !== 'secret' && type !== 'ssh') {
          return { error: `unexpected key '${key}' for mount type '${type}'` };
        }
        if (dynamic) break;
        const b = parseGoBool(val);
        if (b === null) return { error: `invalid value for ${key}: ${val}` };
        required = b;
        break;
      }
      case 'size': {
        if (typeKnown && type !== 'tmpfs') {
          return { error: `unexpected key '${key}' for mount type '${type}'` };
        }
        if (dynamic) break;
        const bytes = ramInBytes(val);
        if (bytes === null) return { error: `invalid value for ${key}: ${val}` };
        size = bytes;
        break;
      }
      case 'id':
        id = val;
        break;
      case 'sharing': {
        sharingSet = true;
        if (dynamic) break;
        const s = val.toLowerCase() as Sharing;
        if (!MOUNT_SHARING_MODES.includes(s)) {
          return {
            error: `unsupported sharing value "${val}"${suggestion(val, MOUNT_SHARING_MODES, true)}`,
          };
        }
        sharing = s;
        break;
      }
      case 'mode':
      case 'uid':
      case 'gid': {
        if (key === 'mode') modeSet = true;
        else if (key === 'uid') uidSet = true;
        else gidSet = true;
        if (dynamic) break;
        const num = parseGoUint32(val, key === 'mode' ? 8 : 10);
        if (num === null) return { error: `invalid value ${val} for ${key}` };
        if (key === 'mode') mode = num;
        else if (key === 'uid') uid = num;
        else gid = num;
        break;
      }
      case 'env':
        env = val;
        break;
      default:
        return {
          error: `unexpected key '${key}' in '${field}'${suggestion(key, ALL_KEYS, true)}`,
        };
    }
  }

  if (typeKnown) {
    // mode, uid and gid only make sense where BuildKit creates the file or directory.
    if (type !== 'secret' && type !== 'ssh' && type !== 'cache') {
      if (modeSet) return { error: `mode not allowed for "${type}" type mounts` };
      if (uidSet) return { error: `uid not allowed for "${type}" type mounts` };
      if (gidSet) return { error: `gid not allowed for "${type}" type mounts` };
    }
    if (type === 'secret') {
      if (from !== '') return { error: 'secret mount should not have a from' };
      if (sharingSet) return { error: 'secret mount should not define sharing' };
      if (source === '' && target === '' && id === '') {
        return { error: 'invalid secret mount. one of source, target required' };
      }
      if (source !== '' && id !== '') return { error: "both source and id can't be set" };
    }
    if (sharingSet && type !== 'cache') {
      return { error: `invalid cache sharing set for ${type} mount` };
    }
    // dockerfile2llb/convert_ssh.go
    if (type === 'ssh' && source !== '') return { error: 'ssh does not support source' };
  }
  if (roAuto) readonly = !(type === 'cache' || type === 'tmpfs');

  switch (type) {
    case 'bind':
      return {
        mount: { type, target, source: source || null, from: from || null, readwrite: !readonly },
      };
    case 'cache':
      return {
        mount: {
          type,
          target,
          // convert_runmount.go: an empty id becomes path.Clean(target).
          id: id || cleanPath(target),
          sharing: sharing || 'shared',
          from: from || null,
          source: source || null,
          mode: mode ?? 0o755,
          uid,
          gid,
          readonly,
        },
      };
    case 'tmpfs':
      return { mount: { type, target, size } };
    case 'secret': {
      // convert_secrets.go: source is an alias of id; else the base name of the target.
      const secretId = source || id || baseName(target);
      return {
        mount: {
          type,
          id: secretId,
          target: target || (env === null ? `/run/secrets/${baseName(secretId)}` : null),
          env,
          required,
          mode: mode ?? 0o400,
          uid,
          gid,
        },
      };
    }
    case 'ssh':
      return {
        mount: {
          type,
          id: id || 'default',
          target: target || null,
          required,
          mode: mode ?? 0o600,
          uid,
          gid,
        },
      };
  }
}

/** Go's `strconv.ParseBool`. */
function parseGoBool(s: string): boolean | null {
  switch (s) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
    default:
      return null;
  }
}

/** Go's `strconv.ParseUint(s, base, 32)` for base 8 or 10 (no sign, no prefix, no `_`). */
function parseGoUint32(s: string, base: 8 | 10): number | null {
  if (s === '') return null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c >= base) return null;
  }
  const n = Number.parseInt(s, base);
  return n <= 0xffffffff ? n : null;
}

/** `github.com/docker/go-units.RAMInBytes`: binary multipliers, `64m`, `1.5g`, `512MiB`. */
function ramInBytes(s: string): number | null {
  const m = RAM_SIZE.exec(s);
  if (!m) return null;
  const num = Number.parseFloat(m[1]!);
  if (Number.isNaN(num)) return null;
  const unit = m[2] ? RAM_UNITS[m[2].toLowerCase()]! : 1;
  return Math.trunc(num * unit);
}

/** Go's `path.Clean`. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Go's `path.Base`. */
function baseName(p: string): string {
  if (p === '') return '.';
  let s = p;
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  if (s === '/') return '/';
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}
