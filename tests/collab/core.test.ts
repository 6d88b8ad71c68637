/**
 * Real-time core against the real server process (as `npm start` runs it) with real
 * y-websocket clients: convergence, late joiners, restarts, crashes, refused upgrades,
 * viewers, malformed frames, and seeded random concurrent edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServer, login, waitFor, type RunningServer } from '../helpers/server.ts';
import { appendParagraph, connectClient, fragmentText, rawSocket, type TestClient } from '../helpers/yclient.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import { CloseCode, DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { randomEdit, mulberry32 } from '../helpers/random.ts';

let server: RunningServer;
let cookies: Record<keyof typeof DEMO, string>;
let chapters: string[];
const clients: TestClient[] = [];

function client(chapterId: string, cookie: string, extra: { origin?: string } = {}): TestClient {
  const c = connectClient(server.wsUrl, chapterId, { cookie, ...extra });
  clients.push(c);
  return c;
}

async function loginAll() {
  const entries = await Promise.all(
    Object.entries(DEMO).map(async ([k, email]) => [k, await login(server.url, email)] as const),
  );
  cookies = Object.fromEntries(entries) as typeof cookies;
}

beforeAll(async () => {
  server = await startServer();
  await loginAll();
  chapters = await chapterIds(server.url, cookies.editorTuczno);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.kill();
});

describe('co-editing a chapter', () => {
  it('two clients converge and a late joiner gets everything', async () => {
    const id = chapters[6];
    const a = client(id, cookies.editorTuczno);
    const b = client(id, cookies.editorCzlopa);
    await Promise.all([a.synced(), b.synced()]);
    appendParagraph(a.doc, 'Tekst z Tuczna');
    appendParagraph(b.doc, 'Tekst z Człopy');
    await waitFor(() => a.text() === b.text() && a.text().includes('Tuczna') && a.text().includes('Człopy'), 'convergence');
    const late = client(id, cookies.coordinator);
    await late.synced();
    await waitFor(() => late.text() === a.text(), 'late joiner has everything');
  });

  it('sends newcomers the ready whole document, and never a stale one after an insertion or a deletion alone', async () => {
    // The server keeps the whole document encoded for newcomers with nothing; a deletion does
    // not move the state vector, so this checks that any change, not only a new insertion,
    // retires the ready copy.
    const id = chapters[7];
    const a = client(id, cookies.editorTuczno);
    await a.synced();
    const first = client(id, cookies.viewer);
    await first.synced();
    expect(first.text()).toBe(a.text());
    appendParagraph(a.doc, 'Akapit do usunięcia');
    await waitFor(() => first.text().includes('Akapit do usunięcia'), 'insertion relayed');
    const second = client(id, cookies.viewer);
    await second.synced();
    expect(second.text()).toBe(a.text());
    const frag = a.doc.getXmlFragment(DOCUMENT_FIELD);
    frag.delete(frag.length - 1, 1);
    await waitFor(() => !first.text().includes('Akapit do usunięcia'), 'deletion relayed');
    const third = client(id, cookies.viewer);
    await third.synced();
    expect(third.text()).toBe(a.text());
    expect(third.text()).not.toContain('Akapit do usunięcia');
  });

  it('serves the seeded demo text of a chapter', async () => {
    const c = client(chapters[3], cookies.viewer);
    await c.synced();
    expect(c.doc.getXmlFragment(DOCUMENT_FIELD).length).toBeGreaterThan(0);
  });

  it("drops a viewer's edits: never stored, never relayed", async () => {
    const id = chapters[7];
    const editor = client(id, cookies.editorTuczno);
    const viewer = client(id, cookies.viewer);
    await Promise.all([editor.synced(), viewer.synced()]);
    appendParagraph(viewer.doc, 'Obserwator próbuje pisać');
    appendParagraph(editor.doc, 'Edytor pisze');
    await waitFor(() => viewer.text().includes('Edytor pisze'), 'editor text reaches viewer');
    const fresh = client(id, cookies.coordinator);
    await fresh.synced();
    await waitFor(() => fresh.text().includes('Edytor pisze'), 'fresh client synced');
    expect(editor.text()).not.toContain('Obserwator');
    expect(fresh.text()).not.toContain('Obserwator');
    // awareness still works for viewers
    viewer.provider.awareness.setLocalStateField('cursor', { at: 1 });
    await waitFor(() => editor.provider.awareness.getStates().has(viewer.doc.clientID), 'viewer presence');
    const shown = editor.provider.awareness.getStates().get(viewer.doc.clientID) as { user: { name: string; organization: string } };
    expect(shown.user.organization).toContain('Urząd Marszałkowski');
  });

  it('refuses upgrades without a session, from another partnership or a foreign Origin, without sending content', async () => {
    const id = chapters[3];
    await expect(rawSocket(server.wsUrl, id)).rejects.toMatchObject({ status: 401 });
    await expect(rawSocket(server.wsUrl, id, { cookie: cookies.otherPartnership })).rejects.toMatchObject({ status: 404 });
    await expect(rawSocket(server.wsUrl, 'nieistniejacy', { cookie: cookies.editorTuczno })).rejects.toMatchObject({ status: 404 });
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1.evil.example:${server.port}`, `https://127.0.0.1:${server.port}`]) {
      const err = await rawSocket(server.wsUrl, id, { cookie: cookies.editorTuczno, origin }).catch((e) => e);
      expect(err.status, origin).toBe(403);
      expect(err.body).not.toMatch(/Wnioski|paragraph/);
    }
    const own = await rawSocket(server.wsUrl, id, { cookie: cookies.editorTuczno, origin: server.url });
    own.close();
  });

  it('closes only the socket that sends a malformed frame', async () => {
    const id = chapters[8];
    const a = client(id, cookies.editorTuczno);
    const b = client(id, cookies.editorCzlopa);
    await Promise.all([a.synced(), b.synced()]);
    const bad = await rawSocket(server.wsUrl, id, { cookie: cookies.coordinator });
    const closed = new Promise<number>((r) => bad.once('close', (code) => r(code)));
    bad.send(new Uint8Array([0, 2, 200, 1, 2, 3])); // update with a length prefix past the end
    expect(await closed).toBe(CloseCode.Malformed);
    const text = await rawSocket(server.wsUrl, id, { cookie: cookies.coordinator });
    const closed2 = new Promise<number>((r) => text.once('close', (code) => r(code)));
    text.send('hello');
    expect(await closed2).toBe(CloseCode.Malformed);
    appendParagraph(a.doc, 'po błędnej ramce');
    await waitFor(() => b.text().includes('po błędnej ramce'), 'others carry on');
  });

  it('five clients making seeded random concurrent edits converge', async () => {
    const seed = Number(process.env.SEED ?? Date.now() % 1_000_000);
    const id = chapters[9];
    const who = [cookies.editorTuczno, cookies.editorCzlopa, cookies.coordinator, cookies.editorTuczno, cookies.editorCzlopa];
    const five = who.map((c) => client(id, c));
    await Promise.all(five.map((c) => c.synced()));
    const rnd = mulberry32(seed);
    try {
      for (let round = 0; round < 40; round++) {
        for (const c of five) randomEdit(c.doc, rnd);
        if (round % 8 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      await waitFor(() => five.every((c) => c.text() === five[0].text()), 'five-way convergence', 15_000);
      const late = client(id, cookies.viewer);
      await late.synced();
      await waitFor(() => late.text() === five[0].text(), 'late joiner equals the five');
    } catch (err) {
      throw new Error(`seed ${seed}: ${(err as Error).message}`);
    }
  });
});

describe('durability', () => {
  it('keeps content across a graceful restart and loses nothing on kill -9', async () => {
    const id = chapters[10];
    const a = client(id, cookies.editorTuczno);
    const observer = client(id, cookies.viewer);
    await Promise.all([a.synced(), observer.synced()]);
    // Every update the observer receives from the server must survive a crash.
    const received: Uint8Array[] = [];
    observer.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === observer.provider) received.push(u);
    });
    for (let i = 0; i < 30; i++) {
      appendParagraph(a.doc, `akapit ${i}`);
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    await waitFor(() => received.length > 0 && observer.text().includes('akapit 10'), 'observer received some');
    await server.kill();
    for (const c of clients.splice(0)) c.destroy();
    const dataDir = server.dataDir;
    server = await startServer({ dataDir });
    await loginAll();
    const after = client(id, cookies.coordinator);
    await after.synced();
    const merged = new Y.Doc();
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(after.doc));
    const before = { sv: Y.encodeStateVector(merged).toString(), text: fragmentText(merged) };
    for (const u of received) Y.applyUpdate(merged, u);
    expect(Y.encodeStateVector(merged).toString()).toBe(before.sv);
    expect(fragmentText(merged)).toBe(before.text);
    expect(before.text).toContain('akapit 10');

    // graceful stop keeps everything too
    appendParagraph(after.doc, 'przed zatrzymaniem');
    await waitFor(async () => {
      const probe = client(id, cookies.viewer);
      await probe.synced();
      return probe.text().includes('przed zatrzymaniem');
    }, 'stored before stop');
    expect(await server.stop()).toBe(0);
    for (const c of clients.splice(0)) c.destroy();
    server = await startServer({ dataDir });
    await loginAll();
    const again = client(id, cookies.coordinator);
    await again.synced();
    expect(again.text()).toContain('przed zatrzymaniem');
    expect(again.text()).toContain('akapit 10');
  });
});
