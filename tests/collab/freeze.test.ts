/**
 * Freezing and restoring against the real server (assembled in-process: real sockets, real
 * SQLite) with real y-websocket clients and raw protocol frames: a frozen chapter refuses
 * every update from every connection and open editors learn it at once; unfreezing lets
 * editing resume; restoring a version reaches every live client.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { FreezeResponse, RestoreResponse, VersionDto } from '../../shared/apiTypes.ts';
import { MessageType, RejectReason, type ChapterLiveState } from '../../shared/protocol.ts';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, waitFor } from '../helpers/server.ts';
import { appendParagraph, connectClient, fragmentText, rawSocket, type TestClient } from '../helpers/yclient.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import * as frames from '../helpers/frames.ts';

const NOTE = 'Uchwała Rady Partnerstwa nr 3/2021 z 12.10.2021';

let server: InProcessServer;
let cookies: Record<'coordinator' | 'editorTuczno' | 'editorCzlopa', string>;
let chapterId: string;
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startInProcessServer();
  cookies = {
    coordinator: await login(server.url, DEMO.coordinator),
    editorTuczno: await login(server.url, DEMO.editorTuczno),
    editorCzlopa: await login(server.url, DEMO.editorCzlopa),
  };
  chapterId = (await chapterIds(server.url, cookies.coordinator))[3]; // has seeded text
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
});

function client(cookie: string): TestClient {
  const c = connectClient(server.wsUrl, chapterId, { cookie });
  clients.push(c);
  return c;
}

async function api<T>(method: string, path: string, cookie: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  appendParagraph(doc, text);
  return Y.encodeStateAsUpdate(doc);
}

/** The document as the server holds it now (loaded or from storage). */
const serverText = () => server.collab.control.documents.read(chapterId, (doc) => fragmentText(doc));

const states = (got: frames.Received[]) =>
  got.filter((f) => f.type === MessageType.ChapterState).map((f) => JSON.parse(f.text!) as ChapterLiveState);

describe('a frozen chapter', () => {
  it('refuses every update, leaves the server and other clients unchanged, and tells extended clients at once', async () => {
    const a = client(cookies.editorTuczno);
    const b = client(cookies.editorCzlopa);
    await Promise.all([a.synced(), b.synced()]);
    const extended = await rawSocket(server.wsUrl, chapterId, { cookie: cookies.editorCzlopa });
    const got = frames.recorder(extended);
    extended.send(frames.hello());
    await waitFor(() => states(got).length === 1, 'first chapter state');
    expect(states(got)[0]).toMatchObject({ frozen: null, permissions: { edit: true } });

    const frozen = await api<FreezeResponse>('POST', `/api/chapters/${chapterId}/freeze`, cookies.coordinator, { note: NOTE });
    await waitFor(() => states(got).length === 2, 'chapter state after freezing');
    expect(states(got)[1]).toMatchObject({
      frozen: { note: NOTE, by: { name: 'Katarzyna Wiśniewska', organization: 'Powiat Wałecki' } },
      permissions: { edit: false, suggest: false, comment: false, review: false },
    });
    expect(Date.parse(states(got)[1].frozen!.at)).toBe(Date.parse(frozen.chapter.frozen!.at));

    const before = await serverText();
    expect(a.text()).toBe(before);
    // a hand-written update on the raw socket
    const raw = await rawSocket(server.wsUrl, chapterId, { cookie: cookies.editorTuczno });
    const rawGot = frames.recorder(raw);
    raw.send(frames.hello());
    raw.send(frames.update(paragraphUpdate('zmiana po zamrożeniu (surowa ramka)')));
    await waitFor(() => rawGot.some((f) => f.type === MessageType.Rejected), 'refusal');
    expect(rawGot.find((f) => f.type === MessageType.Rejected)?.text).toBe(RejectReason.Frozen);
    // and a stock y-websocket client editing locally, as the coordinator too
    appendParagraph(a.doc, 'zmiana po zamrożeniu (klient y-websocket)');
    const c = client(cookies.coordinator);
    await c.synced();
    appendParagraph(c.doc, 'zmiana koordynatorki po zamrożeniu');
    await new Promise((r) => setTimeout(r, 500));
    expect(await serverText()).toBe(before);
    expect(b.text()).toBe(before);
    expect(got.some((f) => f.type === MessageType.Sync && f.syncType === 2)).toBe(false);
    const late = client(cookies.editorCzlopa);
    await late.synced();
    expect(late.text()).toBe(before);

    // the approved version's hash matches its content through the API
    const version = await api<VersionDto>('GET', `/api/versions/${frozen.version.id}`, cookies.editorCzlopa);
    expect(version.sha256).toBe(createHash('sha256').update(Buffer.from(version.html, 'utf8')).digest('hex'));
    expect(version.kind).toBe('approved');
    const firstWords = /<p>([^<]{10,40})/.exec(version.html)?.[1];
    expect(firstWords && before.includes(firstWords)).toBe(true);
    raw.close();
    extended.close();
  });

  it('takes changes again after unfreezing, and extended clients are told', async () => {
    const a = client(cookies.editorTuczno);
    const b = client(cookies.editorCzlopa);
    await Promise.all([a.synced(), b.synced()]);
    const extended = await rawSocket(server.wsUrl, chapterId, { cookie: cookies.editorTuczno });
    const got = frames.recorder(extended);
    extended.send(frames.hello());
    await api('POST', `/api/chapters/${chapterId}/freeze`, cookies.coordinator, { note: NOTE });
    await api('POST', `/api/chapters/${chapterId}/unfreeze`, cookies.coordinator, { reason: 'Poprawka redakcyjna' });
    await waitFor(() => states(got).length === 3, 'three chapter states');
    expect(states(got)[2]).toMatchObject({ frozen: null, permissions: { edit: true } });
    appendParagraph(a.doc, 'po odmrożeniu');
    await waitFor(() => b.text().includes('po odmrożeniu'), 'edit after unfreezing reaches the other client');
    expect(await serverText()).toContain('po odmrożeniu');
    extended.close();
  });
});

describe('restoring a version', () => {
  it('reaches every live client as one change', async () => {
    const a = client(cookies.editorTuczno);
    const b = client(cookies.editorCzlopa);
    await Promise.all([a.synced(), b.synced()]);
    const v1 = await api<VersionDto>('POST', `/api/chapters/${chapterId}/versions`, cookies.editorTuczno, { name: 'Przed warsztatami' });
    const original = a.text();
    appendParagraph(a.doc, 'Akapit dopisany po wersji');
    await waitFor(() => b.text().includes('Akapit dopisany'), 'edit reaches b');
    const extended = await rawSocket(server.wsUrl, chapterId, { cookie: cookies.editorCzlopa });
    const got = frames.recorder(extended);
    extended.send(frames.hello());
    await waitFor(() => states(got).length === 1, 'extended client joined');

    const r = await api<RestoreResponse>('POST', `/api/versions/${v1.id}/restore`, cookies.coordinator);
    expect(r.previousVersionId).toBeTruthy();
    await waitFor(() => a.text() === original && b.text() === original, 'both clients show the restored text');
    expect(await serverText()).toBe(original);
    // one relayed update for the whole restore
    await waitFor(() => got.some((f) => f.type === MessageType.Event && f.text?.includes('versions-changed')), 'versions-changed event');
    expect(got.filter((f) => f.type === MessageType.Sync && f.syncType === 2)).toHaveLength(1);
    // the text before the restore is kept as an automatic version
    const kept = await api<VersionDto>('GET', `/api/versions/${r.previousVersionId}`, cookies.editorCzlopa);
    expect(kept.html).toContain('Akapit dopisany po wersji');
    // editing continues normally on top of the restored text
    appendParagraph(b.doc, 'Dalsza praca');
    await waitFor(() => a.text().includes('Dalsza praca'), 'editing continues');
    extended.close();
  });
});
