import {
  type DockerfileNode,
  envPairs,
  heredocContent,
  type InstructionNode,
  parse,
  print,
  viewArg,
} from '@dockwright/ast';
import { parseShellPragma } from '../hadolint-pragmas.js';
import type { LintInput, LintOptions } from '../types.js';
import { logicalLineMap, type Segment } from './source-map.js';

/** One RUN script for ShellCheck, with what it takes to place its comments in the Dockerfile. */
export interface ShellcheckJob {
  /** Offset of the instruction the comments belong to (the RUN, or the ONBUILD holding it). */
  readonly anchor: number;
  /** What ShellCheck reads: a shebang naming the shell, `export` lines, then the RUN's script. */
  readonly script: string;
  /** The lines before the RUN's script (the shebang and the exports). */
  readonly prelude: number;
  /** Where the characters of the RUN's script come from in the Dockerfile. */
  readonly segments: readonly Segment[];
}

/** One comment of ShellCheck's `json1` output. */
export interface ShellcheckComment {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly level: 'error' | 'warning' | 'info' | 'style';
  readonly code: number;
  readonly message: string;
}

/** ShellCheck's comments on one job. */
export interface ShellcheckResult {
  readonly job: ShellcheckJob;
  readonly comments: readonly ShellcheckComment[];
}

/** What hadolint exports before each script, so ShellCheck knows them as set. */
const DEFAULT_VARS = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
];
const DEFAULT_SHELL = '/bin/sh -c';
/** Shells ShellCheck cannot read: hadolint skips their scripts. */
const NON_POSIX = ['pwsh', 'powershell', 'cmd'];
const SUPPORTED_SHEBANGS = [
  '#!/bin/sh',
  '#!/bin/bash',
  '#!/bin/ksh',
  '#!/usr/bin/env sh',
  '#!/usr/bin/env bash',
  '#!/usr/bin/env ksh',
];

interface ShellState {
  shell: string;
  /** ARG and ENV names set so far (and the proxy variables). */
  vars: Set<string>;
  /** ENV names: what an image built on this one (an ONBUILD trigger) inherits. */
  env: Set<string>;
  /** ENV names and ARGs with a value: what a later stage built on this one inherits. */
  state: Set<string>;
}

/**
 * The ShellCheck jobs of a Dockerfile: one per shell-form RUN (exec form runs no shell), as
 * hadolint prepares them. Each script starts with `#!` and the first word of the SHELL in
 * effect (`/bin/sh` by default, `# hadolint shell=…` overrides it), then `export NAME=1` for the
 * proxy variables and every ARG and ENV name set before it, so ShellCheck does not report them
 * as unassigned. A stage built on an earlier stage (`FROM base`) inherits its SHELL, ENV and ARGs
 * with a value; any other FROM starts over. An ONBUILD RUN runs in the image built on this one,
 * so it gets the stage's final SHELL and ENV (and the ARG and ENV triggers before it). Scripts for PowerShell
 * or `cmd`, and heredoc scripts with another interpreter's shebang, are skipped.
 *
 * @example
 * ```ts
 * shellcheckJobs('FROM debian\nARG V\nRUN echo $V $W\n')[0].script
 * // '#!/bin/sh\nexport FTP_PROXY=1\n…\nexport V=1\n…\necho $V $W'
 * ```
 */
export function shellcheckJobs(input: LintInput, options: LintOptions = {}): ShellcheckJob[] {
  const tree: DockerfileNode =
    typeof input === 'string' ? parse(input, { file: options.file }) : input;
  const text = typeof input === 'string' ? input : print(tree);
  const jobs: ShellcheckJob[] = [];
  let state: ShellState = fresh(DEFAULT_SHELL);
  let defaultShell = DEFAULT_SHELL;
  let touched = false;
  const stageEnd = new Map<string, ShellState>();
  let stageName: string | null = null;
  let onbuild: InstructionNode[] = [];

  const endStage = (): void => {
    // ONBUILD triggers run in the next image: the stage's final SHELL and ENV apply.
    let inherited: ShellState = {
      shell: state.shell,
      vars: new Set([...DEFAULT_VARS, ...state.env]),
      env: new Set(state.env),
      state: new Set(state.env),
    };
    for (const n of onbuild) inherited = step(n.trigger!, inherited, n);
    if (stageName !== null) stageEnd.set(stageName, state);
    onbuild = [];
  };

  const step = (n: InstructionNode, s: ShellState, anchor: InstructionNode): ShellState => {
    switch (n.keyword) {
      case 'ARG':
        for (const d of viewArg(n, tree.escape).args) {
          s.vars.add(d.name);
          if (d.value !== null) s.state.add(d.name);
        }
        return s;
      case 'ENV':
        for (const p of envPairs(n, tree.escape)) {
          s.vars.add(p.key);
          s.env.add(p.key);
          s.state.add(p.key);
        }
        return s;
      case 'SHELL':
        s.shell = n.json ? n.args.join(' ') : (n.args[0] ?? '');
        return s;
      case 'RUN': {
        const job = jobFor(text, tree, n, anchor, s);
        if (job) jobs.push(job);
        return s;
      }
      default:
        return s;
    }
  };

  for (const c of tree.children) {
    if (c.type === 'comment') {
      const shell = parseShellPragma(c.text);
      if (shell === null) continue;
      if (!touched) defaultShell = shell;
      state.shell = shell;
      touched = true;
      continue;
    }
    if (c.type !== 'instruction') continue;
    if (c.keyword === 'FROM') {
      endStage();
      const [image, as, name] = c.args;
      const parent = image !== undefined ? stageEnd.get(image.toLowerCase()) : undefined;
      // A stage built on an earlier one continues its state: its SHELL, its ENV, and its ARGs
      // that have a value (BuildKit keeps them in the state's environment).
      state = parent
        ? {
            shell: parent.shell,
            vars: new Set([...DEFAULT_VARS, ...parent.state]),
            env: new Set(parent.env),
            state: new Set(parent.state),
          }
        : fresh(defaultShell);
      stageName = as?.toLowerCase() === 'as' && name !== undefined ? name.toLowerCase() : null;
      touched = true;
      continue;
    }
    if (c.keyword === 'ONBUILD') {
      if (c.trigger) onbuild.push(c);
      continue;
    }
    touched = true;
    state = step(c, state, c);
  }
  endStage();
  jobs.sort((a, b) => a.anchor - b.anchor);
  return jobs;
}

function fresh(shell: string): ShellState {
  return { shell, vars: new Set(DEFAULT_VARS), env: new Set(), state: new Set() };
}

/** The job for one RUN, or null when ShellCheck has nothing to read in it. */
function jobFor(
  text: string,
  tree: DockerfileNode,
  run: InstructionNode,
  anchor: InstructionNode,
  state: ShellState,
): ShellcheckJob | null {
  if (run.json || !anchor.position) return null;
  if (NON_POSIX.some((s) => state.shell.includes(s))) return null;
  const { logical, segments, after, afterLine } = logicalLineMap(
    text,
    anchor.position,
    tree.escape,
  );
  const command = run.args[0] ?? '';
  const at = logical.lastIndexOf(command);
  if (at < 0) return null;
  let script: string;
  const mapped: Segment[] = [];
  if (run.heredocs.length > 0 && /^\s*[0-9]*<<-?\S+\s*$/.test(command)) {
    // `RUN <<EOF`: the heredoc is the script.
    script = heredocContent(run.heredocs[0]!);
    lineSegments(script, { line: afterLine, offset: after }, mapped, 0);
  } else {
    script = command;
    for (let k = 0; k < segments.length; k++) {
      const s = segments[k]!;
      const end = segments[k + 1]?.at ?? logical.length;
      if (end <= at) continue;
      const from = Math.max(s.at, at);
      mapped.push({
        at: from - at,
        line: s.line,
        column: s.column + (from - s.at),
        offset: s.offset + (from - s.at),
      });
    }
    // Heredoc bodies follow the line, each with its terminator, as the shell reads them.
    let source = { line: afterLine, offset: after };
    for (const doc of run.heredocs) {
      const body = `${doc.content}${doc.name}\n`;
      source = lineSegments(body, source, mapped, script.length + 1);
      script += `\n${body}`;
    }
  }
  if (script.startsWith('#!') && !SUPPORTED_SHEBANGS.some((p) => script.startsWith(p))) {
    return null;
  }
  const shell = state.shell.trim().split(/\s+/)[0] ?? '';
  const exports = [...state.vars].sort().map((v) => `export ${v}=1\n`);
  return {
    anchor: anchor.position.offset,
    script: `#!${shell}\n${exports.join('')}${script}`,
    prelude: 1 + exports.length,
    segments: mapped,
  };
}

/**
 * One segment per line of `body`, copied verbatim from the Dockerfile at `source`; returns
 * where the Dockerfile goes on after it.
 */
function lineSegments(
  body: string,
  source: { line: number; offset: number },
  out: Segment[],
  at: number,
): { line: number; offset: number } {
  let offset = 0;
  let line = source.line;
  for (;;) {
    out.push({ at: at + offset, line, column: 1, offset: source.offset + offset });
    const nl = body.indexOf('\n', offset);
    if (nl < 0 || nl + 1 >= body.length) {
      return { line: line + (nl < 0 ? 0 : 1), offset: source.offset + body.length };
    }
    offset = nl + 1;
    line++;
  }
}
