import { goQuote } from '../syntax/go-quote.js';
import { INSTRUCTION_KEYWORDS, STAGE_NAME_PATTERN } from '../syntax/keywords.js';
import { EMPTY } from '../tree/frozen.js';
import type { DiagnosticSeverity, EscapeChar, InstructionNode } from '../tree/nodes.js';
import { isTriplets } from './env-pairs.js';
import { RUN_NETWORK_MODES, RUN_SECURITY_MODES } from './flag-values.js';
import { stringFlag } from './flags.js';
import { heredocName } from './heredoc-name.js';
import { parseGoDuration } from './parse-duration.js';
import { parseMount } from './parse-mount.js';
import { suggestion } from './suggest.js';
import { unquote } from './unquote.js';
import { parsePort } from './view-expose.js';
import { parseDevice } from './view-run.js';

/** One problem `validateInstruction` finds, worded as BuildKit words it. */
export interface InstructionProblem {
  readonly severity: DiagnosticSeverity;
  /** A stable PascalCase id: `UnknownInstruction`, `UnknownFlag`, `InvalidMount`, … */
  readonly code: string;
  readonly message: string;
}

export interface ValidateOptions {
  /**
   * The Dockerfile frontend is a `-labs` one (`# syntax=docker/dockerfile:1-labs`), which
   * enables `RUN --device`. Default false, as for the frontend built into BuildKit.
   */
  readonly labs?: boolean;
}

enum T {
  Bool,
  String,
  Strings,
}
type FlagSpec = ReadonlyMap<string, T>;

const NO_FLAGS: FlagSpec = new Map();
// The flags each instruction registers with BFlags (instructions/parse.go and the RUN hooks).
const FLAG_SPECS: ReadonlyMap<string, FlagSpec> = new Map<string, FlagSpec>([
  [
    'ADD',
    new Map([
      ['chown', T.String],
      ['chmod', T.String],
      ['link', T.Bool],
      ['keep-git-dir', T.Bool],
      ['checksum', T.String],
      ['unpack', T.Bool],
      ['exclude', T.Strings],
    ]),
  ],
  [
    'COPY',
    new Map([
      ['chown', T.String],
      ['from', T.String],
      ['chmod', T.String],
      ['link', T.Bool],
      ['parents', T.Bool],
      ['exclude', T.Strings],
    ]),
  ],
  ['FROM', new Map([['platform', T.String]])],
  [
    'RUN',
    new Map([
      ['mount', T.Strings],
      ['network', T.String],
      ['security', T.String],
      ['device', T.Strings],
    ]),
  ],
  [
    'HEALTHCHECK',
    new Map([
      ['interval', T.String],
      ['timeout', T.String],
      ['start-period', T.String],
      ['start-interval', T.String],
      ['retries', T.String],
    ]),
  ],
]);

const RETRIES = /^[+-]?\d+$/;
// A `$` that begins a variable reference: BuildKit rejects `--from` values that expand.
const FROM_VARIABLE = /\$[A-Za-z0-9_{@*#?\-$!]/;
const NETWORKS: ReadonlySet<string> = new Set(RUN_NETWORK_MODES);
const SECURITIES: ReadonlySet<string> = new Set(RUN_SECURITY_MODES);
const HEALTH_DURATIONS = ['interval', 'timeout', 'start-period', 'start-interval'] as const;

/**
 * BuildKit's instruction-layer checks for one instruction (`instructions/parse.go`, `bflag.go`,
 * the RUN mount/network/security/device hooks, and the argument checks `dockerfile2llb` makes
 * before building: EXPOSE ports, ADD `--checksum`, `COPY --from` expansion). Messages are
 * BuildKit's, word for word. Like BuildKit it stops at the first error of an instruction;
 * an ONBUILD trigger is checked as well. Returns a shared empty array when all is well.
 *
 * @example
 * ```ts
 * validateInstruction(createInstruction('COPY', { flags: [createFlag('form', 'build')], args: ['a', 'b'] }), '\\')
 * // [{ severity: 'error', code: 'UnknownFlag', message: 'unknown flag: --form (did you mean from?)' }]
 * ```
 */
export function validateInstruction(
  node: InstructionNode,
  escapeChar: EscapeChar,
  options?: ValidateOptions,
): readonly InstructionProblem[] {
  const problem = check(node, escapeChar, options?.labs === true);
  if (problem === null) {
    if (node.keyword === 'ONBUILD' && node.trigger !== null) {
      return validateInstruction(node.trigger, escapeChar, options);
    }
    return node.keyword === 'RUN' || node.keyword === 'CMD' || node.keyword === 'ENTRYPOINT'
      ? emptyCommand(node)
      : EMPTY;
  }
  return [problem];
}

function error(code: string, message: string): InstructionProblem {
  return { severity: 'error', code, message };
}

function emptyCommand(node: InstructionNode): readonly InstructionProblem[] {
  if (node.json || node.heredocs.length > 0) return EMPTY;
  const args = node.args;
  for (let i = 0; i < args.length; i++) if (args[i]!.trim() !== '') return EMPTY;
  // BuildKit accepts this (the shell runs an empty command), so it is only a warning.
  return [
    {
      severity: 'warning',
      code: 'EmptyCommand',
      message: `${node.keyword} has no command`,
    },
  ];
}

function check(
  node: InstructionNode,
  escapeChar: EscapeChar,
  labs: boolean,
): InstructionProblem | null {
  const k = node.keyword;
  const args = node.args;
  switch (k) {
    case 'ENV':
    case 'LABEL':
      return flags(node, NO_FLAGS) ?? keyValues(node);
    case 'MAINTAINER':
    case 'WORKDIR':
    case 'USER':
      return exactlyOne(node) ?? flags(node, NO_FLAGS);
    case 'STOPSIGNAL':
      // BuildKit never calls flags.Parse() for STOPSIGNAL: its flags are silently ignored.
      return exactlyOne(node);
    case 'ADD':
    case 'COPY':
      return copyLike(node);
    case 'FROM':
      return from(node);
    case 'ONBUILD':
      return onbuild(node);
    case 'RUN':
      return run(node, labs);
    case 'CMD':
    case 'ENTRYPOINT':
      return flags(node, NO_FLAGS);
    case 'HEALTHCHECK':
      return healthcheck(node);
    case 'EXPOSE':
      if (args.length === 0) return atLeastOne(k);
      return flags(node, NO_FLAGS) ?? expose(node, escapeChar);
    case 'VOLUME':
      if (args.length === 0) return atLeastOne(k);
      return flags(node, NO_FLAGS) ?? volume(node);
    case 'ARG':
      // Like STOPSIGNAL, parseArg never parses its flags.
      return arg(node);
    case 'SHELL':
      return flags(node, NO_FLAGS) ?? shell(node);
    default:
      return error('UnknownInstruction', unknownInstruction(node.raws?.keyword || k));
  }
}

/** `unknown instruction: X (did you mean Y?)`. */
function unknownInstruction(written: string): string {
  return `unknown instruction: ${written}${suggestion(written, INSTRUCTION_KEYWORDS, false)}`;
}

function atLeastOne(keyword: string): InstructionProblem {
  return error('MissingArguments', `${keyword} requires at least one argument`);
}

function exactlyOne(node: InstructionNode): InstructionProblem | null {
  // parseString gives the rest of the line as one argument; only an empty one fails.
  if (node.args.length === 1 && node.args[0] !== '') return null;
  if (node.args.length > 1) return null;
  return error('MissingArguments', `${node.keyword} requires exactly one argument`);
}

/** BuildKit's `BFlags.Parse` against the flags an instruction registers. */
function flags(node: InstructionNode, spec: FlagSpec): InstructionProblem | null {
  const list = node.flags;
  if (list.length === 0) return null;
  for (let i = 0; i < list.length; i++) {
    const flag = list[i]!;
    const name = flag.name;
    const type = spec.get(name);
    if (type === undefined) {
      return error(
        'UnknownFlag',
        `unknown flag: --${name}${spec.size > 0 ? suggestion(name, [...spec.keys()], true) : ''}`,
      );
    }
    if (type !== T.Strings) {
      for (let j = 0; j < i; j++) {
        if (list[j]!.name === name) {
          return error('DuplicateFlag', `duplicate flag specified: --${name}`);
        }
      }
    }
    const value = flag.value;
    if (type === T.Bool) {
      if (value === '') return error('MissingFlagValue', `missing a value on flag: --${name}`);
      if (value !== null) {
        const lower = value.toLowerCase();
        if (lower !== 'true' && lower !== 'false') {
          return error(
            'InvalidBooleanFlag',
            `expecting boolean value for flag --${name}, not: ${value}`,
          );
        }
      }
    } else if (value === null) {
      return error('MissingFlagValue', `missing a value on flag: --${name}`);
    }
  }
  return null;
}

function keyValues(node: InstructionNode): InstructionProblem | null {
  const k = node.keyword;
  const args = node.args;
  if (args.length === 0) {
    // The parser reports `ENV must have two arguments` and the `can't find =` error itself and
    // leaves no arguments; only a truly empty instruction is BuildKit's "at least one" error.
    const rest = node.raws?.rest;
    if (rest !== undefined && hasContent(rest)) return null;
    return atLeastOne(k);
  }
  if (isTriplets(args)) {
    for (let i = 0; i < args.length; i += 3) {
      if (args[i] === '') return error('BlankName', `${k} names can not be blank`);
    }
    return null;
  }
  // A node built with plain words: BuildKit's parseNameVal rules.
  if (args[0]!.indexOf('=') < 0) {
    if (args.length < 2) return error('InvalidArguments', `${k} must have two arguments`);
    return null;
  }
  for (const word of args) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      return error(
        'InvalidArguments',
        `Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`,
      );
    }
    if (eq === 0) return error('BlankName', `${k} names can not be blank`);
  }
  return null;
}

/** Text other than whitespace and comment lines. */
function hasContent(rest: string): boolean {
  for (const line of rest.split('\n')) {
    const t = line.trim();
    if (t !== '' && t[0] !== '#' && t !== '\\' && t !== '`') return true;
  }
  return false;
}

function copyLike(node: InstructionNode): InstructionProblem | null {
  const k = node.keyword;
  const args = node.args;
  if (args.length < 2) {
    return error(
      'MissingArguments',
      `${k} requires at least two arguments, but only one was provided. Destination could not be determined`,
    );
  }
  const bad = flags(node, FLAG_SPECS.get(k)!);
  if (bad) return bad;
  if (!node.json && heredocName(args[args.length - 1]!) !== null) {
    return error('HeredocDestination', `${k} cannot accept a heredoc as a destination`);
  }
  if (k === 'COPY') {
    const from = stringFlag(node, 'from');
    if (from !== null && from.indexOf('$') >= 0 && FROM_VARIABLE.test(from)) {
      return error(
        'FromExpansion',
        'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
      );
    }
  } else {
    const checksum = stringFlag(node, 'checksum');
    if (checksum !== null && checksum !== '') {
      const paths: string[] = [];
      for (let i = 0; i < args.length - 1; i++) {
        if (node.json || heredocName(args[i]!) === null) paths.push(args[i]!);
      }
      if (paths.length !== 1) {
        return error('InvalidChecksum', "checksum can't be specified for multiple sources");
      }
      const src = paths[0]!;
      if (src.indexOf('$') < 0 && !isHttpSource(src) && !isGitSource(src)) {
        return error('InvalidChecksum', 'checksum requires HTTP(S) or Git sources');
      }
    }
  }
  return null;
}

function isHttpSource(src: string): boolean {
  return src.startsWith('http://') || src.startsWith('https://');
}

function isGitSource(src: string): boolean {
  return (
    src.startsWith('git@') ||
    src.startsWith('git://') ||
    src.startsWith('ssh://') ||
    src.startsWith('github.com/')
  );
}

function from(node: InstructionNode): InstructionProblem | null {
  const args = node.args;
  if (args.length === 3 && isAs(args[1]!)) {
    if (!STAGE_NAME_PATTERN.test(args[2]!.toLowerCase())) {
      return error(
        'InvalidStageName',
        `invalid name for build stage: ${goQuote(args[2]!)}, name can't start with a number or contain symbols`,
      );
    }
  } else if (args.length !== 1) {
    return error('InvalidArguments', 'FROM requires either one or three arguments');
  }
  return flags(node, FLAG_SPECS.get('FROM')!);
}

/** `AS` in any case (no other character lower-cases to `a` or `s`). */
function isAs(word: string): boolean {
  return (
    word.length === 2 &&
    (word.charCodeAt(0) | 0x20) === 0x61 &&
    (word.charCodeAt(1) | 0x20) === 0x73
  );
}

function onbuild(node: InstructionNode): InstructionProblem | null {
  const trigger = node.trigger;
  if (trigger === null) return atLeastOne('ONBUILD');
  const bad = flags(node, NO_FLAGS);
  if (bad) return bad;
  switch (trigger.keyword) {
    case 'ONBUILD':
      return error('InvalidOnbuildTrigger', "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    case 'MAINTAINER':
    case 'FROM':
      return error(
        'InvalidOnbuildTrigger',
        `${trigger.keyword} isn't allowed as an ONBUILD trigger`,
      );
    default:
      return null;
  }
}

function run(node: InstructionNode, labs: boolean): InstructionProblem | null {
  if (node.flags.length === 0) return null;
  const bad = flags(node, FLAG_SPECS.get('RUN')!);
  if (bad) return bad;
  // The RUN hooks run in Go init order: device, mount, network, security.
  let devices = 0;
  const list = node.flags;
  for (let i = 0; i < list.length; i++) {
    const flag = list[i]!;
    if (flag.name !== 'device' || flag.value === null) continue;
    devices++;
    const result = parseDevice(flag.value);
    if ('error' in result) return error('InvalidDevice', result.error);
  }
  for (let i = 0; i < list.length; i++) {
    const flag = list[i]!;
    if (flag.name !== 'mount' || flag.value === null) continue;
    const result = parseMount(flag.value);
    if ('error' in result) return error('InvalidMount', result.error);
  }
  const network = stringFlag(node, 'network');
  if (network !== null && !NETWORKS.has(network)) {
    return error('InvalidNetwork', `invalid network mode ${goQuote(network)}`);
  }
  const security = stringFlag(node, 'security');
  if (security !== null && !SECURITIES.has(security)) {
    return error('InvalidSecurity', `security ${goQuote(security)} is not valid`);
  }
  if (devices > 0 && !labs) {
    return error(
      'DeviceRequiresLabs',
      'device feature is only supported in Dockerfile frontend 1.14.0-labs or later',
    );
  }
  return null;
}

function healthcheck(node: InstructionNode): InstructionProblem | null {
  const args = node.args;
  if (args.length === 0) return atLeastOne('HEALTHCHECK');
  const type = args[0]!.toUpperCase();
  if (type === 'NONE') {
    // Flags on HEALTHCHECK NONE are never parsed: BuildKit ignores them.
    if (args.length !== 1) {
      return error('InvalidArguments', 'HEALTHCHECK NONE takes no arguments');
    }
    return null;
  }
  const bad = flags(node, FLAG_SPECS.get('HEALTHCHECK')!);
  if (bad) return bad;
  if (type !== 'CMD') {
    return error(
      'UnknownHealthcheckType',
      `Unknown type ${goQuote(type)} in HEALTHCHECK (try CMD)`,
    );
  }
  if (args.length === 1 || (!node.json && allEmpty(args, 1))) {
    return error('MissingHealthcheckCommand', 'Missing command after HEALTHCHECK CMD');
  }
  for (const name of HEALTH_DURATIONS) {
    const text = stringFlag(node, name);
    if (text === null || text === '') continue;
    const d = parseGoDuration(text);
    if ('error' in d) return error('InvalidDuration', d.error);
    if (d.ns !== 0 && d.ns < 1e6) {
      return error('InvalidDuration', `Interval ${goQuote(name)} cannot be less than 1ms`);
    }
  }
  const retries = stringFlag(node, 'retries');
  if (retries !== null && retries !== '') {
    const quoted = goQuote(retries);
    if (!RETRIES.test(retries)) {
      return error('InvalidRetries', `strconv.ParseInt: parsing ${quoted}: invalid syntax`);
    }
    const n = Number(retries);
    if (n > 2147483647 || n < -2147483648) {
      return error('InvalidRetries', `strconv.ParseInt: parsing ${quoted}: value out of range`);
    }
    if (n < 0) return error('InvalidRetries', `--retries cannot be negative (${n})`);
  }
  return null;
}

/** `80`, `8080/tcp`: a port BuildKit accepts, known without reading it in full. */
const PLAIN_PORT = /^\d{1,5}(?:\/(?:tcp|udp|sctp))?$/i;

function expose(node: InstructionNode, escapeChar: EscapeChar): InstructionProblem | null {
  const args = node.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    // A port with a variable is only known at build time.
    if (word.indexOf('$') >= 0) continue;
    if (PLAIN_PORT.test(word) && Number.parseInt(word, 10) <= 65535) continue;
    const result = parsePort(unquote(word, escapeChar));
    if ('error' in result) return error('InvalidPort', result.error);
  }
  return null;
}

function volume(node: InstructionNode): InstructionProblem | null {
  const args = node.args;
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.trim() === '') {
      return error('EmptyVolume', 'VOLUME specified can not be an empty string');
    }
  }
  return null;
}

function arg(node: InstructionNode): InstructionProblem | null {
  if (node.args.length === 0) return atLeastOne('ARG');
  const args = node.args;
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.startsWith('=')) return error('BlankName', 'ARG names can not be blank');
  }
  return null;
}

function shell(node: InstructionNode): InstructionProblem | null {
  const args = node.args;
  if (args.length === 0 || (!node.json && allEmpty(args, 0))) return atLeastOne('SHELL');
  if (!node.json) {
    return error('ShellNotJson', 'SHELL requires the arguments to be in JSON form');
  }
  return null;
}

function allEmpty(args: readonly string[], from: number): boolean {
  for (let i = from; i < args.length; i++) if (args[i] !== '') return false;
  return true;
}
