import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // Browser tests poll the page; under the whole suite on 2 cores a page can take seconds to settle (the 1 s default flaked).
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
  },
});
