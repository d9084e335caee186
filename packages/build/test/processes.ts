import { readdirSync, readFileSync } from 'node:fs';

/** Processes whose command line contains `needle` (build steps run as host processes). */
export function processesWith(needle: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(needle))
        out.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return out.filter((pid) => pid !== process.pid);
}

/** Waits until no process has `needle` in its command line, or `ms` passed; those left. */
export async function processesGone(needle: string, ms: number): Promise<number[]> {
  let left = processesWith(needle);
  for (const until = Date.now() + ms; left.length > 0 && Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 250));
    left = processesWith(needle);
  }
  return left;
}
