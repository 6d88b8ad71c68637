/**
 * Issue 13, defects 1–3: an expert who writes Yjs updates by hand (a stock y-websocket
 * client, not our editor) must not turn their own proposal into accepted text, must not make
 * a suggestion in someone else's name (also inside their own proposed block), and must not
 * reuse someone else's suggestion id. After every attempt a fresh client loads the chapter and
 * the test checks its text, the suggestions list, the decision log and the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { getJson, login, waitFor } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import { DOCUMENT_FIELD, RejectReason } from '../../shared/protocol.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK } from '../../shared/annotations.ts';
import type { AuditListResponse, StrategyDto, SuggestionDecisionDto, SuggestionDto } from '../../shared/apiTypes.ts';

let server: InProcessServer;
let editorCookie: string;
let expertCookie: string;
let expert2Cookie: string;
let coordinatorCookie: string;
let expertId: string;
let expert2Id: string;
let editorId: string;
let chapterId: string;
let partnershipId: string;
const all: TestClient[] = [];

const sugg = (authorId: string, id: string) => ({ id, authorId, createdAt: '2026-12-06T03:00:00.000Z' });
const block = (authorId: string, id: string, type: 'insert' | 'delete') => ({ ...sugg(authorId, id), type }) as unknown as string;

function client(cookie: string): TestClient {
  const c = connectClient(server.wsUrl, chapterId, { cookie, extended: true });
  all.push(c);
  return c;
}

async function userId(cookie: string): Promise<string> {
  return (await getJson<{ user: { id: string } }>(server.url, '/api/auth/me', cookie)).user.id;
}

const frag = (d: Y.Doc) => d.getXmlFragment(DOCUMENT_FIELD);

/** The top-level element whose text contains `needle`. */
function blockWith(d: Y.Doc, needle: string): Y.XmlElement {
  const el = frag(d).toArray().find((n) => n instanceof Y.XmlElement && n.toString().includes(needle));
  if (!(el instanceof Y.XmlElement)) throw new Error(`no block with ${needle}`);
  return el;
}

/** The chapter with every attribute value and mark (XmlElement.toString shows objects as "[object Object]"). */
function serialise(d: Y.Doc): string {
  const node = (n: unknown): unknown =>
    n instanceof Y.XmlText ? n.toDelta() : n instanceof Y.XmlElement ? { name: n.nodeName, attrs: n.getAttributes(), children: n.toArray().map(node) } : String(n);
  return JSON.stringify(frag(d).toArray().map(node));
}

/** The first paragraph's text of the chapter. */
function firstText(d: Y.Doc): Y.XmlText {
  for (const n of frag(d).toArray()) {
    const t = n instanceof Y.XmlElement ? n.get(0) : null;
    if (t instanceof Y.XmlText && t.length > 0) return t;
  }
  throw new Error('no text');
}

/** What a person opening the chapter now sees, and what the server has on record. */
interface View {
  xml: string;
  suggestions: SuggestionDto[];
  decisions: SuggestionDecisionDto[];
  suggestionAudit: string[];
}

async function freshView(): Promise<View> {
  const probe = client(editorCookie);
  await probe.synced();
  const xml = serialise(probe.doc);
  probe.destroy();
  const suggestions = await getJson<SuggestionDto[]>(server.url, `/api/chapters/${chapterId}/suggestions`, editorCookie);
  const decisions = await getJson<SuggestionDecisionDto[]>(server.url, `/api/chapters/${chapterId}/suggestions/decisions`, editorCookie);
  const audit = await getJson<AuditListResponse>(server.url, `/api/partnerships/${partnershipId}/audit?chapterId=${chapterId}`, coordinatorCookie);
  return { xml, suggestions, decisions, suggestionAudit: audit.entries.map((e) => e.action).filter((a) => a.startsWith('suggestions.')) };
}

/** Sends `op` as the person of `cookie`; resolves with the refusal reason, or null once the change reached a fresh client. */
async function attempt(cookie: string, op: (d: Y.Doc) => void): Promise<string | null> {
  const c = client(cookie);
  await c.synced();
  // One update, as an attacker would send it.
  c.doc.transact(() => op(c.doc));
  const expected = serialise(c.doc);
  const outcome = await waitFor(async () => {
    if (c.received.rejected.length > 0) return { refused: c.received.rejected[0] };
    const v = await freshView();
    return v.xml === expected ? { refused: null } : null;
  }, 'refusal or delivery');
  c.destroy();
  return outcome!.refused;
}

/** The attack is refused and nothing a reader or the record shows has changed. */
async function expectRefusedUnchanged(cookie: string, op: (d: Y.Doc) => void): Promise<void> {
  const before = await freshView();
  expect(await attempt(cookie, op)).toBe(RejectReason.SuggestOnly);
  expect(await freshView()).toEqual(before);
}

async function expectAccepted(cookie: string, op: (d: Y.Doc) => void): Promise<void> {
  expect(await attempt(cookie, op)).toBeNull();
}

beforeAll(async () => {
  server = await startInProcessServer({ env: { LOG_LEVEL: process.env.TEST_LOG ?? 'error' } });
  editorCookie = await login(server.url, DEMO.editorTuczno);
  expertCookie = await login(server.url, DEMO.expert);
  coordinatorCookie = await login(server.url, DEMO.coordinator);
  expertId = await userId(expertCookie);
  editorId = await userId(editorCookie);
  const strategy = (await getJson<StrategyDto[]>(server.url, '/api/strategies', editorCookie))[0];
  partnershipId = strategy.partnershipId;
  chapterId = (await chapterIds(server.url, editorCookie))[10];
  // A second expert, added by the coordinator like any member.
  const org = server.services.db.prepare<[], { id: string }>("SELECT id FROM organizations WHERE name = 'Związek Miast Polskich'").get()!;
  const added = await fetch(`${server.url}/api/partnerships/${partnershipId}/members`, {
    method: 'POST',
    headers: { cookie: coordinatorCookie, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'drugi.ekspert@zmp.example', name: 'Drugi Ekspert', organizationId: org.id, role: 'expert', password: 'haslo-eksperta-2' }),
  });
  expect(added.status).toBe(201);
  expert2Cookie = await login(server.url, 'drugi.ekspert@zmp.example', 'haslo-eksperta-2');
  expert2Id = await userId(expert2Cookie);
});

afterAll(async () => {
  for (const c of all) c.destroy();
  await server.close();
});

describe('defect 1: withdrawing one’s own proposal never turns it into accepted text', () => {
  it('an own proposed paragraph keeps its insertion proposal: removing or replacing the attribute is refused', async () => {
    await expectAccepted(expertCookie, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, 'blok-eksperta', 'insert'));
      p.insert(0, [new Y.XmlText('Akapit zaproponowany przez eksperta')]);
      frag(d).insert(0, [p]);
    });
    const listed = (await freshView()).suggestions.filter((s) => s.id === 'blok-eksperta');
    expect(listed.map((s) => [s.kind, s.scope, s.author?.id])).toEqual([['insert', 'block', expertId]]);

    // the adversarial review's move: the attribute removed, the paragraph kept
    await expectRefusedUnchanged(expertCookie, (d) => blockWith(d, 'Akapit zaproponowany').removeAttribute(BLOCK_SUGGESTION_ATTR));
    // replaced by a deletion proposal (rejecting it would keep the paragraph as accepted text)
    await expectRefusedUnchanged(expertCookie, (d) =>
      blockWith(d, 'Akapit zaproponowany').setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, 'blok-eksperta', 'delete')));
    // replaced by someone else's insertion proposal
    await expectRefusedUnchanged(expertCookie, (d) =>
      blockWith(d, 'Akapit zaproponowany').setAttribute(BLOCK_SUGGESTION_ATTR, block(editorId, 'blok-eksperta', 'insert')));
    // replaced by a value that is not a suggestion at all
    await expectRefusedUnchanged(expertCookie, (d) =>
      blockWith(d, 'Akapit zaproponowany').setAttribute(BLOCK_SUGGESTION_ATTR, { type: 'insert' } as unknown as string));
    // the text marked as the expert's own insertion while the block proposal goes
    await expectRefusedUnchanged(expertCookie, (d) => {
      const p = blockWith(d, 'Akapit zaproponowany');
      (p.get(0) as Y.XmlText).format(0, 10, { [SUGGESTION_INSERT_MARK]: sugg(expertId, 'blok-eksperta') });
      p.removeAttribute(BLOCK_SUGGESTION_ATTR);
    });

    const view = await freshView();
    expect(view.xml).toContain('Akapit zaproponowany przez eksperta');
    expect(view.suggestions.filter((s) => s.id === 'blok-eksperta').map((s) => s.author?.id)).toEqual([expertId]);
    expect(view.decisions).toEqual([]);
    expect(view.suggestionAudit).toEqual([]);

    // Withdrawing the proposal the honest way removes what it inserted.
    await expectAccepted(expertCookie, (d) => frag(d).delete(frag(d).toArray().indexOf(blockWith(d, 'Akapit zaproponowany')), 1));
    const after = await freshView();
    expect(after.xml).not.toContain('Akapit zaproponowany');
    expect(after.suggestions.filter((s) => s.id === 'blok-eksperta')).toEqual([]);
  });

  it('an own proposed list (nested blocks): the outer proposal cannot be dropped while inner blocks keep theirs', async () => {
    await expectAccepted(expertCookie, (d) => {
      const list = new Y.XmlElement('bulletList');
      list.setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, 'lista-eksperta', 'insert'));
      const item = new Y.XmlElement('listItem');
      item.setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, 'lista-eksperta', 'insert'));
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Punkt listy eksperta')]);
      item.insert(0, [p]);
      list.insert(0, [item]);
      frag(d).insert(0, [list]);
    });
    await expectRefusedUnchanged(expertCookie, (d) => blockWith(d, 'Punkt listy eksperta').removeAttribute(BLOCK_SUGGESTION_ATTR));
    // inside the still proposed list, the item's own proposal may go: the list's covers it
    await expectAccepted(expertCookie, (d) => (blockWith(d, 'Punkt listy eksperta').get(0) as Y.XmlElement).removeAttribute(BLOCK_SUGGESTION_ATTR));
  });

  it('own inline insertion: removing its mark, replacing it by a deletion mark, or by someone else’s mark is refused', async () => {
    const anchor = 'Tekst z wstawieniem eksperta';
    await expectAccepted(editorCookie, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(anchor)]);
      frag(d).insert(frag(d).length, [p]);
    });
    await expectAccepted(expertCookie, (d) =>
      (blockWith(d, anchor).get(0) as Y.XmlText).insert(anchor.length, ' DOPISANE', { [SUGGESTION_INSERT_MARK]: sugg(expertId, 'wst-eksperta') }));
    const text = (d: Y.Doc) => blockWith(d, anchor).get(0) as Y.XmlText;
    const at = anchor.length;
    await expectRefusedUnchanged(expertCookie, (d) => text(d).format(at, 9, { [SUGGESTION_INSERT_MARK]: null }));
    // marks split: half of the run loses the mark
    await expectRefusedUnchanged(expertCookie, (d) => text(d).format(at + 4, 5, { [SUGGESTION_INSERT_MARK]: null }));
    await expectRefusedUnchanged(expertCookie, (d) =>
      text(d).format(at, 9, { [SUGGESTION_INSERT_MARK]: null, [SUGGESTION_DELETE_MARK]: sugg(expertId, 'wst-eksperta') }));
    await expectRefusedUnchanged(expertCookie, (d) => text(d).format(at, 9, { [SUGGESTION_INSERT_MARK]: sugg(editorId, 'wst-eksperta') }));
    // an existing accepted word turned into the expert's "insertion" (rejecting would delete it)
    await expectRefusedUnchanged(expertCookie, (d) => text(d).format(0, 5, { [SUGGESTION_INSERT_MARK]: sugg(expertId, 'wst-eksperta') }));
    // marks merged: the own run re-marked with a fresh own id is still a proposal, accepted
    await expectAccepted(expertCookie, (d) => text(d).format(at, 9, { [SUGGESTION_INSERT_MARK]: sugg(expertId, 'wst-eksperta-2') }));
    const view = await freshView();
    expect(view.suggestions.filter((s) => s.text.includes('DOPISANE')).map((s) => [s.id, s.author?.id])).toEqual([['wst-eksperta-2', expertId]]);
    expect(view.decisions).toEqual([]);
    expect(view.suggestionAudit).toEqual([]);
  });

  it('own deletion proposal on a block or on text: withdrawing it (removing the attribute or mark) is allowed', async () => {
    const anchor = 'Akapit do usunięcia przez eksperta';
    await expectAccepted(editorCookie, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(anchor)]);
      frag(d).insert(frag(d).length, [p]);
    });
    await expectAccepted(expertCookie, (d) => blockWith(d, anchor).setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, 'usun-blok', 'delete')));
    // a deletion proposal cannot become an insertion proposal (rejecting would remove accepted text)
    await expectRefusedUnchanged(expertCookie, (d) => blockWith(d, anchor).setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, 'usun-blok', 'insert')));
    await expectAccepted(expertCookie, (d) => blockWith(d, anchor).removeAttribute(BLOCK_SUGGESTION_ATTR));
    const text = (d: Y.Doc) => blockWith(d, 'do usunięcia przez eksperta').get(0) as Y.XmlText;
    await expectAccepted(expertCookie, (d) => text(d).format(0, 6, { [SUGGESTION_DELETE_MARK]: sugg(expertId, 'usun-tekst') }));
    await expectAccepted(expertCookie, (d) => text(d).format(0, 6, { [SUGGESTION_DELETE_MARK]: null }));
    const view = await freshView();
    expect(view.xml).toContain(anchor);
    expect(view.suggestions.filter((s) => s.id === 'usun-blok' || s.id === 'usun-tekst')).toEqual([]);
  });
});

describe('defect 2: every suggestion an expert adds carries their own name, wherever it stands', () => {
  const ownBlockWith = (d: Y.Doc, fill: (text: Y.XmlText, p: Y.XmlElement) => void, id: string) => {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, id, 'insert'));
    const text = new Y.XmlText();
    p.insert(0, [text]);
    frag(d).insert(0, [p]);
    fill(text, p);
  };

  it('inside one’s own proposed paragraph, an insertion or deletion mark in an editor’s name is refused', async () => {
    await expectRefusedUnchanged(expertCookie, (d) =>
      ownBlockWith(d, (t) => {
        t.insert(0, 'Mój akapit ');
        t.insert(11, 'tekst edytora', { [SUGGESTION_INSERT_MARK]: sugg(editorId, 'podrobka-1') });
      }, 'blok-podrobka-1'));
    await expectRefusedUnchanged(expertCookie, (d) =>
      ownBlockWith(d, (t) => t.insert(0, 'usunięcie edytora', { [SUGGESTION_DELETE_MARK]: sugg(editorId, 'podrobka-2') }), 'blok-podrobka-2'));
    // a nested block proposal in the editor's name inside one's own proposed list
    await expectRefusedUnchanged(expertCookie, (d) => {
      const list = new Y.XmlElement('bulletList');
      list.setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, 'lista-podrobka', 'insert'));
      const item = new Y.XmlElement('listItem');
      item.setAttribute(BLOCK_SUGGESTION_ATTR, block(editorId, 'podrobka-3', 'delete'));
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('punkt w imieniu edytora')]);
      item.insert(0, [p]);
      list.insert(0, [item]);
      frag(d).insert(0, [list]);
    });
    // one's own marked insertion carrying a deletion mark in the editor's name
    await expectRefusedUnchanged(expertCookie, (d) =>
      firstText(d).insert(0, 'xx ', { [SUGGESTION_INSERT_MARK]: sugg(expertId, 'wlasne-4'), [SUGGESTION_DELETE_MARK]: sugg(editorId, 'podrobka-4') }));
  });

  // Found going through the rules table: inside one's own proposed block any value passed,
  // also a suggestion value nobody can read (no author), which lists and decides as nothing.
  it('inside one’s own proposed block, an unreadable suggestion value is refused', async () => {
    await expectRefusedUnchanged(expertCookie, (d) =>
      ownBlockWith(d, (t) => t.insert(0, 'bez autora', { [SUGGESTION_INSERT_MARK]: { id: 'bez-autora' } }), 'blok-bez-autora'));
    await expectRefusedUnchanged(expertCookie, (d) => {
      const list = new Y.XmlElement('bulletList');
      list.setAttribute(BLOCK_SUGGESTION_ATTR, block(expertId, 'lista-bez-autora', 'insert'));
      const item = new Y.XmlElement('listItem');
      item.setAttribute(BLOCK_SUGGESTION_ATTR, { id: 'x', type: 'delete' } as unknown as string);
      item.insert(0, [new Y.XmlElement('paragraph')]);
      list.insert(0, [item]);
      frag(d).insert(0, [list]);
    });
  });

  it('existing text in one’s own proposed paragraph cannot be re-marked in an editor’s name', async () => {
    await expectAccepted(expertCookie, (d) => ownBlockWith(d, (t) => t.insert(0, 'Własny akapit do przeformatowania'), 'blok-wlasny-5'));
    await expectRefusedUnchanged(expertCookie, (d) =>
      (blockWith(d, 'Własny akapit do').get(0) as Y.XmlText).format(0, 6, { [SUGGESTION_DELETE_MARK]: sugg(editorId, 'podrobka-5') }));
    // formatting of one's own proposal stays free
    await expectAccepted(expertCookie, (d) => (blockWith(d, 'Własny akapit do').get(0) as Y.XmlText).format(0, 6, { bold: true }));
    const view = await freshView();
    expect(view.suggestions.map((s) => s.author?.id)).not.toContain(editorId);
    expect(view.xml).not.toContain('podrobka');
    expect(view.decisions).toEqual([]);
    expect(view.suggestionAudit).toEqual([]);
  });
});

describe('defect 3: a suggestion id belongs to one author', () => {
  it('a second expert cannot reuse the first expert’s id; listing and deciding keep them apart', async () => {
    const anchor = 'Akapit wspólny dla ekspertów';
    await expectAccepted(editorCookie, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(anchor)]);
      frag(d).insert(frag(d).length, [p]);
    });
    const text = (d: Y.Doc) => blockWith(d, anchor).get(0) as Y.XmlText;
    await expectAccepted(expertCookie, (d) => text(d).insert(0, 'PIERWSZY ', { [SUGGESTION_INSERT_MARK]: sugg(expertId, 'wspolne-id') }));
    // the adversarial review's move: B's own text under A's id
    await expectRefusedUnchanged(expert2Cookie, (d) => text(d).insert(text(d).length, ' DRUGI', { [SUGGESTION_INSERT_MARK]: sugg(expert2Id, 'wspolne-id') }));
    // the same id for a deletion mark, or for a block proposal
    await expectRefusedUnchanged(expert2Cookie, (d) => text(d).format(9, 7, { [SUGGESTION_DELETE_MARK]: sugg(expert2Id, 'wspolne-id') }));
    await expectRefusedUnchanged(expert2Cookie, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.setAttribute(BLOCK_SUGGESTION_ATTR, block(expert2Id, 'wspolne-id', 'insert'));
      p.insert(0, [new Y.XmlText('Blok drugiego eksperta')]);
      frag(d).insert(0, [p]);
    });
    // B's own fresh id is fine
    await expectAccepted(expert2Cookie, (d) => text(d).insert(text(d).length, ' DRUGI', { [SUGGESTION_INSERT_MARK]: sugg(expert2Id, 'id-drugiego') }));

    const view = await freshView();
    expect(view.suggestions.filter((s) => s.id === 'wspolne-id').map((s) => [s.author?.id, s.text])).toEqual([[expertId, 'PIERWSZY ']]);
    expect(view.decisions).toEqual([]);
    expect(view.suggestionAudit).toEqual([]);

    // An editor accepts A's suggestion: B's text stays a suggestion.
    const res = await fetch(`${server.url}/api/chapters/${chapterId}/suggestions/decide`, {
      method: 'POST',
      headers: { cookie: editorCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'accept', ids: ['wspolne-id'] }),
    });
    expect(res.status).toBe(200);
    const decided = await freshView();
    expect(decided.decisions.map((r) => [r.suggestionId, r.author?.id, r.decision])).toEqual([['wspolne-id', expertId, 'accepted']]);
    expect(decided.suggestions.filter((s) => s.text.includes('DRUGI')).map((s) => [s.id, s.author?.id])).toEqual([['id-drugiego', expert2Id]]);
    expect(decided.suggestionAudit).toEqual(['suggestions.accepted']);
  });
});
