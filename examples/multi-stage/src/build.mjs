// The "build": copies the modules the server needs into dist/, without the tests.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

const src = new URL('./', import.meta.url);
const dist = new URL('../dist/', import.meta.url);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
for (const file of readdirSync(src)) {
  if (file.endsWith('.mjs') && !file.endsWith('.test.mjs') && file !== 'build.mjs') {
    cpSync(new URL(file, src), new URL(file, dist));
  }
}
console.log(`built ${readdirSync(dist).join(', ')}`);
