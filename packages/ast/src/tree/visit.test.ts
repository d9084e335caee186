import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parse.js';
import { visit } from './visit.js';

const text =
  '# syntax=docker/dockerfile:1\n# base\nFROM node:22 AS build\nRUN npm ci\nONBUILD RUN make\nFROM nginx\n';

describe('visit', () => {
  it('walks in document order, triggers after their ONBUILD', () => {
    const seen: string[] = [];
    const done = visit(parse(text), {
      directive: (n) => void seen.push(`directive ${n.name}`),
      comment: (n) => void seen.push(`comment ${n.text}`),
      instruction: (n, ctx) =>
        void seen.push(`${n.keyword}@${ctx.index}${ctx.onbuild ? ' (trigger)' : ''}`),
      FROM: (n) => void seen.push(`FROM ${n.args[0]}`),
    });
    expect(done).toBe(true);
    expect(seen).toEqual([
      'directive syntax',
      'comment base',
      'FROM@2',
      'FROM node:22',
      'RUN@3',
      'ONBUILD@4',
      'RUN@0 (trigger)',
      'FROM@5',
      'FROM nginx',
    ]);
  });

  it('gives the ONBUILD as the parent of its trigger', () => {
    const tree = parse(text);
    const parents: unknown[] = [];
    visit(tree, { RUN: (_n, ctx) => void parents.push(ctx.parent) });
    expect(parents[0]).toBe(tree);
    expect(parents[1]).toBe(tree.children[4]);
  });

  it('stops when a callback returns false', () => {
    const seen: string[] = [];
    const done = visit(parse(text), {
      instruction: (n) => {
        seen.push(n.keyword);
        return n.keyword !== 'RUN';
      },
    });
    expect(done).toBe(false);
    expect(seen).toEqual(['FROM', 'RUN']);
  });

  it('stops from a keyword callback too', () => {
    const seen: string[] = [];
    visit(parse(text), {
      instruction: (n) => void seen.push(n.keyword),
      ONBUILD: () => false,
    });
    expect(seen).toEqual(['FROM', 'RUN', 'ONBUILD']);
  });
});
