import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type InstructionNode, parse } from '@dockwright/ast';
import { describe, expect, it } from 'vitest';
import { parseSpecFile } from '../test/spec-file.js';
import { keywordSet } from './internal/keyword-set.js';
import { RuleContext } from './rule-context.js';
import { allRules } from './rules/all-rules.js';
import type { LintOptions, Rule } from './types.js';

// The linter does not run a rule where none of its `keywords` is (see RuleMeta.keywords): this
// runs every rule where it is skipped, over every Dockerfile of the specifications, each also
// without the instructions of one keyword (for every keyword it has), and each of those wrapped
// in ONBUILD, and checks it would have reported nothing there. A rule declaring too few keywords
// fails here.

const root = join(import.meta.dirname, '../test');

interface Sample {
  readonly name: string;
  readonly text: string;
  readonly options: LintOptions;
}

/** Every Dockerfile of the specifications, with its options. */
function samples(): Sample[] {
  const files = [
    ...readdirSync(join(root, 'rules')).map((f) => `rules/${f}`),
    ...readdirSync(join(root, 'buildkit')).map((f) => `buildkit/${f}`),
    ...readdirSync(root),
  ].filter((f) => f.endsWith('.md'));
  const found: Sample[] = [];
  for (const file of files) {
    const spec = parseSpecFile(readFileSync(join(root, file), 'utf8'), file);
    for (const c of spec.cases) {
      const text = `${c.dockerfile}\n`;
      const options: LintOptions = {
        ...c.options,
        ...(c.dockerignore !== null ? { dockerignore: c.dockerignore } : {}),
      };
      const name = `${file}: ${c.title}`;
      found.push({ name, text, options });
      found.push({ name: `${name} (ONBUILD)`, text: inOnbuild(text), options });
      // A rule reporting an ADD only in files that also have a COPY, declared as a rule about
      // COPY alone, is caught only once the COPYs are gone.
      for (const keyword of new Set(instructions(text).map((n) => n.keyword))) {
        const without = withoutKeyword(text, keyword);
        found.push({ name: `${name} (no ${keyword})`, text: without, options });
        found.push({ name: `${name} (no ${keyword}, ONBUILD)`, text: inOnbuild(without), options });
      }
    }
  }
  return found;
}

/** The instructions of a Dockerfile that have a place in its text. */
function instructions(text: string): InstructionNode[] {
  return parse(text).children.filter(
    (c): c is InstructionNode => c.type === 'instruction' && c.position !== undefined,
  );
}

/** The Dockerfile with every instruction but FROM made an ONBUILD trigger. */
function inOnbuild(text: string): string {
  let out = '';
  let at = 0;
  for (const c of instructions(text)) {
    if (c.keyword === 'FROM') continue;
    out += `${text.slice(at, c.position!.offset)}ONBUILD `;
    at = c.position!.offset;
  }
  return out + text.slice(at);
}

/** The Dockerfile without its instructions of one keyword (comments and directives kept). */
function withoutKeyword(text: string, keyword: string): string {
  let out = '';
  let at = 0;
  for (const c of instructions(text)) {
    if (c.keyword !== keyword) continue;
    out += text.slice(at, c.position!.offset);
    at = c.position!.endOffset;
  }
  return out + text.slice(at);
}

/** Each sample's context, made once and shared by the rules, as the linter shares it. */
const contexts = new Map<Sample, RuleContext>();

/**
 * The findings `rule` gives in the contexts (the file, and its ONBUILD view for an `onbuild`
 * rule) where its `keywords` would have it skipped.
 */
function reportedWhereSkipped(rule: Rule, keywords: readonly string[], sample: Sample): string[] {
  const about = keywordSet(keywords);
  let ctx = contexts.get(sample);
  if (!ctx) {
    ctx = new RuleContext(parse(sample.text), sample.options);
    contexts.set(sample, ctx);
  }
  const views = rule.meta.onbuild ? [ctx, ctx.onbuildView()] : [ctx];
  const reported: string[] = [];
  for (const view of views) {
    if ((view.keywords & about) !== 0) continue;
    rule.check(view, (_node, message) => reported.push(`${sample.name}: ${message}`));
  }
  return reported;
}

describe('rule keywords', () => {
  const all = samples();

  for (const rule of allRules) {
    const { id, keywords } = rule.meta;
    if (!keywords) continue;
    it(`${id} reports nothing where none of ${keywords.join(', ')} is`, () => {
      const wrong = all.flatMap((s) => reportedWhereSkipped(rule, keywords, s));
      expect(wrong).toEqual([]);
    });
  }

  it('catches a rule declaring keywords it is not about', () => {
    // DL3020 is about ADD: declared as a rule about COPY, it reports where it would be skipped.
    const dl3020 = allRules.find((r) => r.meta.id === 'DL3020')!;
    const wrong = all.flatMap((s) => reportedWhereSkipped(dl3020, ['COPY'], s));
    expect(wrong.length).toBeGreaterThan(0);
  });

  it('declares only keywords BuildKit knows', () => {
    for (const rule of allRules) {
      for (const k of rule.meta.keywords ?? [])
        expect(keywordSet([k]), `${rule.meta.id}`).not.toBe(0);
    }
  });
});
