/**
 * Commits run in the commit worker (server/storage/backgroundAppend.ts), so that a slow disk
 * delays only what waits for it (confirmations, relays), not every socket of the server.
 * In-process server on a database file; real y-websocket clients.
 *
 * - A disk that holds every write for 1 s (another connection keeps SQLite's write lock, as an
 *   fsync stuck behind a busy disk would): the event loop stays free (before the worker, it
 *   stalled for the whole second), nobody is told an unstored edit is saved, and afterwards
 *   everything is stored.
 * - The worker dies while people type: the server commits on the main thread from then on,
 *   and nothing is lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { waitFor } from '../helpers/server.ts';
import { mulberry32 } from '../helpers/random.ts';
import { convergence, startCrowd, type Crowd } from '../helpers/reliability/crowd.ts';
import { missingFrom, startTyping } from '../helpers/reliability/writers.ts';
import { startWatchdog } from '../helpers/reliability/watchdog.ts';
import { figure, r1 } from '../helpers/reliability/figures.ts';
import { storedDoc } from '../helpers/reliability/storedDocs.ts';

let server: InProcessServer | null = null;
let crowd: Crowd | null = null;
afterEach(async () => {
  crowd?.close();
  crowd = null;
  await server?.close();
  server = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Items some writer typed that the database lacks (read as a restart would). */
function lostFromStorage(s: InProcessServer, c: Crowd): number {
  return c.writers.reduce((n, w) => n + missingFrom(storedDoc(s.services.stores.documents, w.chapterId), w.client.doc), 0);
}

async function allStored(s: InProcessServer, c: Crowd): Promise<void> {
  for (const id of c.chapters) await new Promise<void>((r) => s.collab.registry.rooms.get(id)!.whenStored(r));
}

/** An in-process server whose commit worker runs, and 6 people typing in 2 chapters for 1 s. */
async function typingWithWorker(seed: number) {
  const s = (server = await startInProcessServer());
  const writes = s.collab.registry.writes;
  await waitFor(() => writes.background?.ready === true, 'the commit worker to start', 5000);
  const c = (crowd = await startCrowd(s.url, s.wsUrl, 6, 2));
  const typing = startTyping(c.writers, mulberry32(seed));
  await sleep(1000);
  return { s, c, writes, typing };
}

describe('commits off the event loop', () => {
  it('a disk that holds writes for 1 s delays confirmations, not the event loop; everything is stored afterwards', async () => {
    const { s, c, writes, typing } = await typingWithWorker(7001);

    const blocker = new Database(s.services.db.name);
    const commitsBefore = writes.commits;
    const watchdog = startWatchdog();
    const holdStart = performance.now();
    blocker.exec('BEGIN IMMEDIATE');
    await sleep(1000);
    const commitsDuring = writes.commits - commitsBefore;
    blocker.exec('COMMIT');
    const holdEnd = performance.now();
    blocker.close();
    await sleep(500);
    const stallMs = watchdog.maxStallMs();
    watchdog.stop();
    typing.stop();

    // Saved answers to queries sent during the hold came only after it (nothing unstored confirmed).
    const confirmations = c.writers.flatMap((w) => w.confirmations);
    const early = confirmations.filter((x) => x.sentAt > holdStart + 10 && x.at < holdEnd);
    const waitedForDisk = confirmations.filter((x) => x.sentAt > holdStart + 10 && x.sentAt < holdEnd && x.at >= holdEnd);
    await convergence(s.wsUrl, c, 5000);
    await allStored(s, c);
    const lost = lostFromStorage(s, c);
    figure('slow disk (write lock held 1 s)', { maxStallMs: r1(stallMs), commitsDuringHold: commitsDuring, confirmationsOfUnstored: early.length, confirmationsThatWaited: waitedForDisk.length, lost });

    expect(stallMs).toBeLessThan(200);
    expect(commitsDuring).toBe(0);
    expect(early).toEqual([]);
    expect(waitedForDisk.length).toBeGreaterThan(0);
    expect(lost).toBe(0);
  });

  it('if the commit worker dies while people type, the server commits on the main thread and loses nothing', async () => {
    const { s, c, writes, typing } = await typingWithWorker(7002);
    // A crash of the worker thread, possibly with a batch in flight.
    await (writes.background as unknown as { worker: Worker }).worker.terminate();
    expect(writes.background?.ready).toBe(false);
    const commitsAfterCrash = writes.commits;
    const confirmedBefore = c.writers.map((w) => w.confirmations.length);
    await sleep(1500);
    typing.stop();
    expect(writes.commits).toBeGreaterThan(commitsAfterCrash);
    expect(c.writers.every((w, i) => w.confirmations.length > confirmedBefore[i])).toBe(true);
    await convergence(s.wsUrl, c, 5000);
    await allStored(s, c);
    expect(lostFromStorage(s, c)).toBe(0);
  });
});
