// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile words are written with ${…} in plain strings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ExpandEnv, expand, expandWithMatches, expandWords } from './expand.js';
import { ExpansionError } from './expansion-error.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/lex/${name}`, import.meta.url), 'utf8');

/** BuildKit's `EnvsFromSlice`: `K=V` entries, a bare `K` is set to empty, the last one wins. */
function envFromList(list: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of list) {
    const eq = entry.indexOf('=');
    if (eq < 0) env[entry] = '';
    else env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/** Runs a case both with a map and with a lookup function, as lex_test.go does with both APIs. */
function bothEnvForms(env: Record<string, string>): ExpandEnv[] {
  return [env, (name) => (Object.hasOwn(env, name) ? env[name] : undefined)];
}

interface EnvVarCase {
  line: number;
  source: string;
  expected: string;
}

/** TestShellParser4EnvVars: `PLATFORM|source|expected`; W lines are Windows-only and skipped. */
function readEnvVarTable(text: string): { cases: EnvVarCase[]; windowsOnly: number } {
  const cases: EnvVarCase[] = [];
  let windowsOnly = 0;
  text.split('\n').forEach((raw, index) => {
    if (raw.startsWith('#')) return;
    const line = raw.trim();
    if (line === '') return;
    const parts = line.split('|');
    if (parts.length !== 3) throw new Error(`line ${index + 1}: expected 3 fields in ${line}`);
    const [platform, source, expected] = parts.map((p) => p.trim()) as [string, string, string];
    if (platform !== 'A' && platform !== 'U' && platform !== 'W') {
      throw new Error(`line ${index + 1}: invalid platform tag ${platform}`);
    }
    if (platform === 'W') windowsOnly++;
    else cases.push({ line: index + 1, source, expected });
  });
  return { cases, windowsOnly };
}

describe.each([
  ['envVarTest.txt', 222],
  ['envVarTest.dockwright.txt', 68],
])('TestShellParser4EnvVars: %s', (file, count) => {
  const env = envFromList(['PWD=/home', 'SHELL=bash', 'KOREAN=한국어', 'NULL=']);
  const { cases } = readEnvVarTable(fixture(file));

  it('reads every case of the table', () => {
    expect(cases).toHaveLength(count);
  });

  it.each(cases)('line $line: $source', ({ source, expected }) => {
    for (const form of bothEnvForms(env)) {
      if (expected === 'error') {
        expect(() => expand(source, form)).toThrow(ExpansionError);
      } else {
        expect(expand(source, form)).toBe(expected);
      }
    }
  });
});

describe('TestShellParser4Words: wordsTest.txt', () => {
  interface WordsCase {
    line: number;
    source: string;
    expected: string[];
    env: Record<string, string>;
  }
  const cases: WordsCase[] = [];
  const envList: string[] = [];
  fixture('wordsTest.txt')
    .split('\n')
    .forEach((raw, index) => {
      if (raw === '' && index > 0) return; // the file's final newline
      if (raw.startsWith('#')) return;
      if (raw.startsWith('ENV ')) {
        envList.push(raw.slice(3).replace(/^ +/, ''));
        return;
      }
      const parts = raw.split('|');
      if (parts.length !== 2) throw new Error(`line ${index + 1}: expected exactly one |`);
      cases.push({
        line: index + 1,
        source: parts[0]!.trim(),
        expected: parts[1]!.replace(/^ +/, '').split(','),
        env: envFromList(envList),
      });
    });

  it('reads every case of the table', () => {
    expect(cases).toHaveLength(19);
    // The trailing spaces the file insists on survived the transcription.
    expect(cases.find((c) => c.source === 'hel"lo${trailing}"')?.expected).toEqual([
      'helloab c   ',
    ]);
  });

  it.each(cases)('line $line: $source', ({ source, expected, env }) => {
    for (const form of bothEnvForms(env)) {
      let words: string[];
      try {
        words = expandWords(source, form);
      } catch (error) {
        expect(error).toBeInstanceOf(ExpansionError);
        words = ['error'];
      }
      expect(words).toEqual(expected);
    }
  });
});

describe('TestShellParserMandatoryEnvVars', () => {
  const setEnvs = envFromList(['VAR=plain', 'ARG=x']);
  const emptyEnvs = envFromList(['VAR=', 'ARG=x']);
  const unsetEnvs = envFromList(['ARG=x']);
  const noEmpty = '${VAR:?message here$ARG}';
  const noUnset = '${VAR?message here$ARG}';

  it('${VAR:?…} refuses empty and unset', () => {
    expect(expand(noEmpty, setEnvs)).toBe('plain');
    expect(() => expand(noEmpty, emptyEnvs)).toThrow('message herex');
    expect(() => expand(noEmpty, unsetEnvs)).toThrow('message herex');
  });

  it('${VAR?…} refuses only unset', () => {
    expect(expand(noUnset, setEnvs)).toBe('plain');
    expect(expand(noUnset, emptyEnvs)).toBe('');
    expect(() => expand(noUnset, unsetEnvs)).toThrow('message herex');
  });
});

describe('TestGetEnv', () => {
  it.each([
    [[], 'foo', ''],
    [['foo'], 'foo', ''],
    [['foo='], 'foo', ''],
    [['foo=bar'], 'foo', 'bar'],
    [['foo=bar', 'car=hat'], 'foo', 'bar'],
    [['foo=bar', 'car=hat'], 'car', 'hat'],
    // The last 'car' in the list wins.
    [['foo=bar', 'car=hat', 'car=bike'], 'car', 'bike'],
  ] as const)('%j: $%s is %j', (list, name, value) => {
    expect(expand(`$${name}`, envFromList(list))).toBe(value);
  });

  it('is case-sensitive, as on Unix', () => {
    expect(expand('$pwd|$PWD|$Pwd', { PWD: '/home' })).toBe('|/home|');
    expect(expandWithMatches('$pwd', { PWD: '/home' }).unmatched).toEqual(new Set(['pwd']));
  });

  it('sees only own keys of a plain object', () => {
    expect(expand('[$constructor][$toString][${__proto__:-p}]', {})).toBe('[][][p]');
    const env = Object.create({ INHERITED: 'x' }) as Record<string, string>;
    expect(expand('${INHERITED:-unset}', env)).toBe('unset');
  });
});

type Names = readonly string[];

/** TestProcessWithMatches, case for case. */
const withMatches: {
  input: string;
  envs: Record<string, string>;
  expected?: string;
  error?: true;
  matches?: Names;
  unmatched?: Names;
}[] = [
  { input: 'x', envs: { DUMMY: 'dummy' }, expected: 'x' },
  { input: 'x ${UNUSED}', envs: { DUMMY: 'dummy' }, expected: 'x ', unmatched: ['UNUSED'] },
  { input: 'x ${FOO}', envs: { FOO: 'y' }, expected: 'x y', matches: ['FOO'] },
  {
    input: '${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}',
    envs: { FOO: 'xxx', BAR: '' },
    expected: 'xxx  ccc',
    matches: ['FOO', 'BAR'],
    unmatched: ['BAZ'],
  },
  {
    input: '${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}',
    envs: { FOO: 'xxx', BAR: '' },
    expected: 'xxx bbb ccc',
    matches: ['FOO', 'BAR'],
    unmatched: ['BAZ'],
  },
  { input: '${FOO:-}', envs: { FOO: 'xxx', BAR: '' }, expected: 'xxx', matches: ['FOO'] },
  { input: '${FOO:-}', envs: {}, expected: '', unmatched: ['FOO'] },
  {
    input: '${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}',
    envs: { FOO: 'xxx', BAR: '' },
    expected: 'aaa bbb ',
    matches: ['FOO', 'BAR'],
    unmatched: ['BAZ'],
  },
  {
    input: '${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}',
    envs: { FOO: 'xxx', BAR: '' },
    expected: 'aaa  ',
    matches: ['FOO', 'BAR'],
    unmatched: ['BAZ'],
  },
  { input: '${FOO?aaa}', envs: { FOO: 'xxx', BAR: '' }, expected: 'xxx', matches: ['FOO'] },
  { input: '${BAR?bbb}', envs: { FOO: 'xxx', BAR: '' }, expected: '', matches: ['BAR'] },
  { input: '${BAZ?ccc}', envs: { FOO: 'xxx', BAR: '' }, error: true },
  { input: '${FOO:?aaa}', envs: { FOO: 'xxx', BAR: '' }, expected: 'xxx', matches: ['FOO'] },
  { input: '${BAR:?bbb}', envs: { FOO: 'xxx', BAR: '' }, error: true },
  { input: '${BAZ:?ccc}', envs: { FOO: 'xxx', BAR: '' }, error: true },
  { input: '${BAZ:?}', envs: { FOO: 'xxx', BAR: '' }, error: true },
  { input: '${FOO=aaa}', envs: { FOO: 'xxx', BAR: '' }, error: true },
  { input: '${FOO=:aaa}', envs: { FOO: 'xxx', BAR: '' }, error: true },
  { input: '${FOO=}', envs: {}, error: true },
  // Regular-expression characters are literal in a glob; `}` is escaped to stay in the word.
  {
    input: '${FOO#()[]{\\}^$.\\*\\?|\\\\}',
    envs: { FOO: '()[]{}^$.*?|\\x' },
    expected: 'x',
    matches: ['FOO'],
  },
  { input: '${FOO%%\\**}', envs: { FOO: 'xx**' }, expected: 'xx', matches: ['FOO'] },
  { input: '${FOO#*x*y}', envs: { FOO: 'xxyy' }, expected: 'y', matches: ['FOO'] },
  { input: '${FOO#*}', envs: { FOO: 'xxyy' }, expected: 'xxyy', matches: ['FOO'] },
  {
    input: '${FOO#$BAR}',
    envs: { FOO: 'xxyy', BAR: 'x' },
    expected: 'xyy',
    matches: ['FOO', 'BAR'],
  },
  {
    input: '${FOO#$BAR}',
    envs: { FOO: 'xxyy', BAR: '' },
    expected: 'xxyy',
    matches: ['FOO', 'BAR'],
  },
  { input: '${FOO#}', envs: { FOO: 'xxyy' }, expected: 'xxyy', matches: ['FOO'] },
  { input: '${FOO##*x}', envs: { FOO: 'xxyy' }, expected: 'yy', matches: ['FOO'] },
  { input: '${FOO##}', envs: { FOO: 'xxyy' }, expected: 'xxyy', matches: ['FOO'] },
  { input: '${FOO#?\\?}', envs: { FOO: '???y' }, expected: '?y', matches: ['FOO'] },
  {
    input: '${ABC:-.}${FOO%x}${ABC:-.}',
    envs: { FOO: 'xxyy' },
    expected: '.xxyy.',
    matches: ['FOO'],
    unmatched: ['ABC'],
  },
  { input: '${FOO%%\\**\\*}', envs: { FOO: 'a***yy*' }, expected: 'a', matches: ['FOO'] },
  { input: '${FOO%}', envs: { FOO: 'xxyy' }, expected: 'xxyy', matches: ['FOO'] },
  {
    input: '${FOO%%$BAR}',
    envs: { FOO: 'xxyy', BAR: '' },
    expected: 'xxyy',
    matches: ['FOO', 'BAR'],
  },
  // Wildcards in a variable used as the pattern.
  {
    input: '${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}',
    envs: { FOO: '/foo*/*/*.txt', NEEDLE: '\\*/' },
    expected: '/foo.*/*.txt - /foo..*.txt',
    matches: ['FOO', 'NEEDLE'],
  },
  // `/` inside a pattern that comes from a variable.
  {
    input: '${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}',
    envs: { FOO: '/tmp/tmp/bar.txt', NEEDLE: '/tmp' },
    expected: '/tmp/bar.txt - /bar.txt',
    matches: ['FOO', 'NEEDLE'],
  },
  {
    input: '${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}',
    envs: { FOO: '/a/foo/b/c.txt', NEEDLE: '/?/', REPLACEMENT: '/' },
    expected: '/foo/b/c.txt - /foo/c.txt',
    matches: ['FOO', 'NEEDLE', 'REPLACEMENT'],
  },
  {
    input: '${FOO/$NEEDLE/$REPLACEMENT}',
    envs: { FOO: 'http://google.de', NEEDLE: 'http://', REPLACEMENT: 'https://' },
    expected: 'https://google.de',
    matches: ['FOO', 'NEEDLE', 'REPLACEMENT'],
  },
  // Escaped separators: the backslash stays in the replacement.
  {
    input: '${FOO//\\//\\/}',
    envs: { FOO: '/tmp/foo.txt' },
    expected: '\\/tmp\\/foo.txt',
    matches: ['FOO'],
  },
  // BuildKit does not guarantee these partial forms, only that they do not crash.
  {
    input: '${FOO/$BAR/ww}',
    envs: { FOO: 'xxyy', BAR: '' },
    expected: 'wwxxyy',
    matches: ['FOO', 'BAR'],
  },
  { input: '${FOO//ww}', envs: { FOO: 'xxyy' }, error: true },
  { input: '${FOO//}', envs: { FOO: 'xxyy' }, error: true },
  { input: '${FOO///}', envs: { FOO: 'xxyy' }, expected: 'xxyy', matches: ['FOO'] },
  { input: '${FOO///}', envs: {}, expected: '', unmatched: ['FOO'] },
];

describe('TestProcessWithMatches', () => {
  it.each(withMatches)('$input', ({ input, envs, expected, error, matches, unmatched }) => {
    if (error) {
      expect(() => expandWithMatches(input, envs)).toThrow(ExpansionError);
      return;
    }
    const result = expandWithMatches(input, envs);
    expect(result.result).toBe(expected);
    expect(result.matched).toEqual(new Set(matches ?? []));
    expect(result.unmatched).toEqual(new Set(unmatched ?? []));
    expect(expand(input, envs)).toBe(expected);
  });
});

describe('TestProcessWithMatchesPlatform', () => {
  const release =
    'something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz';
  it.each([
    [{ TARGETARCH: 'arm', TARGETVARIANT: 'v7' }, 'something-v1.2.3.linux-arm-v7.tar.gz'],
    [{ TARGETARCH: 'arm64', TARGETVARIANT: '' }, 'something-v1.2.3.linux-arm64.tar.gz'],
    [{ TARGETARCH: 'arm64' }, 'something-v1.2.3.linux-arm64.tar.gz'],
  ])('%j', (platform, expected) => {
    const env = { VERSION: 'v1.2.3', TARGETOS: 'linux', ...platform };
    expect(expandWithMatches(release, env).result).toBe(expected);
  });
});

describe('matches and unmatched', () => {
  it('counts a modifier word even when it is not used, in the order first seen', () => {
    const r = expandWithMatches('${A:-$B}${C:+$D}', { A: 'a', D: 'd' });
    expect(r.result).toBe('a');
    expect([...r.matched]).toEqual(['A', 'D']);
    expect([...r.unmatched]).toEqual(['B', 'C']);
  });

  it('records special and positional parameters under their own names', () => {
    const r = expandWithMatches('$1 ${@} $# $10x', {});
    expect([...r.unmatched]).toEqual(['1', '@', '#', '10']);
  });

  it('returns the words as ProcessWords does', () => {
    const r = expandWithMatches('a $V "b c"', { V: 'x  y' });
    expect(r.words).toEqual(['a', 'x', 'y', 'b c']);
  });
});

describe("BuildKit's error messages", () => {
  const env = { SET: 'value', EMPTY: '', B: 'x' };
  it.each([
    ['${}', 'syntax error: bad substitution'],
    ['${:}', 'syntax error: bad substitution'],
    ['${{a}', 'syntax error: bad substitution'],
    ['${', "syntax error: missing '}'"],
    ['x${SET:-a', "syntax error: missing '}'"],
    ['${SET:-"a}', "syntax error: missing '}'"],
    ["${SET:-'a}", "syntax error: missing '}'"],
    ['${SET:-${B?x}', "syntax error: missing '}'"],
    ['${SET:-${B?x}}', 'value'],
    ['${SET:-${NOPE?x}}', 'NOPE: x'],
    ['${SET/a', "syntax error: missing '/' in ${}"],
    ['${SET/a/b', "syntax error: missing '}'"],
    // At the end of the word the modifier is Go's string(EOF), U+FFFD.
    ['${SET', 'unsupported modifier (\uFFFD) in substitution'],
    ['${SET:', "syntax error: missing '}'"],
    ['${SET x}', 'unsupported modifier ( ) in substitution'],
    ['${SET.x}', 'unsupported modifier (.) in substitution'],
    ['${SET😀}', 'unsupported modifier (😀) in substitution'],
    ['${SET=x}', 'unsupported modifier (=) in substitution'],
    ['${SET:=x}', 'unsupported modifier (:=) in substitution'],
    ['${SET:1}', 'unsupported modifier (:1) in substitution'],
    ['${SET:#x}', 'unsupported modifier (:#) in substitution'],
    ['${SET:%x}', 'unsupported modifier (:%) in substitution'],
    ['${#SET}', 'unsupported modifier (S) in substitution'],
    ['${NOPE?}', 'NOPE: is not allowed to be unset'],
    ['${NOPE:?}', 'NOPE: is not allowed to be unset'],
    ['${EMPTY:?}', 'EMPTY: is not allowed to be empty'],
    ['${NOPE?must be $B}', 'NOPE: must be x'],
    ['${EMPTY:?must be set}', 'EMPTY: must be set'],
    ["it's", 'unexpected end of statement while looking for matching single-quote'],
    ['say "hi', 'unexpected end of statement while looking for matching double-quote'],
    ['${SET#\\x}', "invalid pattern (\\x) in substitution: invalid escape '\\x'"],
    ['${SET/\\x/y}', "invalid pattern (\\x) in substitution: invalid escape '\\x'"],
    // `%` reverses the pattern before compiling it, and BuildKit reports the reversed text.
    ['${SET%a\\x}', "invalid pattern (\\xa) in substitution: invalid escape '\\x'"],
  ])('%s', (word, reason) => {
    let thrown: unknown;
    let value: string | undefined;
    try {
      value = expand(word, env);
    } catch (error) {
      thrown = error;
    }
    if (reason === 'value') {
      expect(value).toBe('value');
      return;
    }
    expect(thrown).toBeInstanceOf(ExpansionError);
    const error = thrown as ExpansionError;
    expect(error.reason).toBe(reason);
    expect(error.word).toBe(word);
  });

  it('wraps the reason like ProcessWord, quoting the word as Go %q does', () => {
    expect(() => expand('${NOPE?}', {})).toThrow(
      'failed to process "${NOPE?}": NOPE: is not allowed to be unset',
    );
    expect(() => expand('"a\\"\tb\n', {})).toThrow(
      'failed to process "\\"a\\\\\\"\\tb\\n": unexpected end of statement while looking for matching double-quote',
    );
  });
});

describe('quotes and escapes', () => {
  const env = { A: 'x y', E: '' };
  it.each([
    ['a\\ b', 'a b'],
    ['a\\\\b', 'a\\b'],
    ['trailing\\', 'trailing'],
    ["'$A \\\"'", '$A \\"'],
    ['"$A"', 'x y'],
    ['"\\$A"', '$A'],
    ['"a\\"b"', 'a"b'],
    ['"a\\\\b"', 'a\\b'],
    // In double quotes only ", $ and the escape char are escapable; a newline is not.
    ['"a\\\nb"', 'a\\\nb'],
    ['"a\\tb"', 'a\\tb'],
    ['$', '$'],
    ['$ A', '$ A'],
    ["$'A'", '$A'],
    ['$"A"', '$A'],
    ['${A}${E}!', 'x y!'],
  ])('%j -> %j', (word, expected) => {
    expect(expand(word, env)).toBe(expected);
  });

  it('drops a byte order mark at the start of the word, as Go text/scanner does', () => {
    expect(expand('\uFEFF$A', env)).toBe('x y');
    expect(expand('a\uFEFF', env)).toBe('a\uFEFF');
  });

  it('reads non-ASCII letters and digits as names, as Go unicode.IsLetter/IsDigit', () => {
    expect(expand('$한국어!', { 한국어: 'k' })).toBe('k!');
    expect(expand('$٣x', { '٣': 'three' })).toBe('threex');
  });
});

describe('options', () => {
  const env = { PWD: '/home', SHELL: 'bash', EMPTY: '' };

  it('escape: backtick escapes and backslash is literal', () => {
    const opts = { escape: '`' } as const;
    expect(expand('a`$PWD', env, opts)).toBe('a$PWD');
    expect(expand('C:\\Users\\$SHELL', env, opts)).toBe('C:\\Users\\bash');
    expect(expand('"q`"uote"', env, opts)).toBe('q"uote');
    expect(expand('"a\\b"', env, opts)).toBe('a\\b');
    expect(expand('a` b', env, opts)).toBe('a b');
    // Glob escapes are always backslashes, whatever the escape token.
    expect(expand('${STAR%\\*}', { STAR: 'ba*' }, opts)).toBe('ba');
    expect(expand('${SHELL#`b}', env, opts)).toBe('bash');
  });

  it('skipUnsetEnv: unset references are written back', () => {
    const opts = { skipUnsetEnv: true };
    expect(expand('$PWD $NOPE ${NOPE}', env, opts)).toBe('/home $NOPE ${NOPE}');
    expect(expand('${NOPE:-a} ${NOPE-$PWD} ${EMPTY:-e}', env, opts)).toBe(
      '${NOPE:-a} ${NOPE-/home} e',
    );
    // No error for an unset ${v?}: the reference is kept instead.
    expect(expand('${NOPE?msg} ${NOPE:=x}', env, opts)).toBe('${NOPE?msg} ${NOPE:=x}');
    // BuildKit writes `${v//a/b}` back with one slash.
    expect(expand('${NOPE/a/b} ${NOPE//a/b}', env, opts)).toBe('${NOPE/a/b} ${NOPE/a/b}');
    expect(expand('${NOPE#a*}', env, opts)).toBe('${NOPE#a*}');
  });

  it('rawQuotes: quotes stay in the result but still group', () => {
    const opts = { rawQuotes: true };
    expect(expand(`'a $PWD'"b $PWD"`, env, opts)).toBe(`'a $PWD'"b /home"`);
    expect(expandWords(`x "a b" 'c d'`, env, opts)).toEqual(['x', '"a b"', "'c d'"]);
  });

  it('rawEscapes: escape chars stay in the result but still escape', () => {
    const opts = { rawEscapes: true };
    expect(expand('a\\ b\\$PWD', env, opts)).toBe('a\\ b\\$PWD');
    expect(expandWords('a\\ b c', env, opts)).toEqual(['a\\ b', 'c']);
    expect(expand('"a\\"b\\$c"', env, opts)).toBe('a\\"b\\$c');
    // An escape that escapes nothing inside double quotes comes out twice (lex.go writes both).
    expect(expand('"a\\tb"', env, opts)).toBe('a\\\\tb');
    // The word of ${v:-w} is read with raw escapes off, whatever the option says.
    expect(expand('${NOPE:-a\\$b}', env, opts)).toBe('a$b');
  });

  it('rawQuotes + rawEscapes with no variables: how the parser finds heredocs', () => {
    const opts = { rawQuotes: true, rawEscapes: true };
    expect(expandWords('cat <<"EOF" > /x <<-\'A B\' <<e\\"of', {}, opts)).toEqual([
      'cat',
      '<<"EOF"',
      '>',
      '/x',
      "<<-'A B'",
      '<<e\\"of',
    ]);
  });

  it('skipProcessQuotes: quotes are ordinary characters', () => {
    const opts = { skipProcessQuotes: true };
    expect(expand(`'$PWD' "$SHELL"`, env, opts)).toBe(`'/home' "bash"`);
    expect(expand('\\"x', env, opts)).toBe('"x');
    expect(expandWords('"a b"', env, opts)).toEqual(['"a', 'b"']);
    expect(expand("it's", env, opts)).toBe("it's");
  });
});

describe('expandWords', () => {
  const env = { SPACE: 'a  b', EMPTY: '', TABS: '\tx\ny\u00a0z\u2003w' };
  it.each([
    ['', []],
    ['   ', []],
    ['a b\tc\nd', ['a', 'b', 'c', 'd']],
    ['$SPACE', ['a', 'b']],
    ['"$SPACE"', ['a  b']],
    ['x$SPACE"y"', ['xa', 'by']],
    ['a\\ b', ['a b']],
    // Go's unicode.IsSpace: NBSP and EM SPACE split too.
    ['$TABS', ['x', 'y', 'z', 'w']],
    // Empty words vanish, quoted or not.
    ['"" $EMPTY \'\' a', ['a']],
    // Text before a ${v:-w} stays in its word.
    ['80${NOPE:-/tcp} 443', ['80/tcp', '443']],
  ] as const)('%j', (word, expected) => {
    expect(expandWords(word, env)).toEqual(expected);
  });
});
