import { dumpInstruction, envPairs, type InstructionNode, parse } from '@dockwright/ast';
import { describe, expect, it } from 'vitest';
import { applyFixes } from './apply-fixes.js';
import { wordMeaning } from './internal/word-meaning.js';
import { lint } from './lint.js';

const fix = (text: string): string => applyFixes(text).output;

describe('applyFixes', () => {
  it.each([
    ['ENV a b c\n', 'ENV a="b c"\n'],
    ['ENV PORT 8080\n', 'ENV PORT=8080\n'],
    ['env  A   x\n', 'ENV A=x\n'], // the casing fix applies too: the file is upper-case
    ['ENV ONE TWO= THREE=world\n', 'ENV ONE="TWO= THREE=world"\n'],
    ['ENV a "b c" d\n', 'ENV a="b c"\\ d\n'],
    ["ENV a 'x y' $HOME\n", "ENV a='x y'\\ $HOME\n"],
    ['LABEL desc my app\n', 'LABEL desc="my app"\n'],
    ['CMD node server.js\n', 'CMD ["node", "server.js"]\n'],
    ['ENTRYPOINT  /app/run --port 80\n', 'ENTRYPOINT ["/app/run", "--port", "80"]\n'],
    ['CMD node $APP\n', 'CMD node $APP\n'],
    ['CMD node a.js && echo\n', 'CMD node a.js && echo\n'],
    ['CMD exec node a.js\n', 'CMD exec node a.js\n'],
    ['CMD "node" a.js\n', 'CMD "node" a.js\n'],
  ])('%j → %j', (body, expected) => {
    const out = fix(`FROM alpine:3.20\nUSER app\n${body}`);
    expect(out).toBe(`FROM alpine:3.20\nUSER app\n${expected}`);
  });

  it('keeps the meaning of legacy ENV values (envPairs before and after)', () => {
    for (const value of [
      'a b c',
      '"b c" d',
      "'x  y'   z",
      'TWO= THREE=world',
      'a\\ b  c',
      '$X ${Y:-a b}',
      'x"y z"',
    ]) {
      const before = parse(`FROM a\nENV K ${value}\n`);
      const after = parse(applyFixes(`FROM a\nENV K ${value}\n`).output);
      const pb = envPairs(before.children[1] as InstructionNode);
      const pa = envPairs(after.children[1] as InstructionNode);
      expect(pa.map((p) => p.key)).toEqual(pb.map((p) => p.key));
      expect(pa.map((p) => wordMeaning(p.rawValue, '\\'))).toEqual(
        pb.map((p) => wordMeaning(p.rawValue, '\\')),
      );
      expect(pb.every((p) => wordMeaning(p.rawValue, '\\') !== null)).toBe(true);
    }
  });

  it('fixes casing of keywords, AS and stage names with their references', () => {
    const text =
      'FROM golang:1.23 as Build\nrun go build\nFROM alpine:3.20\nCOPY --from=Build /out /out\nRUN --mount=type=bind,from=Build,target=/b true\nUSER app\n';
    expect(fix(text)).toBe(
      'FROM golang:1.23 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /out /out\nRUN --mount=type=bind,from=build,target=/b true\nUSER app\n',
    );
  });

  it('keeps untouched instructions byte for byte (same dump, same bytes)', () => {
    const untouched = [
      'RUN apt-get update && \\\n    apt-get install -y curl   \n',
      'COPY  --chown=1000   a  b/\n',
      'RUN <<EOF\necho   hi\nEOF\n',
    ];
    const text = `FROM alpine:3.20\n${untouched.join('')}ENV a b\nUSER app\n`;
    const out = fix(text);
    for (const u of untouched) expect(out).toContain(u);
    const dumps = (t: string): string[] =>
      parse(t)
        .children.filter(
          (c): c is InstructionNode => c.type === 'instruction' && c.keyword !== 'ENV',
        )
        .map(dumpInstruction);
    expect(dumps(out)).toEqual(dumps(text));
  });

  it('works with the backtick escape', () => {
    expect(fix('# escape=`\nFROM alpine:3.20\nUSER app\nENV a b c\n')).toBe(
      '# escape=`\nFROM alpine:3.20\nUSER app\nENV a="b c"\n',
    );
  });
});

describe('what is left after fixing', () => {
  it.each([
    'FROM alpine AS Build\nENV a b c\nCMD node app.js\n',
    'FROM alpine:3.20\nRUN apt-get install curl\n',
    'FROM a\n',
  ])('%j: remaining is what lint reports for the output', (text) => {
    const { output, remaining } = applyFixes(text);
    expect(remaining).toEqual(lint(output));
  });
});
