import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { parseShell } from './parse-shell.js';

/**
 * hadolint's flags of a command's words, written out plainly: `-abc` is `a`, `b` and `c`;
 * `--name=value` is `name`; `-` and `--` are none.
 */
function flagsOf(args: readonly string[]): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  args.forEach((word, index) => {
    if (!word.startsWith('-') || word === '-' || word === '--') return;
    if (word.startsWith('--')) out.push({ name: word.slice(2).split('=')[0]!, index });
    else for (const name of [...word.slice(1)]) out.push({ name, index });
  });
  return out;
}

/** Each command as `[name, ...args]`. */
const commands = (text: string) => parseShell(text).commands.map((c) => [c.name, ...c.args]);

describe('parseShell', () => {
  it.each([
    [
      'apt-get update && apt-get install -y curl',
      [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'curl'],
      ],
    ],
    ['A=1 B+=2 c[1]=3 apt-get >/dev/null 2>&1 install "x y"', [['apt-get', 'install', 'x y']]],
    [
      'echo $(id -u) `date` "${HOME}"/x',
      [['echo', '${id-u}', '${VAR}', '${HOME}/x'], ['id', '-u'], ['date']],
    ],
    ['echo \'a b\'"c$d"\\ e', [['echo', 'a bc${d} e']]],
    ['cat <(ls) >(wc)', [['cat', '', ''], ['ls'], ['wc']]],
    ['ls *.txt [ab] {a,b} @(x|y) a+b', [['ls', '*.txt', '[ab]', '', '', 'a+b']]],
    ['echo a#b # a comment', [['echo', 'a#b']]],
    ['if true; then a; elif b; then c; else d; fi', [['true'], ['a'], ['b'], ['c'], ['d']]],
    [
      'for x in 1 2; do echo $x; done; while false; do :; done',
      [['echo', '${x}'], ['false'], [':']],
    ],
    ['case $x in a|b) one;; *) two;; esac', [['one'], ['two']]],
    ['f() { inner; }; function g { other; }', [['inner'], ['other']]],
    ['[[ -n $(which go) && ( a == b ) ]] # c', [['which', 'go']]],
    ['cat <<EOF | sh\necho not a command\nEOF\ndone_after', [['cat'], ['sh'], ['done_after']]],
    [
      'command -v x; exec -a n bash -c y; busybox wget z',
      [
        ['command', '-v', 'x'],
        ['bash', '-a', 'n', 'bash', '-c', 'y'],
        ['wget', 'wget', 'z'],
      ],
    ],
    ['$CC -o x', []],
  ])('%j', (text, expected) => {
    expect(commands(text)).toEqual(expected);
  });

  // hadolint 2.15 takes each argument through its own `simplify` (src/Hadolint/Shell.hs,
  // v2.15.0 lines 217-236; `extractAllArgs`, lines 205-214): `$(…)` is `${` + the simplified
  // statements of its body + `}`; a T_Pipeline of one command and a T_Redirecting give their
  // command's text, a T_SimpleCommand its words (not its assignments or redirections), a
  // backtick substitution `${VAR}`, anything else nothing. The statements are ShellCheck 0.11's
  // (src/ShellCheck/Parser.hs at v0.11.0): `readTerm` (lines 2356-2375) wraps `a &` in
  // T_Backgrounded, `readAndOr` (2328-2347) makes `a && b` a T_AndIf, `readBanged` (2318-2323)
  // makes `! a` a T_Banged, and `readSimpleCommand` (2127-2150) reads `time` as a command whose
  // suffix is its flags and the pipeline after it (`readTimeSuffix`, 2910-2918).
  it.each([
    ['echo $(id -u)', '${id-u}'],
    ['echo "$(printf \'%s\' "$HOME" x)"', '${printf%s${HOME}x}'],
    ['echo $(a | b)', '${}'],
    ['echo $(a x; b)', '${axb}'],
    ['echo $(a x\n b)', '${axb}'],
    ['echo $(a && b)', '${}'],
    ['echo $(a || b)', '${}'],
    ['echo $(a & b)', '${b}'],
    ['echo $(a &)', '${}'],
    ['echo $(a; b && c; d)', '${ad}'],
    ['echo $(A=1 cat <f 2>/dev/null)', '${cat}'],
    ['echo $(A=1)', '${}'],
    ['echo $(<f)', '${}'],
    ['echo $()', '${}'],
    ['echo $( # nothing\n)', '${}'],
    ['echo $( (a) )', '${}'],
    ['echo $({ a; })', '${}'],
    ['echo $(if a; then b; fi)', '${}'],
    ['echo $(f() { a; })', '${}'],
    ['echo $(! a)', '${}'],
    ['echo $(time a b)', '${timeab}'],
    ['echo $(time -p a | b)', '${time-p}'],
    ['echo $(time ! a)', '${time}'],
    ['echo $(exec -a n sh x)', '${exec-anshx}'],
    ['echo $($CC -v)', '${${CC}-v}'],
    ['echo $(echo "$(id -u)" $(a | b))', '${echo${id-u}${}}'],
    ['echo $(echo `id -u`)', '${echo${VAR}}'],
    ['echo `echo $(id -u)`', '${VAR}'],
    ['echo ${x:-$(id -u)}', '${x:-${id-u}}'],
  ])('%j: the substitution is %j', (text, expected) => {
    const script = parseShell(text);
    expect(script.valid).toBe(true);
    expect(script.commands[0]).toMatchObject({ name: 'echo', args: [expected] });
  });

  it('lists the commands of substitutions after the command they are in', () => {
    expect(commands('echo $(echo "$(id -u)") $(a && b)')).toEqual([
      ['echo', '${echo${id-u}}', '${}'],
      ['echo', '${id-u}'],
      ['id', '-u'],
      ['a'],
      ['b'],
    ]);
  });

  it('reads nested substitutions in linear size: each one counts once, in its word', () => {
    // `echo "$(echo "$(echo … x)")"`: the argument of the command at level k is that of level
    // k + 1 inside `${echo…}`, 7 characters longer; the innermost argument is `x`.
    for (const depth of [30, 60, 120, 200]) {
      const text = `echo ${'"$(echo '.repeat(depth)}x${')"'.repeat(depth)}`;
      const script = parseShell(text);
      expect(script.valid).toBe(true);
      expect(script.commands).toHaveLength(depth + 1);
      script.commands.forEach((c, k) => {
        expect(c.name).toBe('echo');
        expect(c.args).toHaveLength(1);
        expect(c.args[0]!.length).toBe(1 + 7 * (depth - k));
      });
      expect(script.commands[depth - 2]!.args[0]).toBe('${echo${echox}}');
    }
  });

  it('lints a RUN of deeply nested substitutions, its commands read', () => {
    const run = `${'"$(echo '.repeat(200)}$(sudo id)${')"'.repeat(200)}`;
    const findings = lint(`FROM debian:12\nUSER app\nRUN echo ${run}\n`);
    expect(findings.map((f) => f.ruleId)).toContain('DL3004'); // `sudo`, 200 levels down
  });

  it.each([
    ['echo {{a,b} {a}x {a\\..b} {x,{y}} {{1..2} {a{b,c}', ['{', '{a}x', '', '', '{', '{a']],
    ['echo [[ab] [[[x [a\\]] [!]] []', ['[[ab]', '[[[x', '[a\\]]', '[!]]', '[]']],
  ])('%j: brace expansions and bracket globs', (text, args) => {
    expect(parseShell(text).commands[0]!.args).toEqual(args);
  });

  it('reads words of 200,000 `{`, `[` or `{a,b}`, in one pass each', () => {
    // Each `{` and `[` used to look ahead to the end of the word: hours for such a word.
    for (const piece of ['{', '[', '{a,b}', '[a', '{{a}']) {
      const word = piece.repeat(200_000 / piece.length);
      const [command] = parseShell(`echo ${word} x`).commands;
      expect(command!.args).toHaveLength(2);
      expect(command!.args[1]).toBe('x');
    }
  });

  it('derives flags and pipes', () => {
    const script = parseShell('tar -xzf a.tgz --strip-components=1 -- -x | grep -q y');
    expect(script.hasPipes).toBe(true);
    expect(script.commands[0]!.flags).toEqual([
      { name: 'x', index: 0 },
      { name: 'z', index: 0 },
      { name: 'f', index: 0 },
      { name: 'strip-components', index: 2 },
      { name: 'x', index: 4 },
    ]);
    expect(script.commands[1]!.flags).toEqual([{ name: 'q', index: 0 }]);
  });

  it('shows a command as plain data, flags included', () => {
    const script = parseShell('apt-get install -y x');
    expect(JSON.parse(JSON.stringify(script))).toEqual({
      text: 'apt-get install -y x',
      commands: [
        { name: 'apt-get', args: ['install', '-y', 'x'], flags: [{ name: 'y', index: 1 }] },
      ],
      hasPipes: false,
      valid: true,
    });
  });

  it.each([
    'echo "unterminated',
    'foo(',
    'if true; then a',
    'a &&',
    '(a',
    'done',
    '[[;',
    '[[ a ;',
    '[[ # ]]',
    'for x in a & b; do :; done',
    'for x in a > b; do :; done',
  ])('%j is not bash: no commands', (text) => {
    expect(parseShell(text)).toEqual({ text, commands: [], hasPipes: false, valid: false });
  });

  it('reads a comment inside [[ ]] as ShellCheck does', () => {
    expect(parseShell('[[ a # c\n]] && b').commands.map((c) => c.name)).toEqual(['b']);
  });

  it('reads names of any length', () => {
    const name = `V${'x'.repeat(300)}`;
    expect(commands(`${name}=1 echo $${name} \${${name}}`)).toEqual([
      ['echo', `\${${name}}`, `\${${name}}`],
    ]);
  });

  it('ends, and throws nothing, on any text; flags are those of the words', () => {
    // Hostile scripts: the parser must give an answer, not hang or crash.
    const piece = fc.constantFrom(
      ...'ab -=$(){}[]<>|&;\'"`\\\n\t#!*?@+,.0123'.split(''),
      '-xy',
      '--a=b',
      'f() ',
      'function f ',
      'time -p ',
      'exec -a n ',
      'A=1 ',
      'a[1]=',
      '{fd}>',
      '&>',
      '|&',
      '\\\n',
      "$'",
      '<<-"EOF"\n',
      'if ',
      'then ',
      'fi',
      'for x in ',
      'do ',
      'done',
      'case ',
      'esac',
      '[[ ',
      ' ]]',
      '<<EOF\n',
      'EOF\n',
      '$(',
      '${',
      '$((',
      '))',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const script = parseShell(pieces.join(''));
        expect(typeof script.valid).toBe('boolean');
        for (const c of script.commands) expect(c.flags).toEqual(flagsOf(c.args));
      }),
      { numRuns: 5000, interruptAfterTimeLimit: 3000, markInterruptAsFailure: false },
    );
  });
  it('reads nesting too deep for its stack as a script it cannot read, not a crash', () => {
    for (const open of ['$(', '"$(echo "', 'if a; then ', '${', '(']) {
      const script = parseShell(`${open.repeat(50_000)}x`);
      expect(script).toEqual({ text: script.text, commands: [], hasPipes: false, valid: false });
    }
  });
});
