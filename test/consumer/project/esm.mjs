// An ES module script in a new npm project: every library imports and does its job.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse, print } from '@dockwright/ast';
import { lint } from '@dockwright/lint';
import { dockerfile } from '@dockwright/sdk';

const text = dockerfile()
  .from('python:3.12-slim')
  .workdir('/app')
  .copy('requirements.txt', '.')
  .run('pip install -r requirements.txt')
  .copy('.', '.')
  .cmd(['python', 'main.py'])
  .toString();
assert.match(text, /^FROM python:3\.12-slim\nWORKDIR \/app\n/);
assert.equal(print(parse(text)), text);
const rules = lint('FROM node:22 AS Build\nCMD node server.js\n').map((f) => f.ruleId);
assert.ok(rules.includes('StageNameCasing'), `lint found ${rules.join(', ')}`);

// Every published library, including ones added later, loads as an ES module.
const libraries = JSON.parse(readFileSync(new URL('./libraries.json', import.meta.url), 'utf8'));
for (const name of libraries) {
  const names = Object.keys(await import(name));
  assert.ok(names.length > 0, `${name} has no exports`);
}
console.log(`esm: ${libraries.join(', ')} import and work`);
