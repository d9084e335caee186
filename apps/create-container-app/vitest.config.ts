import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Engine tests build images and install dependencies from the npm registry.
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // Engine tests compare rebuild times: keep files sequential so builds do not compete.
    fileParallelism: false,
  },
});
