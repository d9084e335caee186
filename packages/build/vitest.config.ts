import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { include: ['src/**/*.test-d.ts'] },
    // Engine and registry tests start daemons and build images.
    testTimeout: 300_000,
    hookTimeout: 180_000,
    // Engine tests share one engine (and a second one they start): keep files sequential.
    fileParallelism: false,
  },
});
