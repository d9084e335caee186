import { type InstructionNode, suggest } from '@dockwright/ast';
import { buildkitUrl, defineRule } from '../../define-rule.js';
import { PLATFORM_ARGS, PREDEFINED_ARGS } from '../../internal/predefined-args.js';
import { varNames } from '../../internal/var-names.js';
import { argsOf, envPairsOf } from '../../internal/views.js';
import type { Stage } from '../../rule-context.js';

/**
 * Adds to `out` the words of an instruction BuildKit expands with the build environment that
 * hold a `$` (RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK are left to the shell at run time;
 * COPY --from is never expanded). A word without `$` refers to no variable.
 */
function expandedWords(n: InstructionNode, out: string[]): void {
  // Loops by index: `for…of` over a node's (frozen) lists allocates per element on Node 20,
  // and this runs for every instruction of every file.
  const { args, flags } = n;
  switch (n.keyword) {
    case 'ADD':
    case 'COPY': {
      const heredocs = n.heredocs.length > 0;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (!heredocs || !a.startsWith('<<')) addWithDollar(out, a);
      }
      for (let i = 0; i < flags.length; i++) {
        const f = flags[i]!;
        if ((f.name === 'chown' || f.name === 'chmod' || f.name === 'checksum') && f.value) {
          addWithDollar(out, f.value);
        }
      }
      return;
    }
    case 'ENV':
    case 'LABEL':
      for (let i = 0; i + 2 < args.length; i += 3) {
        addWithDollar(out, args[i]!);
        addWithDollar(out, args[i + 1]!);
      }
      return;
    case 'ARG':
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        const eq = a.indexOf('=');
        if (eq >= 0) addWithDollar(out, a.slice(eq + 1));
      }
      return;
    case 'EXPOSE':
    case 'VOLUME':
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL':
      for (let i = 0; i < args.length; i++) addWithDollar(out, args[i]!);
      return;
    case 'RUN':
      for (let i = 0; i < flags.length; i++) {
        const f = flags[i]!;
        if (f.name === 'mount' && f.value) addWithDollar(out, f.value);
      }
      return;
  }
}

function addWithDollar(out: string[], word: string): void {
  if (word.indexOf('$') >= 0) out.push(word);
}

/**
 * UndefinedVar: a variable used in an instruction BuildKit expands, before any ARG or ENV of
 * the stage defines it. The base image's environment is unknown without a registry, so only
 * `PATH` (always set) is assumed. A reference with a default (`${v:-x}`) is reported too: BuildKit's
 * lexer looks the name up (and records it unmatched) before it applies the modifier; an `ARG v`
 * without a value declares it.
 *
 * @example
 * ```dockerfile
 * FROM alpine
 * ENV PATH=$PAHT:/app/bin   # Usage of undefined variable '$PAHT' (did you mean $PATH?)
 * ```
 */
export const undefinedVar = defineRule(
  {
    id: 'UndefinedVar',
    source: 'buildkit',
    severity: 'warning',
    description: 'Variables should be defined before their use',
    url: buildkitUrl('UndefinedVar'),
    keywords: ['FROM'],
    examples: {
      reported: { dockerfile: 'FROM alpine:3.20\nCOPY $SRC /app/\n' },
      notReported: { dockerfile: 'FROM alpine:3.20\nARG SRC=.\nCOPY $SRC /app/\n' },
    },
  },
  (ctx, report) => {
    // Most files refer to no variable where BuildKit expands one: nothing to check then.
    const words: string[] = [];
    for (const stage of ctx.stages) {
      for (const n of stage.instructions) expandedWords(n, words);
    }
    if (words.length === 0) return;
    // Global ARGs with a default (and the platform ARGs) give a stage's `ARG name` a value.
    const globalValues = new Set<string>();
    for (const a of ctx.globalArgs) {
      for (const d of argsOf(ctx, a)) if (d.value !== null) globalValues.add(d.name);
    }
    // The environment of each stage's state: ENVs and ARGs with a value, which a stage built
    // on it (`FROM base`) starts with, as BuildKit's dispatch state does.
    const envByStage = new Map<Stage, Set<string>>();
    for (const stage of ctx.stages) {
      const env = new Set<string>(stage.parent ? (envByStage.get(stage.parent) ?? []) : ['PATH']);
      const args = new Set<string>();
      for (const n of stage.instructions) {
        words.length = 0;
        expandedWords(n, words);
        let reported: Set<string> | null = null;
        for (const word of words) {
          for (const name of varNames(word, ctx.escape)) {
            if (env.has(name) || args.has(name)) continue;
            if (PREDEFINED_ARGS.has(name) || reported?.has(name)) continue;
            reported ??= new Set();
            reported.add(name);
            const hint = suggest(name, [...env], true);
            report(
              n,
              `Usage of undefined variable '$${name}'${hint ? ` (did you mean $${hint}?)` : ''}`,
            );
          }
        }
        // Every reference of an instruction sees the values from before it.
        if (n.keyword === 'ENV') for (const p of envPairsOf(ctx, n)) env.add(p.key);
        if (n.keyword === 'ARG') {
          for (const d of argsOf(ctx, n)) {
            args.add(d.name);
            if (d.value !== null || PLATFORM_ARGS.has(d.name) || globalValues.has(d.name)) {
              env.add(d.name);
            }
          }
        }
      }
      envByStage.set(stage, env);
    }
  },
);
