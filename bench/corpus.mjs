// The benchmark corpus: every Dockerfile fixture in the repository, repeated until the text
// reaches the target size. Fixtures come from BuildKit's parser corpus (Apache-2.0, see
// packages/ast/test/fixtures/buildkit-parser/NOTICE.md) and this project's own shapes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = new URL('../packages/ast/test/fixtures/', import.meta.url).pathname;

/** Every valid fixture Dockerfile (negative cases left out), as [name, text]. */
export function fixtureFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (entry !== 'testfiles-negative') walk(path);
      } else if (entry === 'Dockerfile') {
        out.push([path.slice(fixtures.length), readFileSync(path, 'utf8')]);
      }
    }
  };
  walk(fixtures);
  return out;
}

/** The fixtures repeated (each ending in a newline) until at least `bytes` long. */
export function corpusText(bytes = 1 << 20) {
  const files = fixtureFiles()
    // Directives only count at the top of a file; drop the BOM so the repeats stay plain.
    .map(([, text]) => text.replace(/^\ufeff/, ''))
    .map((text) => (text.endsWith('\n') ? text : `${text}\n`));
  const unit = files.join('');
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
}

/** The fixtures repeated as separate files until their total reaches `bytes`. */
export function corpusFiles(bytes = 1 << 20) {
  const files = fixtureFiles().map(([, text]) => text);
  const out = [];
  let total = 0;
  while (total < bytes) {
    for (const text of files) {
      out.push(text);
      total += Buffer.byteLength(text);
    }
  }
  return { files: out, bytes: total };
}
