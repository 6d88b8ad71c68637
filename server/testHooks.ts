/**
 * Test hooks for crash tests that run the real server as a child process. Inert unless the
 * environment variable TEST_HOOKS is set; production never sets it (README/docs/reliability.md).
 *
 * TEST_HOOKS is a comma-separated list of:
 * - `compaction-pause`: inside compaction's SQLite transaction, after the new state row is
 *   written and before the old update rows are deleted, print `TEST_HOOK compaction-paused`
 *   to stderr and block the process for 60 s, so a test can SIGKILL it exactly there.
 */
import fs from 'node:fs';
import type { DocumentStoreHooks } from './storage/documents.ts';

/** Stderr line printed when compaction is paused between its steps. */
export const COMPACTION_PAUSED_MARKER = 'TEST_HOOK compaction-paused';

/** Document-store hooks requested by TEST_HOOKS; an empty object when it is unset. */
export function documentHooksFromEnv(env: Record<string, string | undefined> = process.env): DocumentStoreHooks {
  const hooks = new Set((env.TEST_HOOKS ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const out: DocumentStoreHooks = {};
  if (hooks.has('compaction-pause')) {
    out.compactionStep = () => {
      fs.writeSync(2, `${COMPACTION_PAUSED_MARKER}\n`);
      // Block synchronously inside the transaction: the test kills the process here.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    };
  }
  return out;
}
