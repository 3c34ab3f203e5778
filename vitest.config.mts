import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    globalSetup: ['test/support/build-workers.ts', 'test/support/temp-root.ts'],
    testTimeout: 30000,
  },
});
