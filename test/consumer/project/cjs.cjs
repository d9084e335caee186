// A CommonJS script in a new npm project: require() gets the CommonJS build, which works
// without Node's require(esm) (the consumer test runs this with --no-experimental-require-module
// where Node has that flag, as Node 20.12 to 20.18 behave).
const assert = require('node:assert/strict');
const { parse, print } = require('@dockwright/ast');
const { lint } = require('@dockwright/lint');
const { dockerfile } = require('@dockwright/sdk');

const text = dockerfile()
  .from('node:22-slim')
  .workdir('/app')
  .cmd(['node', 'server.js'])
  .toString();
assert.equal(text, 'FROM node:22-slim\nWORKDIR /app\nCMD ["node", "server.js"]\n');
assert.equal(print(parse(text)), text);
assert.ok(lint('FROM node:22 AS Build\n').some((f) => f.ruleId === 'StageNameCasing'));

const libraries = require('./libraries.json');
for (const name of libraries) {
  const entry = require.resolve(name);
  assert.match(entry, /[\\/]dist[\\/]cjs[\\/]/, `${name} resolved to ${entry}`);
  assert.ok(Object.keys(require(name)).length > 0, `${name} has no exports`);
}
console.log(`cjs: ${libraries.join(', ')} require and work`);
