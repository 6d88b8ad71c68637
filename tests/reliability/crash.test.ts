/**
 * Crash: the real server (child process) is killed with SIGKILL at a seeded random moment
 * while 20 people type 5–10 edits per second in 4 chapters, and restarted on the same
 * database and port. Nothing that any client was told is stored (Saved) or had received
 * from the server may be missing; SQLite's integrity check passes; the same clients
 * reconnect and all documents converge within 5 s. Seeds run one after another on the same
 * database (5 in tier A, 20 in tier B).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { mulberry32 } from '../helpers/random.ts';
import * as Y from 'yjs';
import { missingFrom, startTyping } from '../helpers/reliability/writers.ts';
import { readStoredDocs } from '../helpers/reliability/storedDocs.ts';
import { allDisconnected, convergence, lostUpdates, startCrowd, type Crowd } from '../helpers/reliability/crowd.ts';
import { figure, percentile, r1, tier } from '../helpers/reliability/figures.ts';

const SEEDS = tier(5, 20);
const FIRST_SEED = Number(process.env.CRASH_SEED ?? 6001);

let server: RunningServer | null = null;
let crowd: Crowd | null = null;
afterAll(async () => {
  crowd?.close();
  await server?.kill();
});

describe('crash with SIGKILL while 20 people type', () => {
  it(`loses nothing confirmed or relayed, keeps SQLite intact and converges within 5 s (${SEEDS} seeds)`, async () => {
    server = await startServer({ env: { COMPACT_AFTER_UPDATES: '200' } });
    const { dataDir, port } = server;
    crowd = await startCrowd(server.url, server.wsUrl, 20, 4);
    const runs: { seed: number; typedMs: number; edits: number; confirmedClients: number; lost: number; convergeMs: number }[] = [];
    for (let i = 0; i < SEEDS; i++) {
      const seed = FIRST_SEED + i;
      const rnd = mulberry32(seed);
      const edits0 = crowd.writers.reduce((n, w) => n + w.edits, 0);
      const typedMs = 1000 + Math.floor(rnd() * 3000);
      const typing = startTyping(crowd.writers, rnd);
      await new Promise((r) => setTimeout(r, typedMs));
      await server.kill();
      typing.stop();
      await allDisconnected(crowd);

      const stored = readStoredDocs(dataDir, crowd.chapters);
      expect(stored.integrity).toBe('ok');
      const lost = lostUpdates(crowd, stored);
      // The evidence is not empty: against an empty document it would count as lost.
      expect(crowd.writers.some((w) => missingFrom(new Y.Doc(), w.received) > 0 && missingFrom(new Y.Doc(), w.confirmed) > 0)).toBe(true);
      for (const d of stored.docs.values()) d.destroy();
      expect(lost, `seed ${seed}: confirmed or relayed updates missing after the crash`).toMatchObject({ confirmedLost: 0, receivedLost: 0 });
      expect(lost.confirmedClients, `seed ${seed}: no client got any confirmation`).toBeGreaterThan(0);

      server = await startServer({ dataDir, port, env: { COMPACT_AFTER_UPDATES: '200' } });
      const convergeMs = await convergence(server.wsUrl, crowd, 5000).catch((err: Error) => {
        throw new Error(`seed ${seed}: ${err.message}`);
      });
      const edits = crowd.writers.reduce((n, w) => n + w.edits, 0) - edits0;
      runs.push({ seed, typedMs, edits, confirmedClients: lost.confirmedClients, lost: lost.confirmedLost + lost.receivedLost, convergeMs: r1(convergeMs) });
      console.log(`crash seed ${seed}: killed after ${typedMs} ms, ${edits} edits, 0 lost, converged in ${r1(convergeMs)} ms`);
    }
    const converge = runs.map((r) => r.convergeMs);
    figure('crash', {
      seeds: `${FIRST_SEED}..${FIRST_SEED + SEEDS - 1}`,
      runs: runs.length,
      editsTyped: runs.reduce((n, r) => n + r.edits, 0),
      lost: runs.reduce((n, r) => n + r.lost, 0),
      integrity: 'ok',
      convergeMaxMs: Math.max(...converge),
      convergeP50Ms: percentile(converge, 50),
    });
  });
});
