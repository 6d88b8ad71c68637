/**
 * Readiness follows the commit path on a real server with real y-websocket clients:
 * - ready (200) at start, the commit worker `idle` until the first edit starts it; it stops
 *   again after a while without writes, and the next edit starts another;
 * - 503 while a compaction hangs in the worker (TEST_HOOKS=compaction-pause on the server
 *   process) and nobody's edits can be confirmed: `database: sqlite_busy` at once (the hung
 *   transaction holds the write lock), `commitWorker: stuck` after COMMIT_STUCK_MS; liveness
 *   stays 200;
 * - 503 `documentWrites` while document commits fail, ready again after they recover;
 * - 503 `commitWorker: stopped` once the worker is gone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReadyResponse } from '../../shared/apiTypes.ts';
import { COMMIT_STUCK_MS } from '../../server/storage/backgroundAppend.ts';
import { COMPACTION_PAUSED_MARKER } from '../../server/testHooks.ts';
import { chapterIds, DEMO } from '../helpers/demo.ts';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, startServer, waitFor, type RunningServer } from '../helpers/server.ts';
import { appendParagraph, connectClient, type TestClient } from '../helpers/yclient.ts';
import { storedDoc } from '../helpers/reliability/storedDocs.ts';

let inproc: InProcessServer | null = null;
let child: RunningServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await inproc?.close();
  inproc = null;
  await child?.kill();
  child = null;
});

async function ready(url: string): Promise<{ status: number; body: HealthReadyResponse }> {
  const res = await fetch(`${url}/api/health/ready`);
  return { status: res.status, body: (await res.json()) as HealthReadyResponse };
}

/** A client of the coordinator on the first chapter, synced. */
async function typist(url: string, wsUrl: string): Promise<TestClient> {
  const cookie = await login(url, DEMO.coordinator);
  const [chapter] = await chapterIds(url, cookie);
  const client = connectClient(wsUrl, chapter, { cookie });
  clients.push(client);
  await client.synced();
  return client;
}

describe('readiness on a real server', () => {
  it('is 503 (database busy, then commitWorker stuck) while a compaction hangs in the worker; liveness stays 200', async () => {
    child = await startServer({ env: { TEST_HOOKS: 'compaction-pause', COMPACT_AFTER_UPDATES: '20' } });
    const server = child;
    await waitFor(async () => (await ready(server.url)).status === 200, 'ready');
    // Nobody has written yet: the commit worker starts with the first edit.
    expect((await ready(server.url)).body.checks.commitWorker).toEqual({ ok: true, state: 'idle' });

    const client = await typist(server.url, server.wsUrl);
    const typing = setInterval(() => appendParagraph(client.doc, `akapit ${Date.now()}`), 50);
    try {
      await waitFor(() => server.output().includes(COMPACTION_PAUSED_MARKER), 'compaction to hang', 30_000);
      const pausedAt = performance.now();
      const busy = await ready(server.url);
      expect(busy.status).toBe(503);
      expect(busy.body.checks.database).toEqual({ ok: false, error: 'sqlite_busy' });
      const stuck = (await waitFor(
        async () => {
          const r = await ready(server.url);
          return r.body.checks.commitWorker.ok ? null : r;
        },
        'readiness to notice the stuck worker',
        COMMIT_STUCK_MS + 8000,
        200,
      ))!;
      expect(performance.now() - pausedAt).toBeGreaterThanOrEqual(COMMIT_STUCK_MS * 0.9);
      expect(stuck.status).toBe(503);
      expect(stuck.body.failed).toEqual(['database', 'commitWorker']);
      expect(stuck.body.checks.commitWorker).toEqual({ ok: false, state: 'stuck' });
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      clearInterval(typing);
    }
  }, 120_000);

  it('is 503 documentWrites while commits fail and ready after they recover; 503 stopped without a worker', async () => {
    let failing = false;
    inproc = await startInProcessServer({
      documentHooks: {
        beforeWrite: () => {
          if (failing) throw new Error('SQLITE_IOERR (simulated disk failure)');
        },
      },
    });
    const server = inproc;
    await waitFor(async () => (await ready(server.url)).status === 200, 'ready');
    server.collab.registry.writes.writer.startWorker();
    await waitFor(async () => (await ready(server.url)).body.checks.commitWorker.state === 'running', 'the worker started');

    const client = await typist(server.url, server.wsUrl);
    failing = true;
    appendParagraph(client.doc, 'nie da się zapisać');
    const failed = (await waitFor(async () => {
      const r = await ready(server.url);
      return r.status === 503 ? r : null;
    }, 'readiness to notice failing commits'))!;
    expect(failed.body.failed).toEqual(['documentWrites']);
    expect(failed.body.checks.commitWorker).toEqual({ ok: true, state: 'running' });

    failing = false;
    await waitFor(async () => (await ready(server.url)).status === 200, 'ready after the retry stored the edit', 10_000);

    // The worker goes away (as when its thread dies): commits fall back to the main thread,
    // which keeps edits safe but slow; readiness says so.
    server.collab.registry.writes.writer.worker!.stop();
    const stopped = await ready(server.url);
    expect(stopped.status).toBe(503);
    expect(stopped.body.failed).toEqual(['commitWorker']);
    expect(stopped.body.checks.commitWorker).toEqual({ ok: false, state: 'stopped' });
  });

  it('starts the commit worker with the first edit, lets it go when nobody writes, and starts another with the next edit; nothing is lost', async () => {
    inproc = await startInProcessServer({ commitWorkerIdleMs: 300 });
    const server = inproc;
    const writer = server.collab.registry.writes.writer;
    expect((await ready(server.url)).body.checks.commitWorker).toEqual({ ok: true, state: 'idle' });
    expect(writer.worker).toBeNull();

    const client = await typist(server.url, server.wsUrl);
    appendParagraph(client.doc, 'pierwsza zmiana');
    await waitFor(() => writer.worker?.ready === true, 'the worker started by the first edit');
    const first = writer.worker;
    expect((await ready(server.url)).body.checks.commitWorker).toEqual({ ok: true, state: 'running' });
    const commitsBefore = server.collab.registry.writes.commits;
    appendParagraph(client.doc, 'druga zmiana');
    await waitFor(() => server.collab.registry.writes.commits > commitsBefore, 'a commit');

    // Nobody writes: the worker is let go, and readiness still passes.
    await waitFor(() => writer.worker === null, 'the idle worker stopped', 5000);
    expect((await ready(server.url)).body).toMatchObject({ status: 'ready', checks: { commitWorker: { ok: true, state: 'idle' } } });

    // The next edit starts another one; every edit is stored.
    appendParagraph(client.doc, 'trzecia zmiana');
    await waitFor(() => writer.worker?.ready === true && writer.worker !== first, 'a new worker for the next edit');
    const [chapterId] = await chapterIds(server.url, await login(server.url, DEMO.coordinator));
    await waitFor(() => {
      const text = server.collab.registry.rooms.get(chapterId)?.doc.getXmlFragment('default').toString() ?? '';
      return text.includes('trzecia zmiana');
    }, 'applied');
    await new Promise<void>((r) => server.collab.registry.rooms.get(chapterId)!.whenStored(r));
    const stored = storedDoc(server.services.stores.documents, chapterId).getXmlFragment('default').toString();
    for (const t of ['pierwsza zmiana', 'druga zmiana', 'trzecia zmiana']) expect(stored).toContain(t);

    // Idle again, then the last person leaves: the unload's compaction waits for a new worker
    // instead of writing on the event loop.
    await waitFor(() => writer.worker === null, 'the idle worker stopped again', 5000);
    const here = writer.writesHere;
    const documents = server.services.stores.documents;
    expect(documents.updateCount(chapterId)).toBeGreaterThan(0);
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => !server.collab.registry.rooms.has(chapterId) && documents.updateCount(chapterId) === 0, 'unloaded and compacted');
    expect(writer.writesHere).toBe(here);
    expect(writer.worker?.ready).toBe(true);
    expect(storedDoc(documents, chapterId).getXmlFragment('default').toString()).toContain('trzecia zmiana');
  });
});
