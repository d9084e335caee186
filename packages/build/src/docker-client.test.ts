import { describe, expect, it } from 'vitest';
import { runClient } from './docker-client.js';

describe('runClient', () => {
  it('hands every chunk on, and keeps only the end of a long output', async () => {
    const script =
      "const big = 'x'.repeat(1 << 20); for (let i = 0; i < 8; i++) { process.stdout.write(big); process.stderr.write(big); } process.stdout.write('\\nthe end\\n'); process.stderr.write('\\nlast line\\n');";
    let streamed = 0;
    const r = await runClient(process.execPath, ['-e', script], {
      env: process.env,
      onStderr: (chunk) => {
        streamed += chunk.length;
      },
    });
    expect(r.code).toBe(0);
    expect(streamed).toBe(8 * (1 << 20) + '\nlast line\n'.length);
    expect(r.stderr.endsWith('x\nlast line\n')).toBe(true);
    expect(r.stdout.endsWith('x\nthe end\n')).toBe(true);
    expect(r.stderr.length).toBeLessThanOrEqual(256 * 1024);
    expect(r.stdout.length).toBeLessThanOrEqual(256 * 1024);
  });
});
