// Relative links in Markdown files: each must name a file or folder that exists and, for a
// Markdown target, an anchor that one of its headings (GitHub's slugs) or `<a id>` defines.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** @param {string} text */
function withoutCode(text) {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading slug: lower case, punctuation dropped, spaces to dashes. */
function slug(/** @type {string} */ heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** @type {Map<string, Set<string>>} */
const anchorCache = new Map();
/** @param {string} file */
function anchors(file) {
  let set = anchorCache.get(file);
  if (!set) {
    set = new Set();
    const text = readFileSync(file, 'utf8');
    /** @type {Map<string, number>} */
    const seen = new Map();
    for (const m of text
      .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
      .matchAll(/^#{1,6}\s+(.*?)\s*#*$/gm)) {
      const s = slug(m[1] ?? '');
      const n = seen.get(s) ?? 0;
      seen.set(s, n + 1);
      set.add(n === 0 ? s : `${s}-${n}`);
    }
    for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) set.add(m[1] ?? '');
    anchorCache.set(file, set);
  }
  return set;
}

/**
 * Broken relative links in the given Markdown files, as "file: link (why)".
 * @param {string} root
 * @param {readonly string[]} files absolute paths
 * @returns {string[]}
 */
export function brokenLinks(root, files) {
  const broken = [];
  for (const file of files) {
    const text = withoutCode(readFileSync(file, 'utf8'));
    const targets = [
      ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? ''),
      ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1] ?? ''),
    ];
    for (const link of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? file : join(dirname(file), decodeURIComponent(path));
      const where = `${relative(root, file)}: ${link}`;
      if (!existsSync(target)) broken.push(`${where} (no such file)`);
      else if (anchor && target.endsWith('.md') && statSync(target).isFile()) {
        if (!anchors(target).has(decodeURIComponent(anchor)))
          broken.push(`${where} (no such anchor)`);
      }
    }
  }
  return broken;
}
