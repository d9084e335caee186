import {
  createComment as commentNode,
  type DockerfileNode,
  createDirective as directive,
  createDockerfile as dockerfileNode,
  type EscapeChar,
  expandWithMatches,
  type Flag,
  createFlag as flag,
  formatFlag,
  type Heredoc,
  createHeredoc as heredocNode,
  type InstructionInit,
  type InstructionNode,
  createInstruction as instruction,
  MOUNT_SHARING_MODES,
  PLATFORM_ARGS,
  parseDuration,
  print,
  RESERVED_STAGE_NAMES,
  RUN_NETWORK_MODES,
  RUN_SECURITY_MODES,
  STAGE_NAME_PATTERN,
  type TransformFn,
  transform as transformTree,
  viewArg,
  viewFrom,
  withChildren,
} from '@dockwright/ast';
import { checkArgName, readArgRef } from './arg.js';
import { type CommandList, isCommandList } from './commands.js';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import {
  checkExpansion,
  csvField,
  encodePaths,
  execArgs,
  GO_SPACE,
  lexEscape,
  line,
  nonEmpty,
  quoteString,
  quoteValue,
  shellText,
  text,
  trimGo,
} from './encode.js';
import {
  checkCap,
  FEATURES,
  type Frontend,
  type FrontendNeed,
  mergeNeed,
  syntaxCap,
  syntaxFor,
} from './frontend.js';
import { isHeredocSource } from './heredoc.js';
import { appendAll, appendInstruction, fromArray, type NodeList, toArray } from './node-list.js';
import type {
  AddOptions,
  CopyOptions,
  FileMode,
  HealthcheckOptions,
  HeredocSource,
  Mount,
  Port,
  RunOptions,
} from './types.js';

/**
 * What a builder knows besides its nodes and the frontend they need: frozen and shared by
 * every builder until a call changes it (a stage, the syntax), so an instruction call
 * allocates only the new builder and one list cell.
 */
export interface Context {
  readonly esc: EscapeChar;
  /** Named stages defined so far, the current one included. */
  readonly stages: readonly string[];
  /** The current stage's name, or null. */
  readonly current: string | null;
  readonly inStage: boolean;
  /** Global ARGs: those declared before the first FROM, which FROM may expand. */
  readonly globals: readonly string[];
  readonly cap: Frontend | null;
  /** An explicit `syntax()` value. */
  readonly syntax: string | null;
  /**
   * The cap a versioned syntax sets (`syntax('docker/dockerfile:1.4')`, or the directive of a
   * file `edit()` loaded), with the value for messages.
   */
  readonly syntaxCap: { readonly value: string; readonly cap: Frontend } | null;
  /** The tree `edit()` loaded, for its raws (BOM, line terminator, trailing blank lines). */
  readonly base: DockerfileNode | null;
  readonly eol: '\n' | '\r\n';
}

/** Everything a builder knows. */
export interface Props extends Context {
  readonly list: NodeList | null;
  readonly need: Frontend;
}

/** A builder over `props` (the entry points `dockerfile()` and `edit()` start here). */
export function builderOf(props: Props): Builder {
  const { list, need, ...context } = props;
  return new Builder(Object.freeze(context), list, need);
}

const NO_NEEDS: readonly FrontendNeed[] = Object.freeze([]);
const NO_MOUNTS: readonly Mount[] = Object.freeze([]);

const RESERVED_STAGES: ReadonlySet<string> = new Set(RESERVED_STAGE_NAMES);
const DIRECTIVE_LIKE = /^[ \t]*(syntax|escape|check)[ \t]*=[ \t]*\S/i;
const PORT = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i;
const PORT_VAR = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}(?:\/(tcp|udp|sctp))?$/i;
const OCTAL = /^0?[0-7]{3,4}$/;
const DIRECTORY = /[/\\]$/;
/** The ARGs BuildKit defines in the global scope. */
const GLOBAL_ARGS: ReadonlySet<string> = new Set(PLATFORM_ARGS);

/**
 * The one class behind every builder interface (Kysely's pattern): frozen private state, and
 * every method returns a new instance, so builders can be forked and reused. The state is split
 * so the hot path (one instruction) shares the context and appends one persistent list cell.
 */
export class Builder {
  readonly #ctx: Context;
  readonly #list: NodeList | null;
  readonly #need: Frontend;

  /** Use {@link builderOf}; `ctx` must be frozen. */
  constructor(ctx: Context, list: NodeList | null, need: Frontend) {
    this.#ctx = ctx;
    this.#list = list;
    this.#need = need;
    Object.freeze(this);
  }

  get stage(): { kind: 'stage'; name: string } | undefined {
    const name = this.#ctx.current;
    return name === null ? undefined : Object.freeze({ kind: 'stage' as const, name });
  }

  // ---- plumbing ---------------------------------------------------------------------------

  #with(patch: Partial<Context>, list: NodeList | null = this.#list): Builder {
    return new Builder(Object.freeze({ ...this.#ctx, ...patch }), list, this.#need);
  }

  /**
   * Appends `instruction(keyword, init)`, made when the list is materialised (with raws printing
   * `rest` after the keyword, when given: see {@link appendInstruction}).
   */
  #push(
    method: string,
    keyword: string,
    init: InstructionInit,
    needs: readonly FrontendNeed[] = NO_NEEDS,
    rest: string | null = null,
  ): Builder {
    if (keyword !== 'ARG' && keyword !== 'FROM' && !this.#ctx.inStage) {
      throw new DockerfileBuildError(
        method,
        'no build stage in current context: call from() first',
      );
    }
    let need = this.#need;
    const { cap, syntaxCap } = this.#ctx;
    // An index rather than for…of, whose iterator every builder call would allocate.
    for (let i = 0; i < needs.length; i++) {
      const n = needs[i]!;
      checkCap(method, n, cap);
      if (syntaxCap !== null) checkCap(method, n, syntaxCap.cap, syntaxCap.value);
      need = mergeNeed(need, n);
    }
    return new Builder(this.#ctx, appendInstruction(this.#list, keyword, init, rest), need);
  }

  get #esc(): EscapeChar {
    return this.#ctx.esc;
  }

  #fromSource(method: string, source: unknown): string {
    if (typeof source === 'object' && source !== null && 'kind' in source) {
      const ref = source as { kind: string; name: string };
      if (ref.kind === 'image') {
        const name = nonEmpty(method, 'image', ref.name);
        if (/[\s"'\\`$]/.test(name) || name.startsWith('-')) {
          throw new DockerfileBuildError(method, `not a valid image reference: ${show(name)}`);
        }
        return name;
      }
      if (ref.kind === 'stage') return this.#stageName(method, ref.name);
    }
    return this.#stageName(method, String(source));
  }

  #stageName(method: string, name: string): string {
    if (name === this.#ctx.current) {
      throw new DockerfileBuildError(method, `a stage cannot copy from itself: ${show(name)}`);
    }
    if (!this.#ctx.stages.includes(name)) {
      throw new DockerfileBuildError(
        method,
        `no stage named ${show(name)} is defined before this one (use image(${show(name)}) for an image)`,
      );
    }
    return name;
  }

  // ---- preamble and stages ------------------------------------------------------------------

  syntax(value: string): Builder {
    const v = nonEmpty('syntax', 'value', value);
    if (/\s/.test(trimmed(v)))
      throw new DockerfileBuildError('syntax', `the value must be one word: ${show(v)}`);
    if (this.#list !== null && this.#ctx.base === null) {
      throw new DockerfileBuildError('syntax', 'the syntax directive must come first');
    }
    const directiveValue = trimmed(v);
    const cap = syntaxCap(directiveValue);
    return this.#with({
      syntax: directiveValue,
      syntaxCap: cap && { value: directiveValue, cap },
    });
  }

  comment(value: string): Builder {
    const lines = text('comment', 'text', value)
      .split('\n')
      .map((l) => trimmed(l));
    if (this.#list === null && this.#ctx.base === null && DIRECTIVE_LIKE.test(lines[0]!)) {
      throw new DockerfileBuildError(
        'comment',
        `the first line of the file would be read as a parser directive: ${show(value)}`,
      );
    }
    const list = appendAll(
      this.#list,
      lines.map((l) => commentNode(l)),
    );
    return new Builder(this.#ctx, list, this.#need);
  }

  arg(name: unknown, defaultValue?: unknown): Builder {
    const ref = readArgRef(name);
    const argName = checkArgName('arg', ref ? ref.name : String(name));
    const value = defaultValue !== undefined ? String(defaultValue) : (ref?.defaultValue ?? null);
    const word =
      value === null
        ? argName
        : `${argName}=${quoteValue('arg', 'default value', value, this.#esc)}`;
    const next = this.#push('arg', 'ARG', { args: [word] });
    return this.#ctx.inStage || this.#ctx.globals.includes(argName)
      ? next
      : next.#with({ globals: [...this.#ctx.globals, argName] });
  }

  from(image: unknown, options: { as?: string; platform?: string } = {}): Builder {
    let imageWord: string;
    if (
      typeof image === 'object' &&
      image !== null &&
      (image as { kind?: string }).kind === 'stage'
    ) {
      // The current stage ends here, so FROM may name it as well as any earlier one.
      imageWord = (image as { name: string }).name;
      if (!this.#ctx.stages.includes(imageWord)) this.#stageName('from', imageWord);
    } else {
      imageWord = nonEmpty('from', 'image', image);
      if (/[\s"'`\\]/.test(imageWord) || imageWord.startsWith('-')) {
        throw new DockerfileBuildError('from', `not a valid image reference: ${show(imageWord)}`);
      }
      checkExpansion('from', 'image', imageWord, lexEscape(imageWord, this.#esc), this.#esc);
      if (lexEscape(imageWord, this.#esc) !== imageWord) {
        throw new DockerfileBuildError('from', `not a valid image reference: ${show(imageWord)}`);
      }
    }
    const flags: Flag[] = [];
    if (options.platform !== undefined)
      flags.push(flag('platform', this.#platform(options.platform)));
    const args = [imageWord];
    let stages = this.#ctx.stages;
    let current: string | null = null;
    if (options.as !== undefined) {
      const name = line('from', 'stage name', options.as);
      if (!STAGE_NAME_PATTERN.test(name)) {
        throw new DockerfileBuildError(
          'from',
          `invalid name for build stage: ${show(name)}, it must match ${STAGE_NAME_PATTERN.source}`,
        );
      }
      if (RESERVED_STAGES.has(name))
        throw new DockerfileBuildError('from', `the stage name ${show(name)} is reserved`);
      if (stages.includes(name))
        throw new DockerfileBuildError('from', `duplicate stage name: ${show(name)}`);
      args.push('AS', name);
      stages = [...stages, name];
      current = name;
    }
    const next = this.#with({ inStage: true, stages, current });
    return next.#push('from', 'FROM', { flags, args });
  }

  /**
   * BuildKit expands `--platform` with the global ARGs and its platform ARGs only, then parses
   * the result as `os/arch[/variant]`: a bad `${…}`, whitespace or an unknown variable (which
   * expands to nothing) fails the build, so refuse them here.
   */
  #platform(value: unknown): string {
    const p = nonEmpty('from', 'platform', value);
    if (GO_SPACE.test(p))
      throw new DockerfileBuildError(
        'from',
        `the platform must not contain whitespace: ${show(p)}`,
      );
    const word = lexEscape(p, this.#esc);
    checkExpansion('from', 'platform', p, word, this.#esc);
    const globals = this.#ctx.globals;
    const known = (name: string) => GLOBAL_ARGS.has(name) || globals.includes(name);
    const { unmatched } = expandWithMatches(word, (name) => (known(name) ? 'x' : undefined), {
      escape: this.#esc,
    });
    if (unmatched.size > 0) {
      throw new DockerfileBuildError(
        'from',
        `the platform uses ${[...unmatched].join(', ')}, which is neither a global ARG (arg() before the first from()) nor a platform ARG: ${show(p)}`,
      );
    }
    return word;
  }

  // ---- instructions -------------------------------------------------------------------------

  workdir(path: unknown): Builder {
    const word = quoteString('workdir', 'path', path, this.#esc);
    return this.#push('workdir', 'WORKDIR', { args: [word] });
  }

  user(user: unknown, group?: unknown): Builder {
    const u = nonEmpty('user', 'user', user);
    if (group !== undefined) {
      const g = nonEmpty('user', 'group', group);
      if (u.includes(':'))
        throw new DockerfileBuildError(
          'user',
          `the user must not contain ":" when a group is given: ${show(u)}`,
        );
      return this.#push('user', 'USER', {
        args: [quoteString('user', 'user', `${u}:${g}`, this.#esc)],
      });
    }
    return this.#push('user', 'USER', { args: [quoteString('user', 'user', u, this.#esc)] });
  }

  stopsignal(signal: unknown): Builder {
    const s =
      typeof signal === 'number' ? String(signal) : nonEmpty('stopsignal', 'signal', signal);
    if (typeof signal === 'number' && (!Number.isInteger(signal) || signal < 1 || signal > 64)) {
      throw new DockerfileBuildError(
        'stopsignal',
        `the signal number must be between 1 and 64: ${show(signal)}`,
      );
    }
    return this.#push('stopsignal', 'STOPSIGNAL', {
      args: [quoteString('stopsignal', 'signal', s, this.#esc)],
    });
  }

  env(key: unknown, value?: unknown): Builder {
    return this.#keyValue('env', 'ENV', key, value);
  }

  label(key: unknown, value?: unknown): Builder {
    return this.#keyValue('label', 'LABEL', key, value);
  }

  #keyValue(method: string, keyword: string, key: unknown, value: unknown): Builder {
    let args: string[];
    if (typeof key === 'object' && key !== null && !(key instanceof String)) {
      const pairs = Object.entries(key as Record<string, unknown>);
      if (pairs.length === 0) throw new DockerfileBuildError(method, 'at least one key is needed');
      args = pairs.flatMap(([k, v]) => this.#pair(method, k, v));
    } else {
      args = this.#pair(method, String(key), value);
    }
    return this.#push(method, keyword, { args });
  }

  /** The three words of an ENV or LABEL pair: the key, the value and `=`. */
  #pair(method: string, key: string, value: unknown): string[] {
    const name = nonEmpty(method, 'key', key);
    if (name.includes('='))
      throw new DockerfileBuildError(method, `the key must not contain "=": ${show(name)}`);
    if (value === undefined || value === null)
      throw new DockerfileBuildError(method, `no value for ${show(name)}`);
    return [
      quoteValue(method, 'key', name, this.#esc),
      quoteValue(method, 'value', value, this.#esc),
      '=',
    ];
  }

  expose(...ports: readonly Port[]): Builder {
    if (ports.length === 0) throw new DockerfileBuildError('expose', 'at least one port is needed');
    const words = ports.map((p) => {
      const s = typeof p === 'number' ? String(p) : line('expose', 'port', p);
      if (PORT_VAR.test(s)) return s;
      const m = PORT.exec(s);
      const bad = (why: string) => new DockerfileBuildError('expose', `${why}: ${show(p)}`);
      if (typeof p === 'number' && !Number.isInteger(p)) throw bad('the port must be an integer');
      if (!m) throw bad('not a port (8080, "53/udp", "8000-8010")');
      const start = Number(m[1]);
      const end = m[2] === undefined ? start : Number(m[2]);
      if (start > 65535 || end > 65535) throw bad('port out of range (0-65535)');
      if (end < start) throw bad('invalid port range');
      return s;
    });
    return this.#push('expose', 'EXPOSE', { args: words });
  }

  volume(...paths: readonly string[]): Builder {
    if (paths.length === 0) throw new DockerfileBuildError('volume', 'at least one path is needed');
    const { words, json } = encodePaths('volume', paths, this.#esc, true);
    return this.#push('volume', 'VOLUME', { args: words, json });
  }

  shell(args: readonly string[]): Builder {
    if (!Array.isArray(args))
      throw new DockerfileBuildError('shell', `SHELL takes an array: ${show(args)}`);
    return this.#push('shell', 'SHELL', { args: execArgs('shell', args, false), json: true });
  }

  cmd(command: unknown, options: { shell?: boolean } = {}): Builder {
    return this.#command('cmd', 'CMD', command, options);
  }

  entrypoint(command: unknown, options: { shell?: boolean } = {}): Builder {
    return this.#command('entrypoint', 'ENTRYPOINT', command, options);
  }

  #command(
    method: string,
    keyword: string,
    command: unknown,
    options: { shell?: boolean },
  ): Builder {
    if (Array.isArray(command)) {
      return this.#push(method, keyword, { args: execArgs(method, command, true), json: true });
    }
    if (options.shell !== true) {
      throw new DockerfileBuildError(
        method,
        `pass an array for exec form, or { shell: true } for shell form: ${show(command)}`,
      );
    }
    return this.#push(method, keyword, { args: [shellText(method, command, this.#esc, false)] });
  }

  healthcheck(command: unknown, options: HealthcheckOptions = {}): Builder {
    if (command === false || command === null) {
      return this.#push('healthcheck', 'HEALTHCHECK', { args: ['NONE'] });
    }
    const flags: Flag[] = [];
    const durations = [
      ['interval', options.interval],
      ['timeout', options.timeout],
      ['start-period', options.startPeriod],
      ['start-interval', options.startInterval],
    ] as const;
    for (const [name, value] of durations) {
      if (value === undefined) continue;
      const d = line('healthcheck', name, value);
      const ms = /^[0-9.]+(ns|us|µs|ms|s|m|h)([0-9.]+(ns|us|µs|ms|s|m|h))*$/.test(d)
        ? parseDuration(d)
        : null;
      if (ms === null)
        throw new DockerfileBuildError(
          'healthcheck',
          `--${name} is not a duration such as "30s": ${show(d)}`,
        );
      if (ms !== 0 && ms < 1)
        throw new DockerfileBuildError(
          'healthcheck',
          `--${name} cannot be less than 1ms: ${show(d)}`,
        );
      flags.push(flag(name, d));
    }
    if (options.retries !== undefined) {
      if (!Number.isInteger(options.retries) || options.retries < 0) {
        throw new DockerfileBuildError(
          'healthcheck',
          `--retries must be a non-negative integer: ${show(options.retries)}`,
        );
      }
      flags.push(flag('retries', String(options.retries)));
    }
    if (Array.isArray(command)) {
      return this.#push('healthcheck', 'HEALTHCHECK', {
        flags,
        args: ['CMD', ...execArgs('healthcheck', command, false)],
        json: true,
      });
    }
    return this.#push('healthcheck', 'HEALTHCHECK', {
      flags,
      args: ['CMD', shellText('healthcheck', command, this.#esc, false)],
    });
  }

  run(command: unknown, options: RunOptions = {}): Builder {
    const needs: FrontendNeed[] = [];
    const flags = this.#runFlags(options, needs);
    if (Array.isArray(command)) {
      return this.#push(
        'run',
        'RUN',
        { flags, args: execArgs('run', command, false), json: true },
        needs,
      );
    }
    if (isHeredocSource(command)) {
      needs.push(FEATURES.heredoc);
      const doc = this.#heredoc('run', command, [], command.quoted ?? false);
      let first = heredocWord(doc);
      if (command.command !== null)
        first += ` ${shellText('run', command.command, this.#esc, true)}`;
      return this.#push('run', 'RUN', { flags, args: [first], heredocs: [doc] }, needs);
    }
    if (isCommandList(command)) return this.#runList(command, flags, needs);
    const textValue = shellText('run', command, this.#esc, true);
    return this.#push('run', 'RUN', { flags, args: [textValue] }, needs);
  }

  #runList(list: CommandList, flags: Flag[], needs: FrontendNeed[]): Builder {
    const items = list.commands.map((c) => shellText('run', c, this.#esc, true));
    if (items.length === 1) return this.#push('run', 'RUN', { flags, args: items }, needs);
    // Canonical style: `RUN a \` then `    && b`. BuildKit joins a continuation by dropping the
    // escape char (and trailing blanks) and keeping the next line's indent: `a     && b`.
    const eol = this.#ctx.eol;
    const joined = items.join(' ' + '    && ');
    // A marker can also form across items (`<<` then `&& x`): BuildKit reads the joined line.
    if (joined.includes('<<')) shellText('run', joined, this.#esc, true);
    // Every RUN list keeps `rest`: join it into one flat string rather than a rope of `+=`.
    const rest = [
      ...flags.map((f) => ` ${formatFlag(f)}`),
      ' ',
      items.join(` ${this.#esc}${eol}    && `),
      eol,
    ].join('');
    return this.#push('run', 'RUN', { flags, args: [joined] }, needs, rest);
  }

  #runFlags(options: RunOptions, needs: FrontendNeed[]): Flag[] {
    const flags = (options.mounts ?? NO_MOUNTS).map((mount) =>
      flag('mount', this.#mount(mount as Mount, needs)),
    );
    if (options.network !== undefined) {
      if (!RUN_NETWORK_MODES.includes(options.network)) {
        throw new DockerfileBuildError('run', `invalid network mode ${show(options.network)}`);
      }
      needs.push(FEATURES.network);
      flags.push(flag('network', options.network));
    }
    if (options.security !== undefined) {
      if (!RUN_SECURITY_MODES.includes(options.security)) {
        throw new DockerfileBuildError('run', `security ${show(options.security)} is not valid`);
      }
      needs.push(FEATURES.security);
      flags.push(flag('security', options.security));
    }
    for (const device of options.devices ?? []) {
      const d = typeof device === 'string' ? { name: device, required: false } : device;
      const name = nonEmpty('run', 'device name', d.name);
      if (/[,"'\\]/.test(name) || GO_SPACE.test(name))
        throw new DockerfileBuildError(
          'run',
          `the device name must not contain ",", quotes or spaces: ${show(name)}`,
        );
      needs.push(FEATURES.device);
      flags.push(flag('device', d.required ? `${name},required` : name));
    }
    return flags;
  }

  #mount(mount: Mount, needs: FrontendNeed[]): string {
    const m = 'run';
    const fields: string[] = [`type=${mount.type}`];
    switch (mount.type) {
      case 'bind':
        mountValue(fields, this.#esc, 'target', mount.target);
        if (mount.source !== undefined) mountValue(fields, this.#esc, 'source', mount.source);
        if (mount.from !== undefined)
          fields.push(csvField('from', this.#fromSource(m, mount.from)));
        if (mount.readwrite) fields.push('rw');
        break;
      case 'cache':
        mountValue(fields, this.#esc, 'target', mount.target);
        if (mount.id !== undefined) mountValue(fields, this.#esc, 'id', mount.id);
        if (mount.sharing !== undefined) {
          if (!MOUNT_SHARING_MODES.includes(mount.sharing)) {
            throw new DockerfileBuildError(m, `unsupported sharing value ${show(mount.sharing)}`);
          }
          fields.push(`sharing=${mount.sharing}`);
        }
        if (mount.from !== undefined)
          fields.push(csvField('from', this.#fromSource(m, mount.from)));
        if (mount.source !== undefined) mountValue(fields, this.#esc, 'source', mount.source);
        mountMode(fields, mount.mode);
        mountInt(fields, 'uid', mount.uid);
        mountInt(fields, 'gid', mount.gid);
        if (mount.readonly) fields.push('ro');
        break;
      case 'tmpfs':
        mountValue(fields, this.#esc, 'target', mount.target);
        if (mount.size !== undefined) {
          const s = String(mount.size);
          if (!/^\d+(\.\d+)?[kKmMgG]?$/.test(s))
            throw new DockerfileBuildError(m, `tmpfs size must be bytes or 64m: ${show(s)}`);
          fields.push(`size=${s}`);
        }
        break;
      case 'secret':
      case 'ssh':
        if (mount.id !== undefined) mountValue(fields, this.#esc, 'id', mount.id);
        if (mount.target !== undefined) mountValue(fields, this.#esc, 'target', mount.target);
        if (mount.type === 'secret' && mount.env !== undefined) {
          checkArgName(m, String(mount.env));
          needs.push(FEATURES.secretEnv);
          fields.push(`env=${mount.env}`);
        }
        mountBool(fields, 'required', mount.required);
        mountMode(fields, mount.mode);
        mountInt(fields, 'uid', mount.uid);
        mountInt(fields, 'gid', mount.gid);
        break;
      default:
        throw new DockerfileBuildError(
          m,
          `unsupported mount type ${show((mount as { type: unknown }).type)}`,
        );
    }
    return fields.join(',');
  }

  copy(sources: unknown, destination: unknown, options: CopyOptions = {}): Builder {
    return this.#copyAdd('copy', 'COPY', sources, destination, options);
  }

  add(sources: unknown, destination: unknown, options: AddOptions = {}): Builder {
    return this.#copyAdd('add', 'ADD', sources, destination, options);
  }

  #copyAdd(
    method: string,
    keyword: 'COPY' | 'ADD',
    sources: unknown,
    destination: unknown,
    options: CopyOptions & AddOptions,
  ): Builder {
    const needs: FrontendNeed[] = [];
    const flags: Flag[] = [];
    const list = (Array.isArray(sources) ? sources : [sources]) as readonly unknown[];
    if (list.length === 0) throw new DockerfileBuildError(method, 'at least one source is needed');
    if (options.from !== undefined) {
      if (keyword === 'ADD')
        throw new DockerfileBuildError(method, 'ADD has no --from: use copy()');
      flags.push(flag('from', this.#fromSource(method, options.from)));
    }
    if (options.chown !== undefined) flags.push(this.#expandedFlag(method, 'chown', options.chown));
    if (options.chmod !== undefined) {
      const v = options.chmod;
      const s = typeof v === 'number' ? `0${v.toString(8)}` : nonEmpty(method, '--chmod', v);
      if (typeof v === 'number' && (!Number.isInteger(v) || v < 0 || v > 0o7777)) {
        throw new DockerfileBuildError(method, `invalid chmod parameter: ${show(v)}`);
      }
      if (!OCTAL.test(s)) {
        if (!/^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/.test(s)) {
          throw new DockerfileBuildError(method, `invalid chmod parameter: ${show(s)}`);
        }
        needs.push(FEATURES.symbolicChmod);
      }
      flags.push(flag('chmod', s));
    }
    if (options.link !== undefined) {
      if (options.link) needs.push(FEATURES.link);
      flags.push(flag('link', options.link ? null : 'false'));
    }
    if (options.parents !== undefined) {
      if (keyword === 'ADD')
        throw new DockerfileBuildError(method, 'ADD has no --parents: use copy()');
      if (options.parents) needs.push(FEATURES.parents);
      flags.push(flag('parents', options.parents ? null : 'false'));
    }
    if (options.exclude !== undefined) {
      const patterns = typeof options.exclude === 'string' ? [options.exclude] : options.exclude;
      for (const p of patterns) {
        const s = nonEmpty(method, '--exclude', p);
        if (/["'\\`$]/.test(s) || GO_SPACE.test(s)) {
          throw new DockerfileBuildError(
            method,
            `an --exclude pattern must not contain quotes, "$", "\\" or whitespace: ${show(s)}`,
          );
        }
        needs.push(FEATURES.exclude);
        flags.push(flag('exclude', s));
      }
    }
    if (keyword === 'ADD') {
      if (options.checksum !== undefined) {
        needs.push(FEATURES.checksum);
        flags.push(this.#expandedFlag(method, 'checksum', options.checksum));
      }
      if (options.keepGitDir !== undefined) {
        needs.push(FEATURES.keepGitDir);
        flags.push(flag('keep-git-dir', options.keepGitDir ? null : 'false'));
      }
      if (options.unpack !== undefined) {
        needs.push(FEATURES.unpack);
        flags.push(flag('unpack', options.unpack ? 'true' : 'false'));
      }
    }
    const dst = nonEmpty(method, 'destination', destination);
    if (!list.some(isHeredocSource)) {
      // Only paths (the usual call): their encoded words, the destination's last, are the args.
      this.#checkDestination(method, list, dst);
      const { words, json } = encodePaths(method, [...list.map(String), dst], this.#esc, true);
      return this.#push(method, keyword, { flags, args: words, json }, needs);
    }
    const docs: Heredoc[] = [];
    // Each source as a path string, or as its heredoc.
    const items = list.map((src): string | Heredoc => {
      if (!isHeredocSource(src)) return String(src);
      if (src.command !== null)
        throw new DockerfileBuildError(method, 'a COPY heredoc takes no command');
      const doc = this.#heredoc(method, src, docs, src.quoted ?? true);
      docs.push(doc);
      return doc;
    });
    this.#checkDestination(method, list, dst);
    needs.push(FEATURES.heredoc);
    const paths = items.filter((item): item is string => typeof item === 'string');
    const encoded = encodePaths(method, [...paths, dst], this.#esc, false);
    let i = 0;
    const args = items.map((item) =>
      typeof item === 'string' ? encoded.words[i++]! : heredocWord(item),
    );
    args.push(encoded.words[i]!);
    return this.#push(method, keyword, { flags, args, json: encoded.json, heredocs: docs }, needs);
  }

  #checkDestination(method: string, sources: readonly unknown[], dst: string): void {
    if (sources.length > 1 && !DIRECTORY.test(dst)) {
      throw new DockerfileBuildError(
        method,
        `with several sources the destination must be a directory ending in "/": ${show(dst)}`,
      );
    }
  }

  /** A COPY or ADD flag whose value BuildKit expands (`--chown`, `--checksum`). */
  #expandedFlag(method: string, name: string, value: unknown): Flag {
    const s = nonEmpty(method, `--${name}`, value);
    const w = lexEscape(s, this.#esc);
    checkExpansion(method, `--${name}`, s, w, this.#esc);
    return flag(name, w);
  }

  #heredoc(
    method: string,
    src: HeredocSource,
    taken: readonly Heredoc[],
    quoted: boolean,
  ): Heredoc {
    let content = text(method, 'heredoc', src.content);
    if (content !== '' && !content.endsWith('\n')) content += '\n';
    const base = line(method, 'heredoc name', src.name);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(base)) {
      throw new DockerfileBuildError(
        method,
        `the heredoc name must be a plain word: ${show(base)}`,
      );
    }
    // The body ends at the first line equal to the name (trailing CRs trimmed, as BuildKit's
    // scanner trims them): pick a name no line of the body matches.
    const lines = new Set(content.split('\n').map((l) => l.replace(/\r+$/, '')));
    let name = base;
    for (let n = 2; lines.has(name) || taken.some((d) => d.name === name); n++)
      name = `${base}${n}`;
    return heredocNode(name, content, { quoted });
  }

  onbuild(fragment: (builder: Builder) => Builder): Builder {
    const empty = new Builder(
      Object.freeze({ ...this.#ctx, inStage: true, base: null }),
      null,
      this.#need,
    );
    const result = fragment(empty);
    const nodes = toArray(result.#list).filter(
      (n): n is InstructionNode => n.type === 'instruction',
    );
    if (nodes.length !== 1) {
      throw new DockerfileBuildError(
        'onbuild',
        `the fragment must add exactly one instruction, it added ${nodes.length}`,
      );
    }
    const trigger = nodes[0]!;
    if (['FROM', 'ONBUILD', 'MAINTAINER'].includes(trigger.keyword)) {
      throw new DockerfileBuildError(
        'onbuild',
        `${trigger.keyword} isn't allowed as an ONBUILD trigger`,
      );
    }
    // The canonical printer writes the trigger on one line, so drop the RUN-list raws.
    const plain = instruction(trigger.keyword, trigger);
    const needs = [result.#need].map((n) => ({
      minor: n.minor,
      labs: n.labs,
      feature: 'the ONBUILD trigger',
    }));
    return this.#push('onbuild', 'ONBUILD', { trigger: plain }, needs);
  }

  with<R>(fragment: (builder: this) => R): R {
    return fragment(this);
  }

  transform(fn: TransformFn): Builder {
    const tree = transformTree(dockerfileNode(toArray(this.#list), { escape: this.#esc }), fn);
    let stages: string[] = [];
    let inStage = false;
    const globals = new Set<string>();
    for (const child of tree.children) {
      if (child.type === 'instruction' && child.keyword === 'FROM') {
        inStage = true;
        const stage = viewFrom(child).stage;
        if (stage !== null) stages.push(stage);
      } else if (!inStage && child.type === 'instruction' && child.keyword === 'ARG') {
        for (const a of viewArg(child, this.#esc).args) globals.add(a.name);
      }
    }
    stages = [...new Set(stages)];
    const current =
      this.#ctx.current !== null && stages.includes(this.#ctx.current) ? this.#ctx.current : null;
    return this.#with(
      { stages, inStage, current, globals: [...globals] },
      fromArray(tree.children),
    );
  }

  toAst(): DockerfileNode {
    const props = this.#ctx;
    const children = toArray(this.#list);
    const base = props.base;
    const hasDirective = children.some((c) => c.type === 'directive' && c.name === 'syntax');
    const syntaxValue = props.syntax ?? syntaxFor(this.#need);
    if (syntaxValue !== null && !hasDirective) children.unshift(directive('syntax', syntaxValue));
    if (base) return withChildren(base, children);
    return dockerfileNode(children, { escape: props.esc });
  }

  toString(): string {
    return print(this.toAst());
  }
}

const trimmed = trimGo;

function heredocWord(doc: Heredoc): string {
  return doc.quoted ? `<<'${doc.name}'` : `<<${doc.name}`;
}

// The `--mount` fields of RUN, added to `fields` when given. Module functions rather than
// closures in `#mount`, which would allocate four of them on every RUN with a mount.

/** A field BuildKit expands (target, source, id): escaped for its lexer. */
function mountValue(fields: string[], esc: EscapeChar, key: string, v: unknown): void {
  const s = nonEmpty('run', `mount ${key}`, v);
  const w = lexEscape(s, esc);
  checkExpansion('run', `mount ${key}`, s, w, esc);
  fields.push(csvField(key, w));
}

function mountInt(fields: string[], key: string, v: number | undefined): void {
  if (v === undefined) return;
  if (!Number.isInteger(v) || v < 0)
    throw new DockerfileBuildError(
      'run',
      `mount ${key} must be a non-negative integer: ${show(v)}`,
    );
  fields.push(`${key}=${v}`);
}

function mountMode(fields: string[], v: FileMode | undefined): void {
  if (v === undefined) return;
  const s = typeof v === 'number' ? `0${v.toString(8)}` : String(v);
  if (typeof v === 'number' ? !Number.isInteger(v) || v < 0 || v > 0o7777 : !OCTAL.test(s)) {
    throw new DockerfileBuildError('run', `mount mode must be octal (0755): ${show(v)}`);
  }
  fields.push(`mode=${s}`);
}

function mountBool(fields: string[], key: string, v: boolean | undefined): void {
  if (v !== undefined) fields.push(`${key}=${v ? 'true' : 'false'}`);
}
