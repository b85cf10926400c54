import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Loads the phone rules (core/fields/phone.ts), which commands load on demand, for tests calling core directly.
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // LibreOffice and Chromium suites spawn heavy processes: keep files from piling up on 2 cores.
    maxWorkers: 2,
  },
});
