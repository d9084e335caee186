// Writes docs/rules.md from the rules' metadata (run after the build:
// `pnpm --filter @dockwright/lint docs`). A test fails when the page is stale.
import { writeFileSync } from 'node:fs';
import { rulesDoc } from '../dist/rules-doc.js';

const target = new URL('../../../docs/rules.md', import.meta.url);
writeFileSync(target, rulesDoc());
console.log(`wrote ${target.pathname}`);
