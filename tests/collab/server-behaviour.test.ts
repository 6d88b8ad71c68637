/**
 * Server behaviour seen from raw frames and the room registry, on the real server
 * assembled in-process (real sockets, real SQLite): save confirmations only after commit,
 * storage failures, loading once, unloading, compaction, live chapter state, and access
 * changes closing sockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, waitFor } from '../helpers/server.ts';
import { appendParagraph, connectClient, fragmentText, rawSocket, socketClass, type TestClient } from '../helpers/yclient.ts';
import { storedDoc } from '../helpers/reliability/storedDocs.ts';
import { Limits } from '../../shared/limits.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import * as frames from '../helpers/frames.ts';
import { CloseCode, COLLAB_PATH, DOCUMENT_FIELD, MessageType } from '../../shared/protocol.ts';
import type { ChapterLiveState } from '../../shared/protocol.ts';

let server: InProcessServer | null = null;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
});

function client(chapterId: string, cookie: string): TestClient {
  const c = connectClient(server!.wsUrl, chapterId, { cookie });
  clients.push(c);
  return c;
}

function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  appendParagraph(doc, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('save confirmation', () => {
  it('confirms only after the update is committed, and withholds it while storage fails', async () => {
    let failing = false;
    server = await startInProcessServer({
      documentHooks: {
        beforeWrite: () => {
          if (failing) throw new Error('disk full (simulated)');
        },
      },
    });
    const cookie = await login(server.url, DEMO.editorTuczno);
    const [id] = (await chapterIds(server.url, cookie)).slice(5);
    const other = client(id, await login(server.url, DEMO.editorCzlopa));
    await other.synced();
    const ws = await rawSocket(server.wsUrl, id, { cookie });
    const got = frames.recorder(ws);
    ws.send(frames.hello());
    await waitFor(() => got.some((f) => f.type === MessageType.ChapterState), 'chapter state');
    const state = JSON.parse(got.find((f) => f.type === MessageType.ChapterState)!.text!) as ChapterLiveState;
    expect(state.permissions.edit).toBe(true);

    failing = true;
    ws.send(frames.update(paragraphUpdate('w czasie awarii dysku')));
    ws.send(frames.saveQuery(1));
    await new Promise((r) => setTimeout(r, 400));
    expect(got.some((f) => f.type === MessageType.Saved)).toBe(false);
    expect(other.text()).not.toContain('awarii');

    failing = false;
    await waitFor(() => got.some((f) => f.type === MessageType.Saved && f.nonce === 1), 'saved after recovery', 5000);
    await waitFor(() => other.text().includes('awarii'), 'relayed after recovery');
    const rows = server.services.db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE chapter_id = ?').get(id) as { n: number };
    expect(rows.n).toBeGreaterThan(0);
    ws.close();
  });
});

describe('room lifecycle', () => {
  it('loads a chapter once for ten simultaneous joiners, none of whom sees an empty document', async () => {
    server = await startInProcessServer({ beforeLoad: () => new Promise((r) => setTimeout(r, 500)) });
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[3]; // has seeded text
    const ten = Array.from({ length: 10 }, () => client(id, cookie));
    const emptyAtSync: boolean[] = [];
    for (const c of ten) c.provider.on('sync', (s: boolean) => s && emptyAtSync.push(c.doc.getXmlFragment('default').length === 0));
    await Promise.all(ten.map((c) => c.synced()));
    expect(server.collab.registry.loads).toBe(1);
    expect(emptyAtSync).toHaveLength(10);
    expect(emptyAtSync.every((e) => !e)).toBe(true);
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => server!.collab.registry.rooms.size === 0 && server!.collab.registry.connections.size === 0, 'room unloaded');
  });

  it('compacts the update log into a state row without losing anything', async () => {
    server = await startInProcessServer({ env: { COMPACT_AFTER_UPDATES: '10' } });
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[11];
    const a = client(id, cookie);
    await a.synced();
    for (let i = 0; i < 35; i++) {
      appendParagraph(a.doc, `zdanie ${i}`);
      await new Promise((r) => setImmediate(r));
    }
    const probe = client(id, cookie);
    await probe.synced();
    await waitFor(() => probe.text().includes('zdanie 34'), 'all paragraphs arrive');
    const db = server.services.db;
    // The compaction is written by the commit worker, which the first edit started (it waits for it).
    const n = () => (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE chapter_id = ?').get(id) as { n: number }).n;
    await waitFor(() => n() < 10, 'the log compacted');
    expect(db.prepare('SELECT 1 FROM doc_states WHERE chapter_id = ?').get(id)).toBeTruthy();
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => server!.collab.registry.rooms.size === 0, 'unloaded');
    const again = client(id, cookie);
    await again.synced();
    for (let i = 0; i < 35; i++) expect(again.text()).toContain(`zdanie ${i}<`);
  });
});

describe('a chapter loaded from its stored state', () => {
  it('answers a newcomer from the stored bytes before building the document, then builds it for the edits that follow', async () => {
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[12];
    const a = client(id, cookie);
    await a.synced();
    for (let i = 0; i < 5; i++) appendParagraph(a.doc, `akapit ${i}`);
    await waitFor(() => server!.services.stores.documents.updateCount(id) >= 1, 'stored');
    for (const c of clients.splice(0)) c.destroy();
    // Unloading after people wrote compacts the log into one state row.
    await waitFor(() => !server!.collab.registry.rooms.has(id) && server!.services.stores.documents.updateCount(id) === 0, 'unloaded and compacted');
    const stored = server.services.stores.documents.load(id).state!;
    const vector = Y.encodeStateVectorFromUpdate(stored);

    // In the room: the answer and the state vector come from the bytes; the document is built on first use.
    await server.collab.registry.withRoom(id, (room) => {
      expect(room.documentBuilt).toBe(false);
      expect(frames.parse(Buffer.from(room.syncAnswer(new Uint8Array([0])))).payload).toEqual(stored);
      expect(room.stateVector()).toEqual(vector);
      expect(room.documentBuilt).toBe(false);
      expect(fragmentText(room.doc)).toContain('akapit 4');
      expect(room.documentBuilt).toBe(true);
      expect(Y.encodeStateVector(room.doc)).toEqual(vector);
    });
    await waitFor(() => !server!.collab.registry.rooms.has(id), 'unloaded again');

    // Over a socket: step 1 names the stored state vector, step 2 is the stored state; then an edit is stored and relayed.
    // The recorder listens before the socket opens: the server's step 1 may arrive with the handshake.
    const Socket = socketClass({ cookie });
    const raw = new Socket(`${server.wsUrl}${COLLAB_PATH}/${id}`);
    raw.binaryType = 'arraybuffer';
    const got = frames.recorder(raw);
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(frames.syncStep1(new Y.Doc()));
    await waitFor(() => got.some((f) => f.syncType === 0) && got.some((f) => f.syncType === 1), 'both sync steps');
    expect(got.find((f) => f.syncType === 0)!.payload).toEqual(vector);
    expect(got.find((f) => f.syncType === 1)!.payload).toEqual(stored);
    await waitFor(() => server!.collab.registry.rooms.get(id)?.documentBuilt === true, 'built after answering');
    const b = client(id, cookie);
    await b.synced();
    const mine = new Y.Doc();
    Y.applyUpdate(mine, stored);
    const before = Y.encodeStateVector(mine);
    appendParagraph(mine, 'po wczytaniu');
    raw.send(frames.update(Y.encodeStateAsUpdate(mine, before)));
    await waitFor(() => b.text().includes('po wczytaniu'), 'relayed');
    raw.close();
    expect(fragmentText(storedDoc(server.services.stores.documents, id))).toContain('po wczytaniu');
  });
});

describe('access changes', () => {
  it('closes the sockets of a removed member within a second, and refuses them afterwards', async () => {
    server = await startInProcessServer();
    const coord = await login(server.url, DEMO.coordinator);
    const editorCookie = await login(server.url, DEMO.editorCzlopa);
    const id = (await chapterIds(server.url, editorCookie))[2];
    const ws = await rawSocket(server.wsUrl, id, { cookie: editorCookie });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: editorCookie } })).json()) as {
      user: { id: string };
      memberships: { partnershipId: string }[];
    };
    const t0 = Date.now();
    const res = await fetch(`${server.url}/api/partnerships/${me.memberships[0].partnershipId}/members/${me.user.id}`, {
      method: 'DELETE',
      headers: { cookie: coord },
    });
    expect(res.status).toBeLessThan(300);
    expect(await closed).toBe(CloseCode.Unauthorized);
    expect(Date.now() - t0).toBeLessThan(1000);
    // Removal ends the sessions: the old cookie is refused, and a new login cannot reach the chapter.
    await expect(rawSocket(server.wsUrl, id, { cookie: editorCookie })).rejects.toMatchObject({ status: 401 });
    const fresh = await login(server.url, DEMO.editorCzlopa);
    await expect(rawSocket(server.wsUrl, id, { cookie: fresh })).rejects.toMatchObject({ status: 404 });
  });

  it('closes every socket of a user who logs out', async () => {
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[2];
    const ws = await rawSocket(server.wsUrl, id, { cookie });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(await closed).toBe(CloseCode.Unauthorized);
    await expect(rawSocket(server.wsUrl, id, { cookie })).rejects.toMatchObject({ status: 401 });
  });
});

describe('limits', () => {
  it('refuses an oversized frame without disturbing others', async () => {
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[4];
    const a = client(id, cookie);
    const b = client(id, cookie);
    await Promise.all([a.synced(), b.synced()]);
    const ws = await rawSocket(server.wsUrl, id, { cookie });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(new Uint8Array(9 * 1024 * 1024));
    expect(await closed).toBe(1009); // ws: message too big
    appendParagraph(a.doc, 'dalej działa');
    await waitFor(() => b.text().includes('dalej działa'), 'others unaffected');
  });

  it('slows a socket that sends thousands of frames at once instead of closing it: answers in order at the sustained rate', async () => {
    // A stock y-websocket client never reconnects after a 44xx close, so a client that is only
    // fast must be slowed (the server stops reading its socket), never cut off and left diverged.
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[4];
    const ws = await rawSocket(server.wsUrl, id, { cookie });
    let closedWith: number | null = null;
    ws.once('close', (code) => (closedWith = code));
    const got = frames.recorder(ws);
    ws.send(frames.hello());
    const t0 = performance.now();
    for (let i = 1; i <= 5000; i++) ws.send(frames.saveQuery(i));
    await waitFor(() => got.filter((f) => f.type === MessageType.Saved).length >= Limits.messageBurst - 1, 'the burst answered', 5000);
    await new Promise((r) => setTimeout(r, 1000));
    const nonces = got.filter((f) => f.type === MessageType.Saved).map((f) => f.nonce!);
    const seconds = (performance.now() - t0) / 1000;
    expect(closedWith).toBeNull();
    expect(ws.readyState).toBe(ws.OPEN);
    expect(nonces).toEqual(nonces.map((_, i) => i + 1)); // in order, none skipped
    expect(nonces.length).toBeLessThanOrEqual(Limits.messageBurst + Math.ceil(Limits.messagesPerSecond * seconds * 1.2));
    expect(nonces.length).toBeLessThan(5000);
    ws.close();
  });
});

describe('a client that is only fast', () => {
  it('a stock y-websocket client writing 3,000 updates at once is slowed, never closed, and everyone converges on all of them', async () => {
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const other = await login(server.url, DEMO.editorCzlopa);
    const id = (await chapterIds(server.url, cookie))[5];
    const writer = connectClient(server.wsUrl, id, { cookie });
    const reader = connectClient(server.wsUrl, id, { cookie: other });
    clients.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);
    const closes: number[] = [];
    writer.provider.on('connection-close', (e: CloseEvent | null) => void closes.push(e?.code ?? 0));
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    writer.doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
    // 3,000 transactions, each one message: three times the burst the server takes at once.
    for (let i = 0; i < 3000; i++) t.insert(t.length, i % 10 === 9 ? ' ' : 'a');
    await waitFor(() => reader.text() === writer.text(), 'the reader has all 3,000 updates', 30_000, 50);
    expect(closes).toEqual([]);
    const late = connectClient(server.wsUrl, id, { cookie: other });
    clients.push(late);
    await late.synced();
    expect(late.text()).toBe(writer.text());
  }, 40_000);
});

describe('legitimate bursts', () => {
  it('a paste of 50 pages and a typist with auto-repeat are never refused, slowed past a second, or closed', async () => {
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const other = await login(server.url, DEMO.editorCzlopa);
    const id = (await chapterIds(server.url, cookie))[6];
    const writer = connectClient(server.wsUrl, id, { cookie, extended: true });
    const reader = connectClient(server.wsUrl, id, { cookie: other });
    clients.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);
    const closes: number[] = [];
    writer.provider.on('connection-close', (e: CloseEvent | null) => void closes.push(e?.code ?? 0));

    // 50 standard pages (1,800 characters each) pasted at once: one transaction of 250 paragraphs.
    const sentence = 'Partnerstwo gmin Powiatu Wałeckiego rozwija wspólne usługi publiczne i transport. ';
    const pasted = Array.from({ length: 250 }, (_, i) => `${i + 1}. ${sentence.repeat(5)}`);
    const pasteStart = performance.now();
    writer.doc.transact(() => {
      const fragment = writer.doc.getXmlFragment(DOCUMENT_FIELD);
      fragment.insert(fragment.length, pasted.map((text) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(text)]);
        return p;
      }));
    });
    expect(pasted.join('').length).toBeGreaterThan(50 * 1800);
    await waitFor(() => reader.text().includes('250. Partnerstwo'), 'the reader has the pasted 50 pages', 10_000, 20);
    const pasteMs = performance.now() - pasteStart;

    // Auto-repeat: a held key repeats about 30 times a second; 3 s of it, one update per key.
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    writer.doc.getXmlFragment(DOCUMENT_FIELD).push([p]);
    const lags: number[] = [];
    for (let i = 0; i < 90; i++) {
      const sentAt = performance.now();
      t.insert(t.length, 'x');
      const want = 'x'.repeat(i + 1);
      await waitFor(() => reader.text().includes(want), 'the repeated key', 5_000, 2);
      lags.push(performance.now() - sentAt);
      await new Promise((r) => setTimeout(r, Math.max(0, 33 - (performance.now() - sentAt))));
    }
    lags.sort((a, b) => a - b);
    expect(writer.received.rejected).toEqual([]);
    expect(closes).toEqual([]);
    // Neither is held back by the per-socket rate: both reach the other person promptly.
    expect(pasteMs, 'the paste reached the reader').toBeLessThan(5_000);
    expect(lags[Math.floor(lags.length * 0.95)]!, 'p95 of the repeated key').toBeLessThan(1_000);
    expect(reader.text()).toBe(writer.text());
  }, 60_000);
});

describe('new client ids per person and chapter', () => {
  /** Sends an update on a fresh socket and resolves with 'saved' or the close code. */
  async function offer(id: string, cookie: string, update: Uint8Array): Promise<'saved' | number> {
    const ws = await rawSocket(server!.wsUrl, id, { cookie });
    const got = frames.recorder(ws);
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(frames.hello());
    ws.send(frames.update(update));
    ws.send(frames.saveQuery(1));
    const outcome = await Promise.race([closed, waitFor(() => got.some((f) => f.type === MessageType.Saved), 'Saved').then(() => 'saved' as const)]);
    ws.close();
    return outcome;
  }

  it(`refuses a person's new client id beyond ${Limits.maxNewClientIdsPerHour} an hour (4431), also after the room reloads; known ids and other people still write`, async () => {
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[7];
    // One doc per editing session, as a page load makes; the first one is kept open below.
    const first = new Y.Doc();
    appendParagraph(first, 'sesja 0');
    const ws = await rawSocket(server.wsUrl, id, { cookie });
    const got = frames.recorder(ws);
    ws.send(frames.hello());
    ws.send(frames.update(Y.encodeStateAsUpdate(first)));
    for (let i = 1; i < Limits.maxNewClientIdsPerHour; i++) ws.send(frames.update(paragraphUpdate(`sesja ${i}`)));
    ws.send(frames.saveQuery(1));
    await waitFor(() => got.some((f) => f.type === MessageType.Saved), 'the sessions to be stored');
    expect(ws.readyState).toBe(ws.OPEN);

    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(frames.update(paragraphUpdate('jedna sesja za dużo')));
    expect(await closed).toBe(CloseCode.TooManySessions);
    // A session the server knows goes on writing; another person may start new ones.
    const before = Y.encodeStateVector(first);
    appendParagraph(first, 'dalej w znanej sesji');
    expect(await offer(id, cookie, Y.encodeStateAsUpdate(first, before))).toBe('saved');
    expect(await offer(id, await login(server.url, DEMO.editorCzlopa), paragraphUpdate('inna osoba'))).toBe('saved');

    // The count is stored: reloading the room does not reset it.
    await waitFor(() => !server!.collab.registry.rooms.has(id), 'the room to unload');
    expect(await offer(id, cookie, paragraphUpdate('po przeładowaniu'))).toBe(CloseCode.TooManySessions);
    const text = fragmentText(storedDoc(server.services.stores.documents, id));
    expect(text).toContain(`sesja ${Limits.maxNewClientIdsPerHour - 1}`);
    expect(text).toContain('dalej w znanej sesji');
    expect(text).not.toContain('za dużo');
    expect(text).not.toContain('po przeładowaniu');
  });

  it('changes the server makes for a person (restoring, accepting) add one client id per loaded room, not one per change', async () => {
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[7];
    const me = (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } }).then((r) => r.json())) as { user: { id: string } };
    const db = server.services.db;
    const ids = () => (db.prepare(`SELECT COUNT(*) AS n FROM doc_clients WHERE chapter_id = ? AND user_id = ?`).get(id, me.user.id) as { n: number }).n;
    const before = ids();
    await server.collab.registry.withRoom(id, (room) => {
      for (let i = 0; i < 5; i++) room.applyServerChange(me.user.id, (doc) => appendParagraph(doc, `zmiana serwera ${i}`));
    });
    expect(ids()).toBe(before + 1);
    expect(fragmentText(storedDoc(server.services.stores.documents, id))).toContain('zmiana serwera 4');
  });
});

describe('incomplete updates', () => {
  it('an update building on content the server lacks is not applied or stored; the socket is asked to resync, and a real client then sends everything', async () => {
    server = await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[5];
    const watcher = client(id, cookie);
    await watcher.synced();
    // A document with two paragraphs typed one after the other; only the second update is sent.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(watcher.doc));
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    appendParagraph(local, 'pierwszy akapit, który nie dotarł');
    appendParagraph(local, 'drugi akapit');
    const rowsBefore = server.services.stores.documents.updateCount(id);
    const ws = await rawSocket(server.wsUrl, id, { cookie });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(frames.update(updates[1]));
    expect(await closed).toBe(CloseCode.Resync);
    const room = server.collab.registry.rooms.get(id)!;
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(room.doc.store.clients.has(local.clientID)).toBe(false);
    expect(server.services.stores.documents.updateCount(id)).toBe(rowsBefore);
    // A y-websocket client holding the same document syncs it completely.
    const late = client(id, cookie);
    Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(local));
    await late.synced();
    await waitFor(() => watcher.text().includes('drugi akapit') && watcher.text().includes('pierwszy akapit'), 'both paragraphs to arrive');
  });
});
