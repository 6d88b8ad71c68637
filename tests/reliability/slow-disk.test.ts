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
 * - A newcomer asks for the chapter while an edit is being written and a later one waits: its
 *   first sync carries the stored edit only; the later one follows as a relay once stored.
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
import * as Y from 'yjs';
import { login } from '../helpers/server.ts';
import { chapterIds, DEMO } from '../helpers/demo.ts';
import { appendParagraph, connectClient, fragmentText, rawSocket, type TestClient } from '../helpers/yclient.ts';
import * as frames from '../helpers/frames.ts';

let server: InProcessServer | null = null;
let crowd: Crowd | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  crowd?.close();
  crowd = null;
  for (const c of clients.splice(0)) c.destroy();
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
  writes.writer.startWorker();
  await waitFor(() => writes.writer.worker?.ready === true, 'the commit worker to start', 5000);
  const c = (crowd = await startCrowd(s.url, s.wsUrl, 6, 2));
  const typing = startTyping(c.writers, mulberry32(seed));
  await sleep(1000);
  return { s, c, writes, typing };
}

describe('commits off the event loop', () => {
  it('a disk that holds writes for 1 s delays confirmations, not the event loop; everything is stored afterwards', async () => {
    const { s, c, writes, typing } = await typingWithWorker(7001);

    const blocker = new Database(s.services.db.name);
    const watchdog = startWatchdog();
    const holdStart = performance.now();
    blocker.exec('BEGIN IMMEDIATE');
    // A commit the worker finished just before the lock may be answered a moment later: count from then.
    await sleep(20);
    const commitsBefore = writes.commits;
    await sleep(980);
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
    await (writes.writer.worker as unknown as { worker: Worker }).worker.terminate();
    expect(writes.writer.worker?.ready).toBe(false);
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

  it("a newcomer's first sync carries only stored edits, even while later edits wait for the disk", async () => {
    // The answer to a sync step 1 is sent once everything applied before it is stored. With
    // commits in the worker, later edits keep arriving meanwhile: they must not ride along.
    let failing = false;
    const s = (server = await startInProcessServer({
      documentHooks: {
        beforeWrite: () => {
          if (failing) throw new Error('SQLITE_IOERR (simulated disk failure)');
        },
      },
    }));
    const writes = s.collab.registry.writes;
    writes.writer.startWorker();
  await waitFor(() => writes.writer.worker?.ready === true, 'the commit worker to start', 5000);
    const cookie = await login(s.url, DEMO.editorTuczno);
    const id = (await chapterIds(s.url, cookie))[0];
    const writer = connectClient(s.wsUrl, id, { cookie });
    clients.push(writer);
    await writer.synced();

    // A first edit's commit waits for the disk (another connection holds the write lock).
    const blocker = new Database(s.services.db.name);
    blocker.exec('BEGIN IMMEDIATE');
    appendParagraph(writer.doc, 'pierwsza zmiana');
    await waitFor(() => writes.writer.worker?.busy === true, 'the first edit to be in the worker', 2000, 5);
    // A newcomer asks for the chapter: its answer waits for that commit.
    const newcomer = await rawSocket(s.wsUrl, id, { cookie });
    const got = frames.recorder(newcomer);
    newcomer.send(frames.syncStep1(new Y.Doc()));
    await sleep(200);
    // A second edit arrives while the first is being written; its own write will fail.
    appendParagraph(writer.doc, 'druga zmiana');
    await sleep(200);
    failing = true;
    blocker.exec('COMMIT');
    blocker.close();
    await waitFor(() => got.some((f) => f.syncType === 1), 'the answer to the sync step 1', 5000, 5);

    const received = new Y.Doc();
    for (const f of got) if (f.type === 0 && f.payload) Y.applyUpdate(received, f.payload);
    const storedNow = storedDoc(s.services.stores.documents, id);
    expect(fragmentText(received)).toContain('pierwsza zmiana');
    expect(fragmentText(storedNow)).not.toContain('druga zmiana');
    expect(missingFrom(storedNow, received), 'items the newcomer received that are not stored').toBe(0);

    // Once the disk recovers, the second edit is stored and reaches the newcomer.
    failing = false;
    await waitFor(() => {
      const doc = new Y.Doc();
      for (const f of got) if (f.type === 0 && f.payload) Y.applyUpdate(doc, f.payload);
      return fragmentText(doc).includes('druga zmiana');
    }, 'the second edit to reach the newcomer after recovery', 5000);
    expect(fragmentText(storedDoc(s.services.stores.documents, id))).toContain('druga zmiana');
    newcomer.close();
  });
});
