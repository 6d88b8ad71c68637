/**
 * Issue 16 over real sockets (in-process server, real y-websocket clients and raw sockets):
 * the commenting role may add comment anchors and nothing else, whatever a hand-written
 * client sends; a deactivated person's open sockets close within a second; an administrator
 * who is not a member cannot open a chapter; archiving makes open editors read-only at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type WebSocket from 'ws';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { getJson, login, waitFor } from '../helpers/server.ts';
import { appendParagraph, connectClient, rawSocket, type TestClient } from '../helpers/yclient.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import { CloseCode, DOCUMENT_FIELD, RejectReason } from '../../shared/protocol.ts';
import { SUGGESTION_INSERT_MARK } from '../../shared/annotations.ts';
import type { MeResponse, PartnershipDto } from '../../shared/apiTypes.ts';
import { issueSetupLink } from '../../server/admin/setup.ts';

let server: InProcessServer;
let coordinator: string;
let editor: string;
let chapters: string[];
let partnershipId: string;
const all: TestClient[] = [];

const client = (cookie: string, chapterId: string): TestClient => {
  const c = connectClient(server.wsUrl, chapterId, { cookie, extended: true });
  all.push(c);
  return c;
};
const post = (path: string, cookie: string, body: unknown = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const me = (cookie: string) => getJson<MeResponse>(server.url, '/api/auth/me', cookie);

/** The first paragraph's text of the chapter (the demo chapter has text). */
function firstText(doc: Y.Doc): Y.XmlText {
  for (const node of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    const text = node instanceof Y.XmlElement ? node.get(0) : null;
    if (text instanceof Y.XmlText && text.length > 10) return text;
  }
  throw new Error('no paragraph with text');
}

beforeAll(async () => {
  server = await startInProcessServer({ env: { LOG_LEVEL: process.env.TEST_LOG ?? 'error' } });
  coordinator = await login(server.url, DEMO.coordinator);
  editor = await login(server.url, DEMO.editorTuczno);
  chapters = await chapterIds(server.url, coordinator);
  partnershipId = (await me(coordinator)).memberships[0].partnershipId;
});

afterAll(async () => {
  for (const c of all) c.destroy();
  await server.close();
});

describe('the commenting role over WebSocket', () => {
  let commenter: string;
  let reference: TestClient;
  const chapter = () => chapters[3];

  beforeAll(async () => {
    const viewerId = (await me(await login(server.url, DEMO.viewer))).user.id;
    const res = await fetch(`${server.url}/api/partnerships/${partnershipId}/members/${viewerId}`, {
      method: 'PATCH', headers: { cookie: coordinator, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'commenter' }),
    });
    expect(res.status).toBe(200);
    commenter = await login(server.url, DEMO.viewer);
    reference = client(editor, chapter());
    await reference.synced();
  });

  async function refused(op: (doc: Y.Doc) => void) {
    const before = reference.text();
    const c = client(commenter, chapter());
    await c.synced();
    op(c.doc);
    await waitFor(() => c.received.rejected.length > 0, 'rejection');
    expect(c.received.rejected[0]).toBe(RejectReason.CommentOnly);
    const probe = client(editor, chapter());
    await probe.synced();
    expect(probe.text()).toBe(before);
    c.destroy();
    probe.destroy();
  }

  it('is told its permissions: comment only', async () => {
    const c = client(commenter, chapter());
    await waitFor(() => c.received.states.length > 0, 'chapter state');
    expect((c.received.states[0] as { permissions: unknown }).permissions).toEqual({ comment: true, suggest: false, edit: false, review: false, manage: false });
    c.destroy();
  });

  it('refuses typed text, deletions, formatting and suggestions', async () => {
    await refused((d) => firstText(d).insert(0, 'Opinia wpisana w tekst '));
    await refused((d) => firstText(d).delete(0, 4));
    await refused((d) => firstText(d).format(0, 4, { bold: true }));
    const me0 = (await me(commenter)).user.id;
    await refused((d) => firstText(d).insert(0, 'sugestia ', { [SUGGESTION_INSERT_MARK]: { id: 's1', authorId: me0, createdAt: new Date().toISOString() } }));
    await refused((d) => appendParagraph(d, 'Nowy akapit od opiniującego'));
  });

  it('accepts adding and removing a comment anchor', async () => {
    const c = client(commenter, chapter());
    await c.synced();
    firstText(c.doc).format(0, 6, { 'comment--op1': { threadId: 'opinia-1' } });
    await waitFor(() => reference.text().includes('opinia-1'), 'anchor reaches the editor');
    firstText(c.doc).format(0, 6, { 'comment--op1': null });
    await waitFor(() => !reference.text().includes('opinia-1'), 'anchor removal reaches the editor');
    expect(c.received.rejected).toEqual([]);
    c.destroy();
  });
});

describe('deactivation', () => {
  it("closes the person's open sockets within a second", async () => {
    const czlopa = await login(server.url, DEMO.editorCzlopa);
    const czlopaId = (await me(czlopa)).user.id;
    const sockets: WebSocket[] = await Promise.all([rawSocket(server.wsUrl, chapters[1], { cookie: czlopa }), rawSocket(server.wsUrl, chapters[2], { cookie: czlopa })]);
    const closed = sockets.map((ws) => new Promise<{ code: number; at: number }>((r) => ws.once('close', (code) => r({ code, at: Date.now() }))));
    const started = Date.now();
    const res = await post(`/api/partnerships/${partnershipId}/members/${czlopaId}/deactivate`, coordinator);
    expect(res.status).toBe(200);
    const results = await Promise.all(closed);
    for (const r of results) {
      expect(r.code).toBe(CloseCode.Unauthorized);
      expect(r.at - started).toBeLessThan(1000);
    }
    // The old session is over, and a new login does not open the chapter.
    await expect(rawSocket(server.wsUrl, chapters[1], { cookie: czlopa })).rejects.toMatchObject({ status: 401 });
    const again = await login(server.url, DEMO.editorCzlopa);
    await expect(rawSocket(server.wsUrl, chapters[1], { cookie: again })).rejects.toMatchObject({ status: 404 });
    // History keeps the name: the member list still shows them, deactivated.
    const p = await getJson<PartnershipDto>(server.url, `/api/partnerships/${partnershipId}`, coordinator);
    expect(p.members.find((m) => m.userId === czlopaId)).toMatchObject({ name: 'Agnieszka Kowalczyk', deactivated: true });
  });
});

describe('the administrator', () => {
  it('cannot open a chapter of a partnership it does not belong to', async () => {
    const token = issueSetupLink(server.services, 'first-admin').split('/').pop()!;
    const res = await fetch(`${server.url}/api/setup/${token}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@walcz.example', name: 'Adam Admin', password: 'haslo-administratora' }),
    });
    expect(res.status).toBe(200);
    const admin = res.headers.get('set-cookie')!.split(';')[0];
    await expect(rawSocket(server.wsUrl, chapters[0], { cookie: admin })).rejects.toMatchObject({ status: 404 });
  });
});

describe('archiving', () => {
  it('makes open editors read-only at once and refuses their changes', async () => {
    const c = client(editor, chapters[6]);
    await c.synced();
    await waitFor(() => c.received.states.length > 0, 'chapter state');
    expect((await post(`/api/chapters/${chapters[6]}/archive`, coordinator)).status).toBe(200);
    await waitFor(() => c.received.states.some((s) => (s as { permissions: { edit: boolean } }).permissions.edit === false), 'read-only state');
    appendParagraph(c.doc, 'Po archiwizacji');
    await waitFor(() => c.received.rejected.length > 0, 'rejection');
    expect((await post(`/api/chapters/${chapters[6]}/restore`, coordinator)).status).toBe(200);
  });
});
