/**
 * The server's per-role change check against real y-websocket clients that build Yjs
 * updates by hand (not through our editor): viewers change nothing; experts may add and
 * remove comment anchors and make suggestions (own insertion marks, own deletion marks,
 * own suggested blocks) and nothing else; refused updates are neither stored nor relayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, waitFor } from '../helpers/server.ts';
import { connectClient, fragmentText, type TestClient } from '../helpers/yclient.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import { DOCUMENT_FIELD, RejectReason } from '../../shared/protocol.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK } from '../../shared/annotations.ts';

let server: InProcessServer;
let editorCookie: string;
let expertCookie: string;
let viewerCookie: string;
let expertId: string;
let editorId: string;
let chapterId: string;
let editor: TestClient;
const all: TestClient[] = [];

const BASE = 'Partnerstwo wspiera rozwój gospodarczy gmin powiatu';

function client(cookie: string): TestClient {
  const c = connectClient(server.wsUrl, chapterId, { cookie, extended: true });
  all.push(c);
  return c;
}

const suggestion = (authorId: string, id = Math.random().toString(36).slice(2)) => ({ id, authorId, createdAt: new Date().toISOString() });

/** The XmlText of the paragraph holding BASE. */
function baseText(doc: Y.Doc): Y.XmlText {
  for (const node of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    const text = node instanceof Y.XmlElement ? node.get(0) : null;
    if (text instanceof Y.XmlText && plain(text).includes('wspiera rozwój')) return text;
  }
  throw new Error('base paragraph not found in ' + doc.getXmlFragment(DOCUMENT_FIELD).toString().slice(-400));
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
}

async function userId(cookie: string): Promise<string> {
  const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { user: { id: string } };
  return me.user.id;
}

async function expectRefused(cookie: string, op: (doc: Y.Doc) => void, reason: string = RejectReason.SuggestOnly) {
  const before = editor.text();
  const c = client(cookie);
  await c.synced();
  op(c.doc);
  await waitFor(() => c.received.rejected.length > 0, 'rejection');
  expect(c.received.rejected[0]).toBe(reason);
  await new Promise((r) => setTimeout(r, 100));
  expect(editor.text()).toBe(before);
  const probe = client(editorCookie);
  await probe.synced();
  expect(probe.text()).toBe(before);
  c.destroy();
  probe.destroy();
}

async function expectAccepted(cookie: string, op: (doc: Y.Doc) => void, visible: (text: string) => boolean) {
  const c = client(cookie);
  await c.synced();
  op(c.doc);
  await waitFor(() => visible(editor.text()), 'change reaches the editor');
  expect(c.received.rejected).toEqual([]);
  const probe = client(editorCookie);
  await probe.synced();
  expect(probe.text()).toBe(editor.text());
  c.destroy();
  probe.destroy();
}

beforeAll(async () => {
  server = await startInProcessServer({ env: { LOG_LEVEL: process.env.TEST_LOG ?? 'error' } });
  editorCookie = await login(server.url, DEMO.editorTuczno);
  expertCookie = await login(server.url, DEMO.expert);
  viewerCookie = await login(server.url, DEMO.viewer);
  expertId = await userId(expertCookie);
  editorId = await userId(editorCookie);
  chapterId = (await chapterIds(server.url, editorCookie))[12];
  editor = client(editorCookie);
  await editor.synced();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(BASE)]);
  const frag = editor.doc.getXmlFragment(DOCUMENT_FIELD);
  frag.insert(frag.length, [p]);
  // the editor's own suggestion, which the expert must not remove
  const q = new Y.XmlElement('paragraph');
  q.insert(0, [new Y.XmlText('')]);
  frag.insert(frag.length, [q]);
  (q.get(0) as Y.XmlText).insert(0, 'propozycja edytora', { [SUGGESTION_INSERT_MARK]: suggestion(editorId) });
  await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  for (const c of all) c.destroy();
  await server.close();
});

describe('expert (suggest only)', () => {
  it('refuses a direct insertion', () => expectRefused(expertCookie, (d) => baseText(d).insert(3, 'XYZ')));
  it('refuses a direct deletion', () => expectRefused(expertCookie, (d) => baseText(d).delete(0, 5)));
  it('refuses a formatting change', () => expectRefused(expertCookie, (d) => baseText(d).format(0, 11, { bold: true })));
  it('refuses an insertion marked as someone else’s', () =>
    expectRefused(expertCookie, (d) => baseText(d).insert(0, 'podszywam się ', { [SUGGESTION_INSERT_MARK]: suggestion(editorId) })));
  it('refuses removing someone else’s suggestion', () =>
    expectRefused(expertCookie, (d) => {
      const frag = d.getXmlFragment(DOCUMENT_FIELD);
      const el = frag.toArray().find((n) => n.toString().includes('propozycja edytora')) as Y.XmlElement;
      (el.get(0) as Y.XmlText).delete(0, 5);
    }));
  it('refuses deleting a whole paragraph', () =>
    expectRefused(expertCookie, (d) => {
      const frag = d.getXmlFragment(DOCUMENT_FIELD);
      frag.delete(frag.length - 2, 1);
    }));
  it('refuses a new paragraph that is not a suggestion', () =>
    expectRefused(expertCookie, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('nowy akapit')]);
      d.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
    }));
  it('refuses content outside the chapter text', () => expectRefused(expertCookie, (d) => d.getMap('inne').set('x', 1)));

  it('accepts an insertion marked as the expert’s own suggestion', () =>
    expectAccepted(
      expertCookie,
      (d) => baseText(d).insert(BASE.length, ' oraz turystykę', { [SUGGESTION_INSERT_MARK]: suggestion(expertId) }),
      (t) => t.includes('oraz turystykę'),
    ));

  it('accepts marking existing text as a suggested deletion, and withdrawing it', async () => {
    await expectAccepted(
      expertCookie,
      (d) => baseText(d).format(0, 11, { [SUGGESTION_DELETE_MARK]: suggestion(expertId, 'del-1') }),
      (t) => t.includes('suggestionDelete'),
    );
    await expectAccepted(expertCookie, (d) => baseText(d).format(0, 11, { [SUGGESTION_DELETE_MARK]: null }), (t) => !t.includes('del-1'));
  });

  it('accepts a suggested new paragraph and the withdrawal of its own text', async () => {
    await expectAccepted(
      expertCookie,
      (d) => {
        const p = new Y.XmlElement('paragraph');
        p.setAttribute(BLOCK_SUGGESTION_ATTR, { ...suggestion(expertId), type: 'insert' } as unknown as string);
        p.insert(0, [new Y.XmlText('Akapit zaproponowany przez eksperta')]);
        d.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
      },
      (t) => t.includes('Akapit zaproponowany'),
    );
    await expectAccepted(
      expertCookie,
      (d) => {
        const frag = d.getXmlFragment(DOCUMENT_FIELD);
        const i = frag.toArray().findIndex((n) => n.toString().includes('Akapit zaproponowany'));
        frag.delete(i, 1);
      },
      (t) => !t.includes('Akapit zaproponowany'),
    );
  });

  it('accepts a suggested deletion of a whole paragraph (block attribute)', () =>
    expectAccepted(
      expertCookie,
      (d) => {
        const frag = d.getXmlFragment(DOCUMENT_FIELD);
        const el = baseText(d).parent as Y.XmlElement;
        el.setAttribute(BLOCK_SUGGESTION_ATTR, { ...suggestion(expertId), type: 'delete' } as unknown as string);
      },
      () => ((baseText(editor.doc).parent as Y.XmlElement).getAttribute(BLOCK_SUGGESTION_ATTR) as unknown as { type?: string } | undefined)?.type === "delete",
    ));

  it('accepts adding and removing a comment anchor', async () => {
    await expectAccepted(expertCookie, (d) => baseText(d).format(12, 7, { 'comment--abc': { threadId: 't-1' } }), (t) => t.includes('t-1'));
    await expectAccepted(expertCookie, (d) => baseText(d).format(12, 7, { 'comment--abc': null }), (t) => !t.includes('t-1'));
  });
});

describe('viewer', () => {
  it('refuses any change, even a comment anchor', async () => {
    await expectRefused(viewerCookie, (d) => baseText(d).insert(0, 'x'), RejectReason.ReadOnly);
    await expectRefused(viewerCookie, (d) => baseText(d).format(0, 5, { 'comment--x': { threadId: 't' } }), RejectReason.ReadOnly);
  });
});

describe('after refusals', () => {
  it('the editor still edits normally and everyone converges', async () => {
    baseText(editor.doc).insert(0, 'Ostatecznie: ');
    const probe = client(expertCookie);
    await probe.synced();
    await waitFor(() => fragmentText(probe.doc) === editor.text() && editor.text().includes('Ostatecznie'), 'converged');
  });
});
