import { lintWith } from './lint.js';
import { allRules } from './rules/all-rules.js';
import type { Finding, Rule, RuleExample } from './types.js';

/**
 * `docs/rules.md`, generated from the rules' metadata: an introduction, a table of every rule,
 * and a section per rule with its examples and the findings they give (computed, so the page
 * cannot drift from what the rules do). `pnpm --filter @dockwright/lint docs` writes it; a test
 * fails when the page is stale.
 */
export function rulesDoc(rules: readonly Rule[] = allRules): string {
  let out = INTRO;
  out += '\n| Rule | Source | Default | Fix | Same problem as |\n|---|---|---|---|---|\n';
  for (const { meta } of rules) {
    const level = meta.experimental ? 'off (experimental)' : meta.severity;
    const same = sameProblem(meta.id, rules).join(', ');
    out += `| [${meta.id}](#${anchor(meta.id)}) | ${meta.source} | ${level} | ${meta.fixable ? 'fix' : ''} | ${same} |\n`;
  }
  for (const rule of rules) out += section(rule, rules);
  return out + FORMATTING;
}

/** The rules (and parse errors) that catch the same problem as `id`, in both directions. */
function sameProblem(id: string, rules: readonly Rule[]): string[] {
  const own = Object.keys(rules.find((r) => r.meta.id === id)?.meta.sameProblemAs ?? {});
  const others = rules.filter((r) => r.meta.sameProblemAs?.[id]).map((r) => r.meta.id);
  return [...own, ...others];
}

function section(rule: Rule, rules: readonly Rule[]): string {
  const { meta } = rule;
  const facts = [
    `${SOURCE[meta.source]}`,
    `default ${meta.experimental ? 'off (experimental: `# check=experimental=' + meta.id + '`)' : meta.severity === 'off' ? 'off (enable it with a level)' : meta.severity}`,
  ];
  if (meta.fixable) facts.push('fixable (`--fix`)');
  if (meta.onbuild) facts.push('also checks ONBUILD triggers');
  if (meta.checkConfig === 'file') facts.push('configured by the file’s `# check=` directive only');
  const same = sameProblem(meta.id, rules);
  if (same.length > 0) facts.push(`reported once with ${same.join(', ')} when both catch it`);
  let out = `\n## ${meta.id}\n\n${meta.description}\n\n${facts.join(' · ')}.`;
  if (meta.url) out += ` Reference: <${meta.url}>.`;
  out += `\nSpecification: [test/rules/${specName(meta.id)}](../packages/lint/test/rules/${specName(meta.id)}).\n`;
  const examples = meta.examples;
  if (examples) {
    out += example('Reported', rule, examples.reported);
    out += example('Not reported', rule, examples.notReported);
  }
  return out;
}

function example(label: string, rule: Rule, ex: RuleExample): string {
  let out = `\n${label}`;
  const options = ex.options ?? {};
  const notes = Object.entries(options).map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``);
  out += notes.length > 0 ? ` (with ${notes.join(', ')}):\n` : ':\n';
  out += `\n\`\`\`dockerfile\n${ex.dockerfile.replace(/\n$/, '')}\n\`\`\`\n`;
  const findings = findingsOf(rule, ex);
  for (const f of findings) {
    out += `\n> ${f.position.line}:${f.position.column} ${f.severity} ${f.ruleId}: ${f.message}\n`;
  }
  return out;
}

/** The findings of one rule (on its own) for one of its examples. */
export function findingsOf(rule: Rule, ex: RuleExample): Finding[] {
  return lintWith(ex.dockerfile, ex.options ?? {}, [rule], { merge: false }).filter(
    (f) => f.ruleId === rule.meta.id,
  );
}

function specName(id: string): string {
  return `${id.replace('/', '-')}.md`;
}

/** GitHub's anchor for a heading. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

const SOURCE = {
  buildkit: 'BuildKit check',
  hadolint: 'hadolint rule',
  dockwright: 'dockwright rule',
} as const;

const INTRO = `# Rules

<!-- Generated from the rules' metadata by \`pnpm --filter @dockwright/lint docs\`: do not edit. -->

\`dockwright lint\` (and \`lint()\` from \`@dockwright/lint\`) runs three sets of rules, and
ShellCheck on RUN scripts when the \`shellcheck\` binary is installed. Each rule has a
specification in \`packages/lint/test/rules/<rule>.md\`: Dockerfiles with the findings they give
(id, line, column, message) and, for fixable rules, the fixed text; upstream's own test cases
are ported there.

- **BuildKit build checks** under BuildKit's own names, messages and lines (\`docker build
  --check\`), with BuildKit's configuration: a \`# check=skip=<Rule,…|all>;error=<bool>;experimental=<Rule,…|all>\`
  directive at the top of the file, the same \`# check=…\` comment above one instruction (for that
  instruction), or \`BUILDKIT_DOCKERFILE_CHECK\` (\`--check\`, \`lint(text, { buildkitCheck })\`),
  which replaces the directive. The value is read as BuildKit reads it: up to its first space,
  keys case-sensitive, at most three \`;\`-separated parts; experimental checks are enabled by name
  and never skipped. A malformed directive is an \`InvalidCheckOption\` **error** (BuildKit fails
  the build: \`failed to parse check options: …\`); a malformed comment above an instruction is an
  \`InvalidCheckOption\` **warning** (BuildKit ignores it). BuildKit's own check tests run in
  \`packages/lint/test/buildkit/\`.
  - **InvalidBaseImagePlatform** compares the platform of each pulled base image with the one
    the stage is built for, so it needs to know what the images resolve to: \`dockwright lint
    --resolve-images\` asks the engine and the registries (\`--platform\` sets the build's
    platform, \`--build-arg\` the global ARGs' values); \`lint()\` takes the facts as \`images\`
    (with \`platform\`, \`buildPlatform\`, \`buildArgs\`; \`baseImageRequests()\` lists what to
    resolve). Without them it reports nothing.
  - **UndefinedVar** cannot see a base image's environment without a registry: only \`PATH\` is
    assumed. Stages built on an earlier stage (\`FROM base\`) see its ENV and ARG values.
  - **CopyIgnoredFile** needs the \`.dockerignore\` text: \`lint(text, { dockerignore })\`; the CLI
    reads the \`.dockerignore\` next to each Dockerfile (or \`--dockerignore <file>\`).
- **hadolint rules**, all of hadolint's DL rules under their codes and messages, with hadolint's
  semantics: RUN scripts are read the way ShellCheck's parser reads them (commands in subshells,
  substitutions, \`if\`/\`for\`/\`case\` bodies; assignments and redirections left out), rules that
  hadolint applies to ONBUILD triggers check \`ONBUILD RUN …\` too, instructions before the first
  FROM count, and hadolint's configuration applies: \`trustedRegistries\`, \`label-schema\`,
  \`strict-labels\`, \`disable-ignore-pragma\`, \`failure-threshold\`, per-rule \`override\` levels
  (\`error\`, \`warning\`, \`info\`, \`style\`) and \`ignored\`, from \`.hadolint.yaml\` (found where
  hadolint looks) and the \`HADOLINT_*\` variables. Its pragmas are read with hadolint's grammar:
  \`# hadolint ignore=DL3008,SC2086\` (the next line), \`# hadolint stage ignore=…\` (the rest of the
  stage), \`# hadolint global ignore=…\` (the file), \`# hadolint shell=<shell>\` (ShellCheck's shell);
  a list with anything but rule codes is ignored whole, as by hadolint.
- **ShellCheck** (\`SC\` codes) on every shell-form RUN, through the \`shellcheck\` binary, as hadolint
  runs it: the stage's SHELL as the dialect (scripts for PowerShell or \`cmd\` are skipped), ARG and
  ENV names known as set, hadolint's exclusions (SC2187, SC1090, SC1091). Findings are placed at
  their line and column in the Dockerfile. Without the binary, one note says so.
- **dockwright rules** that no other tool has.

One finding per problem: where a BuildKit check (or an error BuildKit stops on) and a hadolint
rule, or a hadolint rule and a dockwright rule, catch the same problem, it is reported once,
under the first one's id, message and place, naming the other (\`alsoRuleIds\`), at the higher of
the two severities; switching one of them off leaves the other.

Severities can be changed and rules turned off in \`dockwright.config.json\` (or \`.yaml\`/\`.yml\`):

\`\`\`yaml
rules:
  DL3008: off            # off | style | info | warning | error
  UndefinedVar: error
ignore:
  files: ["vendor/**"]   # globs of files not to lint
  rules: [DL3059]        # rule ids to skip everywhere
\`\`\`

Besides the rules, every error BuildKit itself would stop on is reported as an error finding
under its diagnostic code: parse errors from \`@dockwright/ast\` (\`UnknownInstruction\`,
\`UnknownFlag\`, \`InvalidMount\`, \`UnterminatedHeredoc\`, \`NoBuildStage\` for an instruction other
than ARG before the first FROM, …) and \`InvalidStageReference\` for a \`COPY --from\` or
\`--mount from=\` that names its own stage or a later one.

Fixable rules (\`dockwright lint --fix\`, \`applyFixes(text)\`) are marked **fix**. Fixes are tree
edits: only the fixed instruction is rewritten, every other byte stays.
`;

const FORMATTING = `
## Formatting

\`dockwright fmt\` (\`format()\` from \`@dockwright/lint\`) is not a rule but shares this page's
promise: it never changes meaning. \`dump(parse(fmt(x))) === dump(parse(x))\` (BuildKit's
\`Node.Dump()\`) is checked inside \`format()\` for every file it formats, and tested over BuildKit's
parser corpus and every fixture; heredoc bodies are untouched, and formatting twice changes
nothing. It upper-cases keywords, puts one space after the keyword, writes flags as
\`--flag=value\` and exec form as \`["a", "b"]\`, removes trailing whitespace, indents continuation
lines of non-shell instructions by 4 spaces, keeps at most one blank line and ends the file with
a newline.

It deliberately leaves these as written, because BuildKit's dump records them as written, so
changing them would change the parse:

- the case of \`AS\` in \`FROM image AS name\` (the dump keeps \`"as"\` or \`"AS"\`), and of \`CMD\` in
  \`HEALTHCHECK CMD\`;
- the indentation of continuation lines in shell-form RUN, CMD and ENTRYPOINT: the whitespace
  at the start of a continued line is part of the shell text BuildKit hands to the shell.

\`dockwright lint --fix\` does change \`as\` to \`AS\` (the [FromAsCasing](#fromascasing) fix): that
is an edit of what the file says, which the user asked for, not formatting. Any other
instruction whose canonical form would not dump the same is left byte for byte as it was, and a
file with syntax errors is not formatted at all.
`;
