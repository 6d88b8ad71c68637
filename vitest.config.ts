import { defineConfig } from 'vitest/config';

/**
 * Test layers (README.md, "Architecture"): unit, http (in-process app.request), collab (real server on
 * port 0 with real y-websocket clients), e2e (Debian's Chromium), reliability and security.
 * tests/run-all.ts runs them all and prints the closing "N passed, N failed" line.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'], environment: 'node' } },
      { test: { name: 'http', include: ['tests/http/**/*.test.ts'], environment: 'node' } },
      // Export (issue 14): files opened by LibreOffice and pdftotext.
      { test: { name: 'export', include: ['tests/export/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 300_000 } },
      {
        test: {
          name: 'collab',
          include: ['tests/collab/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts', 'tests/security/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
