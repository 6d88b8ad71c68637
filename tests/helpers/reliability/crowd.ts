/**
 * A crowd of writers spread over a few chapters of the demo strategy, on a real server, and
 * the checks run after a crash or stop: nothing promised is missing from the database, and
 * after a restart every client converges with the server.
 */
import * as Y from 'yjs';
import { chapterIds, DEMO } from '../demo.ts';
import { login, waitFor } from '../server.ts';
import { connectClient, fragmentText } from '../yclient.ts';
import { closeWriters, connectWriter, missingFrom, type Writer } from './writers.ts';
import type { StoredSnapshot } from './storedDocs.ts';

export interface Crowd {
  writers: Writer[];
  chapters: string[];
  cookies: string[];
  close(): void;
}

/**
 * `count` writers (coordinator and both editors in turn) over `chapterCount` chapters.
 * `evidence: false` for latency-only runs (see connectWriter): lostUpdates then finds nothing.
 */
export async function startCrowd(url: string, wsUrl: string, count = 20, chapterCount = 4, opts: { evidence?: boolean } = {}): Promise<Crowd> {
  const cookies = await Promise.all([DEMO.coordinator, DEMO.editorTuczno, DEMO.editorCzlopa].map((e) => login(url, e)));
  const chapters = (await chapterIds(url, cookies[0])).slice(0, chapterCount);
  const writers = Array.from({ length: count }, (_, i) => connectWriter(wsUrl, chapters[i % chapters.length], cookies[i % cookies.length], opts.evidence ?? true));
  await Promise.all(writers.map((w) => w.client.synced()));
  return { writers, chapters, cookies, close: () => closeWriters(writers) };
}

/** Waits until every writer's socket is down (after a kill or stop). */
export function allDisconnected(crowd: Crowd): Promise<unknown> {
  return waitFor(() => crowd.writers.every((w) => !w.client.provider.wsconnected), 'writers to notice the server is gone', 10_000);
}

/** Items the server had promised (confirmed or sent) that the stored documents lack. */
export function lostUpdates(crowd: Crowd, stored: StoredSnapshot): { confirmedLost: number; receivedLost: number; confirmedClients: number } {
  let confirmedLost = 0;
  let receivedLost = 0;
  let confirmedClients = 0;
  for (const w of crowd.writers) {
    const doc = stored.docs.get(w.chapterId)!;
    if (w.confirmed) confirmedClients++;
    confirmedLost += missingFrom(doc, w.confirmed);
    receivedLost += missingFrom(doc, w.received);
  }
  return { confirmedLost, receivedLost, confirmedClients };
}

/**
 * Waits until, in every chapter, a fresh reader and every writer show the same text and the
 * reader holds everything each writer has (their unsent edits included). Returns the time taken.
 */
export async function convergence(wsUrl: string, crowd: Crowd, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  const readers = crowd.chapters.map((id) => connectClient(wsUrl, id, { cookie: crowd.cookies[0] }));
  try {
    await waitFor(
      () =>
        crowd.chapters.every((id, i) => {
          const reader = readers[i];
          if (!reader.provider.synced) return false;
          const text = reader.text();
          return crowd.writers.every(
            (w) => w.chapterId !== id || (w.client.provider.synced && fragmentText(w.client.doc) === text && missingFrom(reader.doc, w.client.doc) === 0),
          );
        }),
      'all clients to converge',
      timeoutMs,
      50,
    ).catch((err: Error) => {
      const canonical = (d: Y.Doc) => {
        const c = new Y.Doc();
        Y.applyUpdate(c, Y.encodeStateAsUpdate(d));
        return fragmentText(c);
      };
      const state = crowd.chapters.map((id, i) => ({
        chapter: id,
        readerSynced: readers[i].provider.synced,
        distinctWriterTexts: new Set(crowd.writers.filter((w) => w.chapterId === id).map((w) => fragmentText(w.client.doc))).size,
        readerEqualsItsCanonicalForm: canonical(readers[i].doc) === readers[i].text(),
        writersEqualTheirCanonicalForm: crowd.writers.filter((w) => w.chapterId === id).map((w) => canonical(w.client.doc) === fragmentText(w.client.doc)),
        canonicalEqual: crowd.writers.filter((w) => w.chapterId === id).map((w) => canonical(w.client.doc) === canonical(readers[i].doc)),
        writers: crowd.writers
          .filter((w) => w.chapterId === id)
          .map((w) => ({
            connected: w.client.provider.wsconnected,
            synced: w.client.provider.synced,
            sameText: fragmentText(w.client.doc) === readers[i].text(),
            missingOnServer: missingFrom(readers[i].doc, w.client.doc),
            missingInWriter: missingFrom(w.client.doc, readers[i].doc),
          })),
      }));
      throw new Error(`${err.message}: ${JSON.stringify(state)}`);
    });
    return performance.now() - t0;
  } finally {
    for (const r of readers) r.destroy();
  }
}
