import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only the examples' own test: multi-stage/src has tests of its own, run inside its image.
    include: ['examples.test.mjs'],
    // Image builds install packages (apt from Debian's mirror for nginx).
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
