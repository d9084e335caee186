import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Engine tests build images and install dependencies from the npm registry.
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // Files run one after another; inside the engine test files, up to three projects at a
    // time (describe.concurrent), so one's wait for its first HEALTHCHECK (10 s) overlaps
    // another's build.
    fileParallelism: false,
    maxConcurrency: 3,
  },
});
