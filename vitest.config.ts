import { defineConfig } from 'vitest/config';

/**
 * Test layers (README.md, "Architecture"): unit, http (in-process app.request), collab (real server on
 * port 0 with real y-websocket clients), e2e (Debian's Chromium), reliability and security.
 * tests/run-all.ts runs them all and prints the closing "N passed, N failed" line.
 *
 * The layers that drive real sockets, Chromium and LibreOffice (export, collab, e2e) run a failed
 * test once more: a machine busier than this one can miss a wait there. A test that passes only on
 * its second run is still named, with its first failure, above the closing line (run-all.ts).
 */
const RETRY_ONCE = 1;
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'], environment: 'node' } },
      { test: { name: 'http', include: ['tests/http/**/*.test.ts'], environment: 'node' } },
      // Export (issue 14): files opened by LibreOffice and pdftotext.
      { test: { name: 'export', include: ['tests/export/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 300_000, retry: RETRY_ONCE } },
      {
        test: {
          name: 'collab',
          include: ['tests/collab/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          retry: RETRY_ONCE,
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
          retry: RETRY_ONCE,
        },
      },
    ],
  },
});
