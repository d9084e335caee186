import {
  PLATFORM_ARGS as BUILDKIT_PLATFORM_ARGS,
  type ChildNode,
  canonicalLine,
  createComment as commentNode,
  type DockerfileNode,
  createDirective as directive,
  createDockerfile as dockerfileNode,
  type EscapeChar,
  type Flag,
  createFlag as flag,
  formatFlag,
  type Heredoc,
  createHeredoc as heredocNode,
  type InstructionInit,
  type InstructionNode,
  createInstruction as instruction,
  MOUNT_SHARING_MODES,
  PREDEFINED_ARGS,
  parseDuration,
  print,
  RESERVED_STAGE_NAMES,
  RUN_NETWORK_MODES,
  RUN_SECURITY_MODES,
  STAGE_NAME_PATTERN,
  splitImage,
  type TransformFn,
  transform as transformTree,
  withChildren,
} from '@dockwright/ast';
import { checkArgName, readArgRef } from './arg.js';
import { type CommandList, isCommandList } from './commands.js';
import { isGlob, isUrl, literalSource } from './copy-source.js';
import { DockerfileBuildError, show } from './dockerfile-build-error.js';
import { type NodeMatch, placesOf, stageEnd, stageStart, withFromImage } from './edit-helpers.js';
import {
  checkPathLength,
  csvField,
  type Expanding,
  execArg,
  flagValue,
  lexEscape,
  line,
  needsJsonForm,
  nonEmpty,
  pathWord,
  quoteString,
  quoteValue,
  subject,
  text,
  trimGo,
} from './encode.js';
import { checkReferences, type Scope } from './expansion.js';
import { stateOf } from './file-state.js';
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
import { imageReferenceProblem } from './image-reference.js';
import { describe } from './literal.js';
import { layOutLongLine, maxLineBytes, utf8Length } from './long-line.js';
import { appendAll, appendInstruction, fromArray, type NodeList, toArray } from './node-list.js';
import {
  isText,
  readArray,
  readBoolean,
  readChoice,
  readInteger,
  readOptionalString,
  readOptions,
  readString,
  readStrings,
  readWord,
} from './read-input.js';
import { shellCommentAt, shellText, unclosedQuote } from './shell-text.js';
import type { HeredocSource } from './types.js';

/** The variables a stage has declared, newest first: a persistent list shared by builders. */
export interface VarList {
  readonly name: string;
  readonly prev: VarList | null;
}

function hasVar(list: VarList | null, name: string): boolean {
  for (let cell = list; cell !== null; cell = cell.prev) if (cell.name === name) return true;
  return false;
}

export function varList(names: readonly string[]): VarList | null {
  let list: VarList | null = null;
  for (const name of names) list = Object.freeze({ name, prev: list });
  return list;
}

/**
 * What a builder knows besides its nodes and the frontend they need: frozen and shared by
 * every builder until a call changes it (a stage, a variable, the syntax), so an instruction
 * call allocates only the new builder and one list cell.
 */
export interface Context {
  readonly esc: EscapeChar;
  /** Every stage so far, the current one last: its name, or null when it has none. */
  readonly stageList: readonly (string | null)[];
  readonly inStage: boolean;
  /** Global ARGs: those declared before the first FROM, which FROM may expand. */
  readonly globals: readonly string[];
  /** The current stage's ARGs and ENV keys: what its instructions may expand. */
  readonly vars: VarList | null;
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

/** A context with the scopes its instructions expand in, made once per context. */
interface ScopedContext extends Context {
  readonly stageScope: Scope;
  readonly globalScope: Scope;
}

/**
 * Freezes a context with its scopes. Contexts are shared until a call changes them, so the
 * scopes are made once per change, not on every instruction.
 */
function contextOf(c: Context): ScopedContext {
  const { vars, globals } = c;
  return Object.freeze({
    esc: c.esc,
    stageList: c.stageList,
    inStage: c.inStage,
    globals,
    vars,
    cap: c.cap,
    syntax: c.syntax,
    syntaxCap: c.syntaxCap,
    base: c.base,
    eol: c.eol,
    stageScope: {
      has: (name: string) => STAGE_BUILTINS.has(name) || hasVar(vars, name),
      missing:
        'not declared in this stage (declare it with arg() or env() first; a global ARG is re-declared with arg(NAME))',
    },
    globalScope: {
      has: (name: string) => PLATFORM_ARGS.has(name) || globals.includes(name),
      missing: 'neither a global ARG (arg() before the first from()) nor a platform ARG',
      literalHint: false,
    },
  });
}

/** Everything a builder knows. */
export interface Props extends Context {
  readonly list: NodeList | null;
  readonly need: Frontend;
}

/** A builder over `props` (the entry points `dockerfile()` and `edit()` start here). */
export function builderOf(props: Props): Builder {
  const { list, need, ...context } = props;
  return new Builder(contextOf(context), list, need);
}

const NO_NEEDS: readonly FrontendNeed[] = Object.freeze([]);

const RESERVED_STAGES: ReadonlySet<string> = new Set(RESERVED_STAGE_NAMES);
const DIRECTIVE_LIKE = /^[ \t]*(syntax|escape|check)[ \t]*=[ \t]*\S/i;
const PORT = /^(0|[1-9]\d{0,4})(?:-(0|[1-9]\d{0,4}))?(?:\/(tcp|udp|sctp))?$/;
const PORT_VAR = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}(?:\/(tcp|udp|sctp))?$/;
const OCTAL = /^0?[0-7]{3,4}$/;
const SYMBOLIC_CHMOD = /^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/;
/** A destination BuildKit takes for a directory: `.`, or ending in `/` (a `\` is part of a name on Linux). */
const DIRECTORY = /^\.$|\/$/;
const DURATION = /^[0-9.]+(ns|us|µs|ms|s|m|h)([0-9.]+(ns|us|µs|ms|s|m|h))*$/;
/** `user[:group]`, each a name or an id, as `COPY --chown` takes it (or variables). */
const OWNER_PART =
  /^(?:[A-Za-z0-9_.][A-Za-z0-9_.-]*\$?|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*)$/;
/** The signals moby's `signal.ParseSignal` knows on Linux (with or without `SIG`, any case). */
const SIGNAL =
  /^(?:SIG)?(?:ABRT|ALRM|BUS|CHLD|CLD|CONT|FPE|HUP|ILL|INT|IO|IOT|KILL|PIPE|POLL|PROF|PWR|QUIT|SEGV|STKFLT|STOP|SYS|TERM|TRAP|TSTP|TTIN|TTOU|URG|USR1|USR2|VTALRM|WINCH|XCPU|XFSZ|RTMIN(?:\+(?:[1-9]|1[0-5]))?|RTMAX(?:-(?:[1-9]|1[0-4]))?)$/i;
/** The ARGs BuildKit defines in the global scope. */
const PLATFORM_ARGS: ReadonlySet<string> = new Set(BUILDKIT_PLATFORM_ARGS);
/** What every stage may expand without declaring it: PATH from the image, the proxy ARGs. */
const STAGE_BUILTINS: ReadonlySet<string> = new Set([
  'PATH',
  ...PREDEFINED_ARGS.filter((name) => /_proxy$/i.test(name)),
]);

const COPY_OPTIONS = ['from', 'chown', 'chmod', 'link', 'exclude', 'parents'];
const ADD_OPTIONS = ['chown', 'chmod', 'link', 'exclude', 'checksum', 'keepGitDir', 'unpack'];
const RUN_OPTIONS = ['mounts', 'network', 'security', 'devices'];
const HEALTHCHECK_OPTIONS = ['interval', 'timeout', 'startPeriod', 'startInterval', 'retries'];
const MOUNT_KEYS: Record<string, readonly string[]> = {
  bind: ['type', 'target', 'source', 'from', 'readwrite'],
  cache: ['type', 'target', 'id', 'sharing', 'from', 'source', 'mode', 'uid', 'gid', 'readonly'],
  tmpfs: ['type', 'target', 'size'],
  secret: ['type', 'id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['type', 'id', 'target', 'required', 'mode', 'uid', 'gid'],
};

/** Refuses keys an options object does not have (a typo would otherwise be ignored). */
function checkKeys(method: string, what: string, value: object, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new DockerfileBuildError(
        method,
        `${what} has no option ${show(key)} (it takes ${allowed.join(', ')})`,
      );
    }
  }
}

/** An instruction line whose arguments could reach BuildKit's line limit. */
function mayBeLong(keyword: string, init: InstructionInit, rest: string | null): boolean {
  // A UTF-16 unit is at most three UTF-8 bytes: below a third of the limit, no need to measure.
  let units = keyword.length + (rest?.length ?? 0);
  for (const a of init.args ?? []) units += a.length + 4;
  for (const f of init.flags ?? []) units += f.name.length + (f.value?.length ?? 0) + 6;
  // A heredoc body is not laid out, but a line of it past the limit must be refused.
  for (const h of init.heredocs ?? []) units = Math.max(units, h.content.length);
  return units * 3 >= maxLineBytes('\r\n') - 64;
}

/**
 * The one class behind every builder interface (Kysely's pattern): frozen private state, and
 * every method returns a new instance, so builders can be forked and reused. The state is split
 * so the hot path (one instruction) shares the context and appends one persistent list cell.
 */
export class Builder {
  readonly #ctx: ScopedContext;
  readonly #list: NodeList | null;
  readonly #need: Frontend;

  /** Use {@link builderOf}; `ctx` must be frozen. */
  constructor(ctx: ScopedContext, list: NodeList | null, need: Frontend) {
    this.#ctx = ctx;
    this.#list = list;
    this.#need = need;
    Object.freeze(this);
  }

  /**
   * The current stage, for `--from` in later stages: by name, or by index when it has none
   * (BuildKit's `COPY --from=0`).
   */
  get stage(): { kind: 'stage'; name: string } | undefined {
    const { stageList, inStage } = this.#ctx;
    if (!inStage) return undefined;
    const index = stageList.length - 1;
    return Object.freeze({ kind: 'stage' as const, name: stageList[index] ?? String(index) });
  }

  // ---- plumbing ---------------------------------------------------------------------------

  #with(patch: Partial<Context>, list: NodeList | null = this.#list): Builder {
    return new Builder(contextOf({ ...this.#ctx, ...patch }), list, this.#need);
  }

  /**
   * Appends `instruction(keyword, init)`, printed as its keyword followed by `rest` when one is
   * given (see {@link appendInstruction}). A line longer than BuildKit reads is laid out over
   * continuation lines.
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
    const laidOut = mayBeLong(keyword, init, rest)
      ? this.#longLine(method, keyword, init, rest)
      : rest;
    return new Builder(this.#ctx, appendInstruction(this.#list, keyword, init, laidOut), need);
  }

  /** `rest` for an instruction whose line would be longer than BuildKit reads, else `rest`. */
  #longLine(
    method: string,
    keyword: string,
    init: InstructionInit,
    rest: string | null,
  ): string | null {
    const { eol, esc } = this.#ctx;
    const limit = maxLineBytes(eol);
    for (const doc of init.heredocs ?? []) {
      for (const l of doc.content.split('\n')) {
        if (utf8Length(l) > limit) {
          throw new DockerfileBuildError(
            method,
            `a heredoc line is longer than ${limit} bytes, BuildKit's line limit`,
          );
        }
      }
    }
    const node = instruction(keyword, init);
    const lines = rest === null ? [canonicalLine(node)] : (keyword + rest).split(eol);
    if (lines.every((l) => utf8Length(l) <= limit)) return rest;
    let out = layOutLongLine(method, keyword, canonicalLine(node).slice(keyword.length), esc, eol);
    for (const doc of node.heredocs) out += `${doc.content}${doc.name}${eol}`;
    return out;
  }

  get #esc(): EscapeChar {
    return this.#ctx.esc;
  }

  /** The variables an instruction of the current stage may expand. */
  #stageScope(): Scope {
    return this.#ctx.stageScope;
  }

  /** The variables FROM and global ARGs may expand (`literalHint`: a global ARG's default). */
  #globalScope(literalHint = false): Scope {
    const scope = this.#ctx.globalScope;
    return literalHint ? { ...scope, literalHint } : scope;
  }

  #at(needs: FrontendNeed[] | null, scope: Scope = this.#stageScope()): Expanding {
    return { esc: this.#esc, scope, needs };
  }

  #fromSource(method: string, what: string, source: unknown, allowIndex: boolean): string {
    if (typeof source === 'object' && source !== null && 'kind' in source) {
      const ref = source as { kind: unknown; name: unknown };
      if (ref.kind === 'image') {
        const name = nonEmpty(
          method,
          `${what} image`,
          readString(method, `${what}.name`, ref.name),
        );
        const problem = imageReferenceProblem(name);
        if (problem !== null || name.includes('$')) {
          throw new DockerfileBuildError(
            method,
            `${subject(what)} image(${show(name)}) is ${problem ?? 'not a plain image reference (no variables)'}`,
          );
        }
        return flagValue(method, what, name, this.#esc);
      }
      if (ref.kind === 'stage') {
        return this.#stageName(method, readString(method, `${what}.name`, ref.name), allowIndex);
      }
    }
    if (typeof source !== 'string') {
      throw new DockerfileBuildError(
        method,
        `${subject(what)} must be an earlier stage's name, its .stage handle or image('…'), got ${describe(source)}`,
      );
    }
    return this.#stageName(method, source, allowIndex);
  }

  /** A stage `--from` may name: an earlier one, by name or (COPY only) by index. */
  #stageName(method: string, name: string, allowIndex: boolean): string {
    const { stageList } = this.#ctx;
    const current = this.#ctx.inStage ? stageList.length - 1 : stageList.length;
    if (/^\d+$/.test(name)) {
      const index = Number(name);
      if (!allowIndex) {
        throw new DockerfileBuildError(
          method,
          `stage ${name} has no name, and BuildKit finds this one by name only: name the stage with from(…, { as })`,
        );
      }
      if (index === current) {
        throw new DockerfileBuildError(method, `a stage cannot copy from itself: stage ${name}`);
      }
      if (index > current || String(index) !== name) {
        throw new DockerfileBuildError(method, `no stage ${name} is defined before this one`);
      }
      return name;
    }
    if (this.#ctx.inStage && name === stageList[current]) {
      throw new DockerfileBuildError(method, `a stage cannot copy from itself: ${show(name)}`);
    }
    if (!stageList.slice(0, current).includes(name)) {
      throw new DockerfileBuildError(
        method,
        `no stage named ${show(name)} is defined before this one (use image(${show(name)}) for an image)`,
      );
    }
    return name;
  }

  // ---- preamble and stages ------------------------------------------------------------------

  syntax(value: unknown): Builder {
    const v = nonEmpty('syntax', 'value', readString('syntax', 'the value', value));
    if (/\s/.test(trimGo(v)))
      throw new DockerfileBuildError('syntax', `the value must be one word: ${show(v)}`);
    if (this.#list !== null && this.#ctx.base === null) {
      throw new DockerfileBuildError('syntax', 'the syntax directive must come first');
    }
    const directiveValue = trimGo(v);
    const cap = syntaxCap(directiveValue);
    return this.#with({
      syntax: directiveValue,
      syntaxCap: cap && { value: directiveValue, cap },
    });
  }

  comment(value: unknown): Builder {
    const limit = maxLineBytes(this.#ctx.eol);
    const lines = text('comment', 'text', readString('comment', 'the text', value))
      .split(/\r\n|\n|\r/)
      .map((l) => trimGo(l));
    if (this.#list === null && this.#ctx.base === null && DIRECTIVE_LIKE.test(lines[0]!)) {
      throw new DockerfileBuildError(
        'comment',
        `the first line of the file would be read as a parser directive: ${show(value)}`,
      );
    }
    for (const l of lines) {
      if (utf8Length(l) + 2 > limit) {
        throw new DockerfileBuildError(
          'comment',
          `a comment line is longer than ${limit} bytes, BuildKit's line limit`,
        );
      }
    }
    const list = appendAll(
      this.#list,
      lines.map((l) => commentNode(l)),
    );
    return new Builder(this.#ctx, list, this.#need);
  }

  arg(name: unknown, defaultValue?: unknown): Builder {
    const ref = readArgRef(name);
    const argName = checkArgName('arg', ref ? ref.name : readString('arg', 'the name', name));
    // `undefined` means no default; anything else must be text (null included).
    const value = defaultValue !== undefined ? defaultValue : (ref?.defaultValue ?? undefined);
    const { inStage } = this.#ctx;
    const needs: FrontendNeed[] = [];
    const word =
      value === undefined
        ? argName
        : `${argName}=${quoteValue(
            'arg',
            'default value',
            readWord('arg', 'the default value', value),
            this.#at(needs, inStage ? this.#stageScope() : this.#globalScope(true)),
          )}`;
    const next = this.#push('arg', 'ARG', { args: [word] }, needs);
    if (inStage)
      return next.#with({ vars: Object.freeze({ name: argName, prev: this.#ctx.vars }) });
    return this.#ctx.globals.includes(argName)
      ? next
      : next.#with({ globals: [...this.#ctx.globals, argName] });
  }

  from(image: unknown, options?: { as?: unknown; platform?: unknown }): Builder {
    const opts = readOptions('from', options);
    checkKeys('from', 'from()', opts, ['as', 'platform']);
    const { stageList } = this.#ctx;
    const needs: FrontendNeed[] = [];
    let imageWord: string;
    if (typeof image === 'object' && image !== null && !isText(image)) {
      if ((image as { kind?: unknown }).kind !== 'stage') {
        throw new DockerfileBuildError(
          'from',
          `the image must be a string or a stage's .stage handle, got ${describe(image)}`,
        );
      }
      // The current stage ends here, so FROM may name it as well as any earlier one.
      imageWord = readString('from', 'the stage', (image as { name: unknown }).name);
      if (/^\d+$/.test(imageWord)) {
        throw new DockerfileBuildError(
          'from',
          `stage ${imageWord} has no name, and FROM finds stages by name only: name it with from(…, { as })`,
        );
      }
      if (!stageList.includes(imageWord)) this.#stageName('from', imageWord, false);
    } else {
      const word = readWord('from', 'the image', image);
      imageWord = nonEmpty('from', 'image', word.text);
      const problem = imageReferenceProblem(imageWord);
      if (problem !== null || lexEscape(imageWord, this.#esc) !== imageWord) {
        throw new DockerfileBuildError(
          'from',
          `the image is ${problem ?? 'not a valid image reference'}: ${show(imageWord)}`,
        );
      }
      if (word.literal && imageWord.includes('$')) {
        throw new DockerfileBuildError(
          'from',
          `an image reference cannot hold "$": ${show(imageWord)}`,
        );
      }
      checkReferences(
        'from',
        'the image',
        imageWord,
        imageWord,
        this.#esc,
        this.#globalScope(),
        needs,
      );
    }
    const flags: Flag[] = [];
    const platform = readOptionalString('from', 'options.platform', opts.platform);
    if (platform !== undefined) flags.push(flag('platform', this.#platform(platform, needs)));
    const args = [imageWord];
    let name: string | null = null;
    const as = readOptionalString('from', 'options.as', opts.as);
    if (as !== undefined) {
      name = line('from', 'stage name', as);
      if (!STAGE_NAME_PATTERN.test(name)) {
        throw new DockerfileBuildError(
          'from',
          `invalid name for build stage: ${show(name)}, it must match ${STAGE_NAME_PATTERN.source}`,
        );
      }
      if (RESERVED_STAGES.has(name))
        throw new DockerfileBuildError('from', `the stage name ${show(name)} is reserved`);
      if (stageList.includes(name))
        throw new DockerfileBuildError('from', `duplicate stage name: ${show(name)}`);
      args.push('AS', name);
    }
    const next = this.#with({ inStage: true, stageList: [...stageList, name], vars: null });
    return next.#push('from', 'FROM', { flags, args }, needs);
  }

  /**
   * BuildKit expands `--platform` with the global ARGs and its platform ARGs only, then parses
   * the result as `os/arch[/variant]`: a bad `${…}`, whitespace or an unknown variable (which
   * expands to nothing) fails the build, so refuse them here.
   */
  #platform(p: string, needs: FrontendNeed[]): string {
    nonEmpty('from', 'platform', p);
    if (/\s|[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(p))
      throw new DockerfileBuildError(
        'from',
        `the platform must not contain whitespace: ${show(p)}`,
      );
    const word = lexEscape(p, this.#esc);
    checkReferences('from', 'the platform', p, word, this.#esc, this.#globalScope(), needs);
    if (!p.includes('$') && !/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/.test(p)) {
      throw new DockerfileBuildError(
        'from',
        `the platform must be os/arch[/variant] in lower case: ${show(p)}`,
      );
    }
    return flagValue('from', 'platform', word, this.#esc);
  }

  // ---- instructions -------------------------------------------------------------------------

  workdir(path: unknown): Builder {
    const needs: FrontendNeed[] = [];
    const input = readWord('workdir', 'the path', path);
    checkPathLength('workdir', 'path', input.text);
    const word = quoteString('workdir', 'path', input, this.#at(needs));
    return this.#push('workdir', 'WORKDIR', { args: [word] }, needs);
  }

  user(user: unknown, group?: unknown): Builder {
    const needs: FrontendNeed[] = [];
    const at = this.#at(needs);
    const u = readWord('user', 'the user', user);
    let word = quoteString('user', 'user', u, at);
    if (group !== undefined) {
      const g = readWord('user', 'the group', group);
      if (u.text.includes(':'))
        throw new DockerfileBuildError(
          'user',
          `the user must not contain ":" when a group is given: ${show(u.text)}`,
        );
      word += `:${quoteString('user', 'group', g, at)}`;
    }
    return this.#push('user', 'USER', { args: [word] }, needs);
  }

  stopsignal(signal: unknown): Builder {
    if (typeof signal === 'number') {
      if (!Number.isInteger(signal) || signal < 1 || signal > 64) {
        throw new DockerfileBuildError(
          'stopsignal',
          `the signal number must be between 1 and 64: ${show(signal)}`,
        );
      }
      return this.#push('stopsignal', 'STOPSIGNAL', { args: [String(signal)] });
    }
    const word = readWord('stopsignal', 'the signal', signal);
    const s = nonEmpty('stopsignal', 'signal', word.text);
    if (!word.literal && /\$[{A-Za-z_]/.test(s)) {
      // A variable: BuildKit checks the signal after expanding it.
      const needs: FrontendNeed[] = [];
      const encoded = quoteString('stopsignal', 'signal', word, this.#at(needs));
      return this.#push('stopsignal', 'STOPSIGNAL', { args: [encoded] }, needs);
    }
    if (!SIGNAL.test(s) && !(/^[1-9]\d?$/.test(s) && Number(s) <= 64)) {
      throw new DockerfileBuildError(
        'stopsignal',
        `not a signal Docker knows (SIGTERM, TERM, 15, SIGRTMIN+3…): ${show(s)}`,
      );
    }
    return this.#push('stopsignal', 'STOPSIGNAL', { args: [s] });
  }

  env(key: unknown, value?: unknown): Builder {
    return this.#keyValue('env', 'ENV', key, value);
  }

  label(key: unknown, value?: unknown): Builder {
    return this.#keyValue('label', 'LABEL', key, value);
  }

  #keyValue(method: string, keyword: string, key: unknown, value: unknown): Builder {
    const needs: FrontendNeed[] = [];
    // Every pair is expanded with the variables from before the instruction.
    const at = this.#at(needs);
    let pairs: [unknown, unknown][];
    if (typeof key === 'object' && key !== null && !isText(key)) {
      if (Array.isArray(key) || value !== undefined) {
        throw new DockerfileBuildError(
          method,
          `pass a key and a value, or one object of pairs, got ${describe(key)}${value === undefined ? '' : ` and ${describe(value)}`}`,
        );
      }
      pairs = Object.entries(key as Record<string, unknown>);
      if (pairs.length === 0) throw new DockerfileBuildError(method, 'at least one key is needed');
    } else {
      pairs = [[readString(method, 'the key', key), value]];
    }
    const args: string[] = [];
    let vars = this.#ctx.vars;
    for (const [k, v] of pairs) {
      const name = nonEmpty(method, 'key', readString(method, 'the key', k));
      if (name.includes('='))
        throw new DockerfileBuildError(method, `the key must not contain "=": ${show(name)}`);
      args.push(
        quoteValue(method, 'key', readWord(method, 'the key', k), at),
        quoteValue(
          method,
          'value',
          typeof v === 'string'
            ? { text: v, literal: false }
            : readWord(method, `the value of ${show(name)}`, v),
          at,
        ),
        '=',
      );
      // A name already there is added again: checking would walk the list on every ENV.
      if (keyword === 'ENV') vars = Object.freeze({ name, prev: vars });
    }
    const next = this.#push(method, keyword, { args }, needs);
    return vars === this.#ctx.vars ? next : next.#with({ vars });
  }

  expose(...ports: readonly unknown[]): Builder {
    if (ports.length === 0) throw new DockerfileBuildError('expose', 'at least one port is needed');
    const needs: FrontendNeed[] = [];
    const words = ports.map((p, i) => {
      const bad = (why: string) => new DockerfileBuildError('expose', `${why}: ${show(p)}`);
      if (typeof p === 'number') {
        if (!Number.isInteger(p)) throw bad('the port must be an integer');
        if (p < 0 || p > 65535) throw bad('port out of range (0-65535)');
        return String(p);
      }
      const s = line('expose', 'port', readString('expose', `port ${i + 1}`, p));
      if (PORT_VAR.test(s)) {
        checkReferences('expose', 'the port', s, s, this.#esc, this.#stageScope(), needs);
        return s;
      }
      const m = PORT.exec(s);
      if (!m) throw bad('not a port (8080, "53/udp", "8000-8010")');
      const start = Number(m[1]);
      const end = m[2] === undefined ? start : Number(m[2]);
      if (start > 65535 || end > 65535) throw bad('port out of range (0-65535)');
      if (end < start) throw bad('invalid port range');
      return s;
    });
    return this.#push('expose', 'EXPOSE', { args: words }, needs);
  }

  volume(...paths: readonly unknown[]): Builder {
    if (paths.length === 0) throw new DockerfileBuildError('volume', 'at least one path is needed');
    const needs: FrontendNeed[] = [];
    const at = this.#at(needs);
    const words = paths.map((p, i) =>
      pathWord('volume', 'path', readWord('volume', `path ${i + 1}`, p), at, true),
    );
    return this.#push('volume', 'VOLUME', { args: words, json: needsJsonForm(words) }, needs);
  }

  shell(args: unknown): Builder {
    const list = readStrings('shell', 'the shell', args);
    if (list.length === 0)
      throw new DockerfileBuildError('shell', 'the shell must not be empty: []');
    return this.#push('shell', 'SHELL', {
      args: list.map((a, i) => execArg('shell', `shell[${i}]`, a)),
      json: true,
    });
  }

  cmd(command: unknown, options?: { shell?: unknown }): Builder {
    return this.#command('cmd', 'CMD', command, options);
  }

  entrypoint(command: unknown, options?: { shell?: unknown }): Builder {
    return this.#command('entrypoint', 'ENTRYPOINT', command, options);
  }

  #command(method: string, keyword: string, command: unknown, options: unknown): Builder {
    const opts = readOptions(method, options as object | undefined) as { shell?: unknown };
    checkKeys(method, `${method}()`, opts, ['shell']);
    const shell = readBoolean(method, 'options.shell', opts.shell);
    if (Array.isArray(command)) {
      if (shell === true) {
        throw new DockerfileBuildError(method, 'an array is exec form: drop { shell: true }');
      }
      const args = readStrings(method, 'command', command).map((a, i) =>
        execArg(method, `command[${i}]`, a),
      );
      return this.#push(method, keyword, { args, json: true });
    }
    if (!isText(command)) {
      throw new DockerfileBuildError(
        method,
        `the command must be an array (exec form) or a string with { shell: true }, got ${describe(command)}`,
      );
    }
    if (shell !== true) {
      throw new DockerfileBuildError(
        method,
        `pass an array for exec form, or { shell: true } for shell form: ${show(command)}`,
      );
    }
    const s = shellText(method, 'command', String(command), this.#esc, false);
    return this.#push(method, keyword, { args: [s] });
  }

  healthcheck(command: unknown, options?: object): Builder {
    const m = 'healthcheck';
    if (command === false) return this.#push(m, 'HEALTHCHECK', { args: ['NONE'] });
    const opts = readOptions(m, options) as Record<string, unknown>;
    checkKeys(m, 'healthcheck()', opts, HEALTHCHECK_OPTIONS);
    const needs: FrontendNeed[] = [];
    const flags: Flag[] = [];
    const durations = [
      ['interval', opts.interval],
      ['timeout', opts.timeout],
      ['start-period', opts.startPeriod],
      ['start-interval', opts.startInterval],
    ] as const;
    for (const [name, value] of durations) {
      const d = readOptionalString(m, `options.${name}`, value);
      if (d === undefined) continue;
      line(m, name, d);
      const ms = DURATION.test(d) ? parseDuration(d) : null;
      if (ms === null)
        throw new DockerfileBuildError(m, `--${name} is not a duration such as "30s": ${show(d)}`);
      if (ms !== 0 && ms < 1)
        throw new DockerfileBuildError(m, `--${name} cannot be less than 1ms: ${show(d)}`);
      // 0 is the default: Docker 20.10 refuses "--interval=0s", and leaving it out means 0.
      if (ms === 0) continue;
      if (name === 'start-interval') needs.push(FEATURES.startInterval);
      flags.push(flag(name, d));
    }
    const retries = readInteger(m, 'options.retries', opts.retries, 0, 2 ** 31 - 1);
    // Docker 20.10 refuses "--retries=0"; left out, the image records 0 all the same.
    if (retries !== undefined && retries > 0) flags.push(flag('retries', String(retries)));
    if (Array.isArray(command)) {
      const list = readStrings(m, 'command', command);
      if (list.length === 0)
        throw new DockerfileBuildError(m, 'the exec-form array must not be empty: []');
      return this.#push(
        m,
        'HEALTHCHECK',
        { flags, args: ['CMD', ...list.map((a, i) => execArg(m, `command[${i}]`, a))], json: true },
        needs,
      );
    }
    if (!isText(command)) {
      throw new DockerfileBuildError(
        m,
        `the command must be an array (exec form), a string (shell form) or false (HEALTHCHECK NONE), got ${describe(command)}`,
      );
    }
    return this.#push(
      m,
      'HEALTHCHECK',
      { flags, args: ['CMD', shellText(m, 'command', String(command), this.#esc, false)] },
      needs,
    );
  }

  run(command: unknown, options?: object): Builder {
    const opts = readOptions('run', options) as Record<string, unknown>;
    checkKeys('run', 'run()', opts, RUN_OPTIONS);
    const needs: FrontendNeed[] = [];
    const flags = this.#runFlags(opts, needs);
    if (Array.isArray(command)) {
      const list = readStrings('run', 'command', command);
      if (list.length === 0)
        throw new DockerfileBuildError('run', 'the exec-form array must not be empty: []');
      const args = list.map((a, i) => execArg('run', `command[${i}]`, a));
      return this.#push('run', 'RUN', { flags, args, json: true }, needs);
    }
    if (isHeredocSource(command)) {
      needs.push(FEATURES.heredoc);
      const doc = this.#heredoc('run', command, [], command.quoted ?? false);
      let first = heredocWord(doc);
      if (command.command !== null)
        first += ` ${shellText('run', 'heredoc command', command.command, this.#esc, true)}`;
      return this.#push('run', 'RUN', { flags, args: [first], heredocs: [doc] }, needs);
    }
    if (isCommandList(command)) return this.#runList(command, flags, needs);
    if (!isText(command)) {
      throw new DockerfileBuildError(
        'run',
        `the command must be a string, an array, commands(…) or heredoc(…), got ${describe(command)}`,
      );
    }
    const textValue = shellText('run', 'command', String(command), this.#esc, true);
    return this.#push('run', 'RUN', { flags, args: [textValue] }, needs);
  }

  #runList(list: CommandList, flags: Flag[], needs: FrontendNeed[]): Builder {
    const items = list.commands.map((c, i) =>
      shellText('run', `command ${i + 1} of commands()`, c, this.#esc, true),
    );
    // One logical line holds them all: a comment or an open quote in one reaches the next.
    for (let i = 0; i < items.length - 1; i++) {
      const item = items[i]!;
      const at = shellCommentAt(item);
      if (at !== -1) {
        throw new DockerfileBuildError(
          'run',
          `command ${i + 1} of commands() has a shell comment (${show(item.slice(at))}), which would swallow the commands after it on the joined line: ${show(item)}`,
        );
      }
      if (unclosedQuote(item)) {
        throw new DockerfileBuildError(
          'run',
          `command ${i + 1} of commands() leaves a quote open, which would swallow the commands after it on the joined line: ${show(item)}`,
        );
      }
    }
    if (items.length === 1) return this.#push('run', 'RUN', { flags, args: items }, needs);
    // Canonical style: `RUN a \` then `    && b`. BuildKit joins a continuation by dropping the
    // escape char (and trailing blanks) and keeping the next line's indent: `a     && b`.
    const eol = this.#ctx.eol;
    const joined = items.join(' ' + '    && ');
    // A marker can also form across items (`<<` then `&& x`): BuildKit reads the joined line.
    if (joined.includes('<<')) shellText('run', 'joined commands', joined, this.#esc, true);
    // Every RUN list keeps `rest`: join it into one flat string rather than a rope of `+=`.
    const rest = [
      ...flags.map((f) => ` ${formatFlag(f)}`),
      ' ',
      items.join(` ${this.#esc}${eol}    && `),
      eol,
    ].join('');
    return this.#push('run', 'RUN', { flags, args: [joined] }, needs, rest);
  }

  #runFlags(options: Record<string, unknown>, needs: FrontendNeed[]): Flag[] {
    const flags: Flag[] = [];
    if (options.mounts !== undefined) {
      const mounts = readArray('run', 'options.mounts', options.mounts);
      for (let i = 0; i < mounts.length; i++) {
        flags.push(flag('mount', this.#mount(mounts[i], `options.mounts[${i}]`, needs)));
      }
    }
    const network = readChoice('run', 'options.network', options.network, RUN_NETWORK_MODES);
    if (network !== undefined) {
      needs.push(FEATURES.network);
      flags.push(flag('network', network));
    }
    const security = readChoice('run', 'options.security', options.security, RUN_SECURITY_MODES);
    if (security !== undefined) {
      needs.push(FEATURES.security);
      flags.push(flag('security', security));
    }
    if (options.devices !== undefined) {
      const devices = readArray('run', 'options.devices', options.devices);
      for (let i = 0; i < devices.length; i++) {
        const device = devices[i];
        const what = `options.devices[${i}]`;
        let name: string;
        let required: boolean | undefined;
        if (isText(device)) name = readString('run', what, device);
        else if (typeof device === 'object' && device !== null) {
          const d = device as { name?: unknown; required?: unknown };
          checkKeys('run', what, d, ['name', 'required']);
          name = readString('run', `${what}.name`, d.name);
          required = readBoolean('run', `${what}.required`, d.required);
        } else {
          throw new DockerfileBuildError(
            'run',
            `${what} must be a device name or { name, required }, got ${describe(device)}`,
          );
        }
        nonEmpty('run', 'device name', name);
        if (/[,"'\\\s]/.test(name))
          throw new DockerfileBuildError(
            'run',
            `the device name must not contain ",", quotes, "\\" or spaces: ${show(name)}`,
          );
        needs.push(FEATURES.device);
        flags.push(
          flag(
            'device',
            flagValue('run', 'device', required ? `${name},required` : name, this.#esc),
          ),
        );
      }
    }
    return flags;
  }

  #mount(value: unknown, what: string, needs: FrontendNeed[]): string {
    const m = 'run';
    if (typeof value !== 'object' || value === null || Array.isArray(value) || isText(value)) {
      throw new DockerfileBuildError(m, `${what} must be a mount object, got ${describe(value)}`);
    }
    const mount = value as Record<string, unknown>;
    const type = mount.type;
    if (typeof type !== 'string' || !Object.hasOwn(MOUNT_KEYS, type)) {
      throw new DockerfileBuildError(m, `unsupported mount type ${show(type)} in ${what}`);
    }
    checkKeys(m, `a ${type} mount`, mount, MOUNT_KEYS[type]!);
    const r: MountReader = {
      mount,
      what,
      fields: [`type=${type}`],
      needs,
      esc: this.#esc,
      scope: this.#stageScope(),
    };
    switch (type) {
      case 'bind':
        mountText(r, 'target', true);
        // BuildKit sends the context filtered by this path read as a pattern, in which `[` and
        // `\` are special: a file with one in its name never arrives.
        if (
          mount.from === undefined &&
          isText(mount.source) &&
          /[[\\]/.test(String(mount.source))
        ) {
          throw new DockerfileBuildError(
            m,
            `a bind mount from the build context cannot name a file with "[" or "\\" (BuildKit filters the context by this path as a pattern): ${show(mount.source)}`,
          );
        }
        mountText(r, 'source', false);
        this.#mountFrom(r);
        mountBool(r, 'readwrite', 'rw', true);
        break;
      case 'cache': {
        mountText(r, 'target', true);
        mountText(r, 'id', false);
        const sharing = readChoice(m, `${what}.sharing`, mount.sharing, MOUNT_SHARING_MODES);
        if (sharing !== undefined) r.fields.push(`sharing=${sharing}`);
        this.#mountFrom(r);
        mountText(r, 'source', false);
        mountMode(r);
        mountInt(r, 'uid');
        mountInt(r, 'gid');
        mountBool(r, 'readonly', 'ro', true);
        break;
      }
      case 'tmpfs':
        mountText(r, 'target', true);
        if (mount.size !== undefined) {
          const s =
            typeof mount.size === 'number'
              ? String(mount.size)
              : readString(m, `${what}.size`, mount.size);
          if (!/^\d+(\.\d+)?[kKmMgG]?$/.test(s))
            throw new DockerfileBuildError(m, `tmpfs size must be bytes or 64m: ${show(s)}`);
          needs.push(FEATURES.tmpfsSize);
          r.fields.push(`size=${s}`);
        }
        break;
      default:
        mountText(r, 'id', false);
        mountText(r, 'target', false);
        if (type === 'secret' && mount.env !== undefined) {
          checkArgName(m, readString(m, `${what}.env`, mount.env));
          needs.push(FEATURES.secretEnv);
          r.fields.push(`env=${mount.env}`);
        }
        mountBool(r, 'required', 'required', false);
        mountMode(r);
        mountInt(r, 'uid');
        mountInt(r, 'gid');
    }
    return flagValue(m, `${what} (the --mount value)`, r.fields.join(','), this.#esc);
  }

  #mountFrom(r: MountReader): void {
    if (r.mount.from !== undefined) {
      r.fields.push(
        csvField('from', this.#fromSource('run', `${r.what}.from`, r.mount.from, false)),
      );
    }
  }

  copy(sources: unknown, destination: unknown, options?: object): Builder {
    return this.#copyAdd('copy', 'COPY', sources, destination, options);
  }

  add(sources: unknown, destination: unknown, options?: object): Builder {
    return this.#copyAdd('add', 'ADD', sources, destination, options);
  }

  #copyAdd(
    method: string,
    keyword: 'COPY' | 'ADD',
    sources: unknown,
    destination: unknown,
    options: object | undefined,
  ): Builder {
    const opts = readOptions(method, options) as Record<string, unknown>;
    if (keyword === 'ADD' && (opts.from !== undefined || opts.parents !== undefined)) {
      const name = opts.from !== undefined ? 'from' : 'parents';
      throw new DockerfileBuildError(method, `ADD has no --${name}: use copy()`);
    }
    checkKeys(method, `${method}()`, opts, keyword === 'COPY' ? COPY_OPTIONS : ADD_OPTIONS);
    const needs: FrontendNeed[] = [];
    const at = this.#at(needs);
    const flags: Flag[] = [];
    const list = Array.isArray(sources) ? readArray(method, 'sources', sources) : [sources];
    if (list.length === 0) throw new DockerfileBuildError(method, 'at least one source is needed');
    if (opts.from !== undefined) {
      flags.push(flag('from', this.#fromSource(method, 'options.from', opts.from, true)));
    }
    if (opts.chown !== undefined) flags.push(this.#chown(method, opts.chown, needs));
    if (opts.chmod !== undefined) {
      const v = opts.chmod;
      let s: string;
      if (typeof v === 'number') {
        if (!Number.isInteger(v) || v < 0 || v > 0o7777)
          throw new DockerfileBuildError(method, `invalid chmod parameter: ${show(v)}`);
        s = `0${v.toString(8)}`;
      } else s = nonEmpty(method, '--chmod', readString(method, 'options.chmod', v));
      if (!OCTAL.test(s)) {
        if (!SYMBOLIC_CHMOD.test(s))
          throw new DockerfileBuildError(method, `invalid chmod parameter: ${show(s)}`);
        needs.push(FEATURES.symbolicChmod);
      }
      flags.push(flag('chmod', s));
    }
    const link = readBoolean(method, 'options.link', opts.link);
    if (link !== undefined) {
      if (link) needs.push(FEATURES.link);
      flags.push(flag('link', link ? null : 'false'));
    }
    const parents = readBoolean(method, 'options.parents', opts.parents);
    if (parents !== undefined) {
      if (parents) needs.push(FEATURES.parents);
      flags.push(flag('parents', parents ? null : 'false'));
    }
    if (opts.exclude !== undefined) {
      const patterns = isText(opts.exclude)
        ? [readString(method, 'options.exclude', opts.exclude)]
        : readStrings(method, 'options.exclude', opts.exclude);
      for (const s of patterns) {
        nonEmpty(method, '--exclude', s);
        if (/["'\\`$]/.test(s) || /\s|[\u0085\u00a0]/.test(s)) {
          throw new DockerfileBuildError(
            method,
            `an --exclude pattern must not contain quotes, "$", "\\" or whitespace: ${show(s)}`,
          );
        }
        needs.push(FEATURES.exclude);
        flags.push(flag('exclude', flagValue(method, '--exclude', s, this.#esc)));
      }
    }
    if (keyword === 'ADD') {
      if (opts.checksum !== undefined) {
        const c = nonEmpty(
          method,
          '--checksum',
          readString(method, 'options.checksum', opts.checksum),
        );
        if (
          !/^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}|[a-f0-9]{40}|[a-f0-9]{64})$/.test(
            c,
          )
        ) {
          throw new DockerfileBuildError(
            method,
            `--checksum must be sha256:<64 hex digits> (or a git commit): ${show(c)}`,
          );
        }
        needs.push(FEATURES.checksum);
        flags.push(flag('checksum', c));
      }
      const keepGitDir = readBoolean(method, 'options.keepGitDir', opts.keepGitDir);
      if (keepGitDir !== undefined) {
        needs.push(FEATURES.keepGitDir);
        flags.push(flag('keep-git-dir', keepGitDir ? null : 'false'));
      }
      const unpack = readBoolean(method, 'options.unpack', opts.unpack);
      if (unpack !== undefined) {
        needs.push(FEATURES.unpack);
        flags.push(flag('unpack', unpack ? 'true' : 'false'));
      }
    }
    const dst = pathWord(
      method,
      'destination',
      readWord(method, 'the destination', destination),
      at,
      false,
    );
    const destinationText = readString(method, 'the destination', destination);
    if (list.length > 1 && !DIRECTORY.test(destinationText)) {
      throw new DockerfileBuildError(
        method,
        `with several sources the destination must be a directory: "." or a path ending in "/": ${show(destinationText)}`,
      );
    }
    const docs: Heredoc[] = [];
    // Each source as its encoded word, or as its heredoc.
    const items = list.map((src, i): string | Heredoc => {
      if (isHeredocSource(src)) {
        if (src.command !== null)
          throw new DockerfileBuildError(method, 'a COPY heredoc takes no command');
        const doc = this.#heredoc(method, src, docs, src.quoted ?? true);
        docs.push(doc);
        return doc;
      }
      return this.#source(
        method,
        keyword,
        src,
        list.length === 1 ? 'source' : `source ${i + 1}`,
        at,
      );
    });
    if (docs.length === 0) {
      const words = [...(items as string[]), dst];
      return this.#push(method, keyword, { flags, args: words, json: needsJsonForm(words) }, needs);
    }
    needs.push(FEATURES.heredoc);
    const paths = [...items.filter((item): item is string => typeof item === 'string'), dst];
    if (needsJsonForm(paths)) {
      throw new DockerfileBuildError(
        method,
        `a path with whitespace, a leading "[" or "-", or "<<" needs the JSON form, which cannot hold a heredoc: ${show(paths.join(' '))}`,
      );
    }
    const args = items.map((item) => (typeof item === 'string' ? item : heredocWord(item)));
    args.push(dst);
    return this.#push(method, keyword, { flags, args, heredocs: docs }, needs);
  }

  /**
   * A COPY or ADD source: a literal name (wildcard characters escaped for BuildKit's matcher,
   * see {@link literalSource}), a `glob()` pattern, or (ADD) a URL.
   */
  #source(method: string, keyword: string, src: unknown, what: string, at: Expanding): string {
    const pattern = isGlob(src);
    const word = pattern
      ? { text: src.pattern, literal: false }
      : readWord(method, `the ${what}`, src);
    const s = nonEmpty(method, what, word.text);
    if (isUrl(s) && keyword === 'COPY') {
      throw new DockerfileBuildError(method, `COPY cannot fetch a URL (use add()): ${show(s)}`);
    }
    let encoded: string;
    if (pattern || isUrl(s)) encoded = lexEscape(s, this.#esc, word.literal);
    else {
      checkPathLength(method, what, s);
      encoded = '';
      for (const piece of literalSource(s, word.literal)) {
        encoded += piece.reference ? piece.text : lexEscape(piece.text, this.#esc, true);
      }
    }
    checkReferences(method, subject(what), s, encoded, this.#esc, at.scope, at.needs);
    return encoded;
  }

  /** `--chown=user[:group]`: BuildKit expands it and looks the names up in the image. */
  #chown(method: string, value: unknown, needs: FrontendNeed[]): Flag {
    const word = readWord(method, 'options.chown', value);
    const s = nonEmpty(method, '--chown', word.text);
    const parts = s.split(':');
    if (
      parts.length > 2 ||
      !parts.every((p) => OWNER_PART.test(p)) ||
      (word.literal && s.includes('$'))
    ) {
      throw new DockerfileBuildError(
        method,
        `--chown must be user[:group], each a name or a numeric id: ${show(s)}`,
      );
    }
    checkReferences(method, 'the --chown value', s, s, this.#esc, this.#stageScope(), needs);
    return flag('chown', flagValue(method, '--chown', s, this.#esc));
  }

  #heredoc(
    method: string,
    src: HeredocSource,
    taken: readonly Heredoc[],
    quoted: boolean,
  ): Heredoc {
    let content = text(method, 'heredoc', readString(method, 'the heredoc', src.content));
    if (content !== '' && !content.endsWith('\n')) content += '\n';
    const base = line(method, 'heredoc name', readString(method, 'the heredoc name', src.name));
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

  onbuild(fragment: unknown): Builder {
    if (typeof fragment !== 'function') {
      throw new DockerfileBuildError(
        'onbuild',
        `the fragment must be a function (builder) => builder, got ${describe(fragment)}`,
      );
    }
    const empty = new Builder(
      contextOf({ ...this.#ctx, inStage: true, base: null }),
      null,
      this.#need,
    );
    const result = fragment(empty);
    if (!(result instanceof Builder)) {
      throw new DockerfileBuildError(
        'onbuild',
        `the fragment must return the builder it was given, with one instruction added, got ${describe(result)}`,
      );
    }
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
    if (typeof fragment !== 'function') {
      throw new DockerfileBuildError(
        'with',
        `the fragment must be a function (builder) => builder, got ${describe(fragment)}`,
      );
    }
    return fragment(this);
  }

  transform(fn: TransformFn): Builder {
    if (typeof fn !== 'function') {
      throw new DockerfileBuildError(
        'transform',
        `the callback must be a function (node) => node | node[] | null | undefined, got ${describe(fn)}`,
      );
    }
    const checked: TransformFn = (node, ctx) => {
      const result = fn(node, ctx);
      if (result === undefined || result === null) return result;
      const nodes = Array.isArray(result) ? result : [result];
      for (const n of nodes) {
        if (!isChildNode(n)) {
          throw new DockerfileBuildError(
            'transform',
            `the callback must return a node, an array of nodes, null or undefined, got ${describe(n)}`,
          );
        }
      }
      return result;
    };
    return this.#withChildren(this.#transformed(checked).children);
  }

  // ---- editing a file ------------------------------------------------------------------------

  /** The nodes as a tree, `fn` applied (ast's `transform`: removed nodes' blank lines move on). */
  #transformed(fn: TransformFn): DockerfileNode {
    return transformTree(dockerfileNode(toArray(this.#list), { escape: this.#esc }), fn);
  }

  /** A builder over `children`, its stages and variables read from them. */
  #withChildren(children: readonly ChildNode[], need: Frontend = this.#need): Builder {
    return new Builder(this.#contextAfter(children), fromArray(children), need);
  }

  /** This builder's context with the stages and variables `children` declare. */
  #contextAfter(children: readonly ChildNode[], patch: Partial<Context> = {}): ScopedContext {
    const state = stateOf(children, this.#esc);
    return contextOf({
      ...this.#ctx,
      stageList: state.stageList,
      inStage: state.inStage,
      globals: state.globals,
      vars: varList(state.vars),
      ...patch,
    });
  }

  /**
   * The nodes `fragment` adds to an empty builder that knows what `before` declares (its
   * stages and variables), so they are checked as if written there; with the frontend they
   * need merged into `need`.
   */
  #fragmentAt(
    method: string,
    before: readonly ChildNode[],
    fragment: unknown,
    need: { value: Frontend },
    ...extra: unknown[]
  ): ChildNode[] {
    if (typeof fragment !== 'function') {
      throw new DockerfileBuildError(
        method,
        `the fragment must be a function (builder) => builder, got ${describe(fragment)}`,
      );
    }
    const start = new Builder(this.#contextAfter(before, { base: null }), null, need.value);
    const result = fragment(start, ...extra);
    if (!(result instanceof Builder)) {
      throw new DockerfileBuildError(
        method,
        `the fragment must return the builder it was given, got ${describe(result)}`,
      );
    }
    need.value = result.#need;
    return toArray(result.#list);
  }

  #match(method: string, where: unknown): NodeMatch {
    if (typeof where !== 'function') {
      throw new DockerfileBuildError(
        method,
        `where must be a function (node, place) => boolean, got ${describe(where)}`,
      );
    }
    return where as NodeMatch;
  }

  /** Each instruction `where` picks, with what `edit` returns for it (ONBUILD triggers aside). */
  #eachMatch(
    method: string,
    where: unknown,
    edit: (
      node: InstructionNode,
      index: number,
      children: readonly ChildNode[],
    ) => ChildNode[] | null,
  ): readonly ChildNode[] {
    const match = this.#match(method, where);
    const children = toArray(this.#list);
    const places = placesOf(children);
    const tree = this.#transformed((node, ctx) => {
      if (ctx.onbuild !== null || node.type !== 'instruction') return undefined;
      if (!match(node, places[ctx.index]!)) return undefined;
      return edit(node, ctx.index, children);
    });
    return tree.children;
  }

  /**
   * Changes the image of a stage's FROM (by the stage's name or index), keeping the rest of
   * the line as written: flags, `AS name`, spacing. The image is checked as `from()` checks it.
   *
   * @example
   * ```ts
   * edit('FROM  node:20  AS build\n').setBase('build', 'node:22-slim').toString()
   * // FROM  node:22-slim  AS build
   * ```
   */
  setBase(stage: unknown, image: unknown): Builder {
    const children = toArray(this.#list);
    const at = stageStart('setBase', children, stage);
    const needs: FrontendNeed[] = [];
    const word = this.#baseImage('setBase', children.slice(0, at), image, needs);
    const out = [...children];
    out[at] = withFromImage(children[at] as InstructionNode, word, this.#esc);
    let need = this.#need;
    for (const n of needs) need = mergeNeed(need, n);
    return this.#withChildren(out, need);
  }

  /**
   * Changes only the tag of a stage's image: `node:20-slim` to `node:22-slim`.
   *
   * @example
   * ```ts
   * edit('FROM node:20-slim AS build\n').setTag('build', '22-slim').toString()
   * // FROM node:22-slim AS build
   * ```
   */
  setTag(stage: unknown, tag: unknown): Builder {
    const t = nonEmpty('setTag', 'tag', readString('setTag', 'the tag', tag));
    if (!/^(?:[\w][\w.-]{0,127}|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*)+$/.test(t)) {
      throw new DockerfileBuildError('setTag', `not an image tag: ${show(t)}`);
    }
    const children = toArray(this.#list);
    const node = children[stageStart('setTag', children, stage)] as InstructionNode;
    const { repository, digest } = splitImage(node.args[0] ?? '');
    if (digest !== null) {
      throw new DockerfileBuildError(
        'setTag',
        `the image is pinned by digest (${show(node.args[0])}): set it whole with setBase()`,
      );
    }
    return this.setBase(stage, `${repository}:${t}`);
  }

  #baseImage(
    method: string,
    before: readonly ChildNode[],
    image: unknown,
    needs: FrontendNeed[],
  ): string {
    const need = { value: this.#need };
    const nodes = this.#fragmentAt(method, before, (b: Builder) => b.from(image), need);
    needs.push({ ...need.value, feature: 'the image' });
    return (nodes[0] as InstructionNode).args[0]!;
  }

  /**
   * Inserts, before each instruction `where` picks, what `fragment` builds (checked with what
   * the file declares up to there).
   *
   * @example
   * ```ts
   * edit(text).insertBefore((n) => n.keyword === 'CMD', (b) => b.user('node'))
   * ```
   */
  insertBefore(where: unknown, fragment: unknown): Builder {
    return this.#insert('insertBefore', where, fragment, false);
  }

  /**
   * Inserts, after each instruction `where` picks, what `fragment` builds.
   *
   * @example
   * ```ts
   * edit(text).insertAfter((n, at) => n.keyword === 'FROM' && at.stage === 'runtime', (b) => b.label('team', 'web'))
   * ```
   */
  insertAfter(where: unknown, fragment: unknown): Builder {
    return this.#insert('insertAfter', where, fragment, true);
  }

  #insert(method: string, where: unknown, fragment: unknown, after: boolean): Builder {
    const need = { value: this.#need };
    const children = this.#eachMatch(method, where, (node, index, all) => {
      const nodes = this.#fragmentAt(
        method,
        all.slice(0, after ? index + 1 : index),
        fragment,
        need,
      );
      return after ? [node, ...nodes] : [...nodes, node];
    });
    return this.#withChildren(children, need.value);
  }

  /**
   * Replaces each instruction `where` picks with what `fragment` builds (it gets the builder
   * and the node it replaces).
   *
   * @example
   * ```ts
   * edit(text).replace((n) => n.keyword === 'CMD', (b) => b.cmd(['node', 'server.js']))
   * ```
   */
  replace(where: unknown, fragment: unknown): Builder {
    const need = { value: this.#need };
    const children = this.#eachMatch('replace', where, (node, index, all) =>
      this.#fragmentAt('replace', all.slice(0, index), fragment, need, node),
    );
    return this.#withChildren(children, need.value);
  }

  /**
   * Removes each instruction `where` picks (its blank lines move to the next node, so
   * paragraphs stay apart).
   *
   * @example
   * ```ts
   * edit(text).remove((n) => n.keyword === 'MAINTAINER')
   * ```
   */
  remove(where: unknown): Builder {
    return this.#withChildren(this.#eachMatch('remove', where, () => []));
  }

  /**
   * Adds a LABEL to a stage (by name or index): at its end, or right after its FROM with
   * `{ at: 'start' }`.
   *
   * @example
   * ```ts
   * edit(text).addLabel('runtime', 'org.opencontainers.image.source', 'https://example.com/app')
   * ```
   */
  addLabel(stage: unknown, key: unknown, value: unknown, options?: object): Builder {
    return this.#addTo('addLabel', stage, options, (b) => b.label(key, value));
  }

  /**
   * Adds an ENV to a stage (by name or index): at its end, or right after its FROM with
   * `{ at: 'start' }` (so every RUN of the stage sees it).
   *
   * @example
   * ```ts
   * edit(text).addEnv('runtime', 'NODE_ENV', 'production', { at: 'start' })
   * ```
   */
  addEnv(stage: unknown, key: unknown, value: unknown, options?: object): Builder {
    return this.#addTo('addEnv', stage, options, (b) => b.env(key, value));
  }

  #addTo(
    method: string,
    stage: unknown,
    options: object | undefined,
    add: (b: Builder) => Builder,
  ): Builder {
    const opts = readOptions(method, options) as { at?: unknown };
    checkKeys(method, `${method}()`, opts, ['at']);
    const at = readChoice(method, 'options.at', opts.at, ['start', 'end']) ?? 'end';
    const children = toArray(this.#list);
    const from = stageStart(method, children, stage);
    const index = at === 'start' ? from + 1 : stageEnd(children, from);
    const need = { value: this.#need };
    const nodes = this.#fragmentAt(method, children.slice(0, index), add, need);
    return this.#withChildren(
      [...children.slice(0, index), ...nodes, ...children.slice(index)],
      need.value,
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

/** Whether a transform callback returned something the tree can hold. */
function isChildNode(value: unknown): value is ChildNode {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as Record<string, unknown>;
  switch (node.type) {
    case 'instruction':
      return (
        typeof node.keyword === 'string' &&
        Array.isArray(node.args) &&
        node.args.every((a) => typeof a === 'string') &&
        Array.isArray(node.flags) &&
        Array.isArray(node.heredocs) &&
        typeof node.json === 'boolean'
      );
    case 'comment':
      return typeof node.text === 'string';
    case 'directive':
      return typeof node.name === 'string' && typeof node.value === 'string';
    default:
      return false;
  }
}

/** A mount being read: its object, the fields written so far, where its values expand. */
interface MountReader {
  readonly mount: Record<string, unknown>;
  readonly what: string;
  readonly fields: string[];
  readonly needs: FrontendNeed[];
  readonly esc: EscapeChar;
  readonly scope: Scope;
}

// The `--mount` fields of RUN, added to `r.fields` when given: module functions rather than
// closures, which every RUN with a mount would allocate.

/**
 * A field BuildKit reads from the CSV (target, source, id). Docker 20.10 takes the value as
 * written; dockerfile 1.3 and later expand it. A value without `$`, quotes or the escape char
 * means the same to both; any other needs the frontend pinned (1.3) and is escaped for the
 * lexer.
 */
function mountText(r: MountReader, key: string, required: boolean): void {
  const v = r.mount[key];
  if (v === undefined && !required) return;
  const word =
    typeof v === 'string' ? { text: v, literal: false } : readWord('run', `${r.what}.${key}`, v);
  if (key === 'target') checkPathLength('run', 'mount target', word.text);
  const s =
    key === 'target'
      ? nonEmpty('run', `mount ${key}`, word.text)
      : line('run', `mount ${key}`, word.text);
  if (s === '') throw new DockerfileBuildError('run', `the mount ${key} must not be empty`);
  if (!/[$'"\\]/.test(s) && !s.includes(r.esc)) {
    r.fields.push(csvField(key, s));
    return;
  }
  r.needs.push({
    ...FEATURES.mountExpansion,
    feature: `the --mount ${key} ${show(s)} (Docker 20.10 reads "$", quotes and "\\" in it as written, dockerfile 1.3 and later expand them)`,
  });
  const encoded = lexEscape(s, r.esc, word.literal);
  checkReferences('run', `the mount ${key}`, s, encoded, r.esc, r.scope, r.needs);
  r.fields.push(csvField(key, encoded));
}

function mountInt(r: MountReader, key: string): void {
  const v = readInteger('run', `${r.what}.${key}`, r.mount[key], 0, 2 ** 32 - 1);
  if (v !== undefined) r.fields.push(`${key}=${v}`);
}

function mountMode(r: MountReader): void {
  const v = r.mount.mode;
  if (v === undefined) return;
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0 || v > 0o7777)
      throw new DockerfileBuildError('run', `mount mode must be octal (0755): ${show(v)}`);
    s = `0${v.toString(8)}`;
  } else {
    s = readString('run', `${r.what}.mode`, v);
    if (!OCTAL.test(s))
      throw new DockerfileBuildError('run', `mount mode must be octal (0755): ${show(s)}`);
  }
  r.fields.push(`mode=${s}`);
}

/** `field` alone when true (`whenTrue`), else `field=true|false`. */
function mountBool(r: MountReader, key: string, field: string, whenTrue: boolean): void {
  const v = readBoolean('run', `${r.what}.${key}`, r.mount[key]);
  if (v === true && whenTrue) r.fields.push(field);
  else if (v !== undefined && !whenTrue) r.fields.push(`${field}=${v}`);
}

function heredocWord(doc: Heredoc): string {
  return doc.quoted ? `<<'${doc.name}'` : `<<${doc.name}`;
}
