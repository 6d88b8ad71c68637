/**
 * Suggestions over HTTP: listing with authors, accepting/rejecting by id, author,
 * organisation or all (editors and coordinators), withdrawing one's own (experts), the
 * record of decisions, and the coordinator's suggest lock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK } from '../../shared/annotations.ts';
import type { ChapterDto, SuggestionDecisionDto, SuggestionDto } from '../../shared/apiTypes.ts';

let t: TestContext;
let chapterId: string;

const sugg = (id: string, authorId: string) => ({ id, authorId, createdAt: '2026-11-26T14:03:00.000Z' });

/** Puts "Rozwój [+turystyki](expert) [-przemysłu](tuczno)" and a suggested paragraph (expert) into the chapter. */
async function seedSuggestions() {
  const expert = t.userId(DEMO.expert);
  const tuczno = t.userId(DEMO.editorTuczno);
  await t.collab.documents.change(chapterId, expert, (doc) => {
    const frag = doc.getXmlFragment(DOCUMENT_FIELD);
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    p.insert(0, [text]);
    const q = new Y.XmlElement('paragraph');
    q.setAttribute(BLOCK_SUGGESTION_ATTR, { ...sugg('blok1', expert), type: 'insert' } as unknown as string);
    q.insert(0, [new Y.XmlText('Nowy akapit eksperta')]);
    frag.insert(frag.length, [p, q]);
    text.insert(0, 'Rozwój przemysłu');
    text.insert(7, 'turystyki ', { [SUGGESTION_INSERT_MARK]: sugg('ins1', expert) });
    text.format(17, 9, { [SUGGESTION_DELETE_MARK]: sugg('del1', tuczno) });
  });
}

const chapterText = () =>
  t.collab.documents.read(chapterId, (doc) => doc.getXmlFragment(DOCUMENT_FIELD).toString());

beforeEach(async () => {
  t = await createTestContext();
  chapterId = t.demo.walcz.chapterIds[13];
  await seedSuggestions();
});
afterEach(() => t.close());

describe('suggestions API', () => {
  it('lists open suggestions in text order with person and organisation', async () => {
    const res = await t.request('GET', `/api/chapters/${chapterId}/suggestions`, { cookie: await t.login(DEMO.viewer) });
    expect(res.status).toBe(200);
    const list = (await res.json()) as SuggestionDto[];
    expect(list.map((s) => [s.id, s.kind, s.scope, s.text])).toEqual([
      ['ins1', 'insert', 'inline', 'turystyki '],
      ['del1', 'delete', 'inline', 'przemysłu'],
      ['blok1', 'insert', 'block', 'Nowy akapit eksperta'],
    ]);
    expect(list[0].author?.organization).toBe('Związek Miast Polskich');
  });

  it('lets an editor accept one suggestion and records the decision', async () => {
    const cookie = await t.login(DEMO.editorCzlopa);
    const res = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, { cookie, body: { decision: 'accept', ids: ['ins1'] } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { decided: SuggestionDto[] }).decided.map((s) => s.id)).toEqual(['ins1']);
    const xml = await chapterText();
    expect(xml).toContain('Rozwój turystyki ');
    expect(xml).not.toContain('ins1');
    const decisions = (await (await t.request('GET', `/api/chapters/${chapterId}/suggestions/decisions`, { cookie })).json()) as SuggestionDecisionDto[];
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ suggestionId: 'ins1', decision: 'accepted', text: 'turystyki ', decidedBy: { name: expect.any(String) } });
    expect(decisions[0].author?.organization).toBe('Związek Miast Polskich');
    expect(t.collab.calls).toContainEqual({ kind: 'notifyChapter', chapterId, event: { type: 'suggestions-changed' } });
  });

  it('accepts everything from one organisation, or rejects all', async () => {
    const cookie = await t.login(DEMO.coordinator);
    const zmp = (await (await t.request('GET', '/api/auth/me', { cookie: await t.login(DEMO.expert) })).json()) as { user: { organization: { id: string } } };
    const byOrg = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, {
      cookie, body: { decision: 'accept', organizationId: zmp.user.organization.id },
    });
    expect(((await byOrg.json()) as { decided: SuggestionDto[] }).decided.map((s) => s.id).sort()).toEqual(['blok1', 'ins1']);
    const rest = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, { cookie, body: { decision: 'reject', all: true } });
    expect(((await rest.json()) as { decided: SuggestionDto[] }).decided.map((s) => s.id)).toEqual(['del1']);
    const xml = await chapterText();
    expect(xml).toContain('Rozwój turystyki przemysłu');
    expect(xml).toContain('Nowy akapit eksperta');
  });

  it('refuses experts and viewers accepting, and lets an expert withdraw only their own', async () => {
    const expert = await t.login(DEMO.expert);
    const accept = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, { cookie: expert, body: { decision: 'accept', all: true } });
    expect(accept.status).toBe(403);
    const viewer = await t.request('POST', `/api/chapters/${chapterId}/suggestions/withdraw`, { cookie: await t.login(DEMO.viewer), body: {} });
    expect(viewer.status).toBe(403);
    const withdraw = await t.request('POST', `/api/chapters/${chapterId}/suggestions/withdraw`, { cookie: expert, body: {} });
    expect(((await withdraw.json()) as { decided: SuggestionDto[] }).decided.map((s) => s.id).sort()).toEqual(['blok1', 'ins1']);
    const left = (await (await t.request('GET', `/api/chapters/${chapterId}/suggestions`, { cookie: expert })).json()) as SuggestionDto[];
    expect(left.map((s) => s.id)).toEqual(['del1']);
    const decisions = (await (await t.request('GET', `/api/chapters/${chapterId}/suggestions/decisions`, { cookie: expert })).json()) as SuggestionDecisionDto[];
    expect(decisions.every((d) => d.decision === 'withdrawn')).toBe(true);
  });

  it('hides another partnership’s chapter and validates the request', async () => {
    const other = await t.request('GET', `/api/chapters/${chapterId}/suggestions`, { cookie: await t.login(DEMO.otherPartnership) });
    expect(other.status).toBe(404);
    const bad = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, {
      cookie: await t.login(DEMO.editorTuczno), body: { decision: 'accept', all: true, ids: ['x'] },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
  });

  it('lets a coordinator lock the chapter into suggesting mode for everyone', async () => {
    const editor = await t.login(DEMO.editorTuczno);
    expect((await t.request('PUT', `/api/chapters/${chapterId}/suggest-lock`, { cookie: editor, body: { locked: true } })).status).toBe(403);
    const coord = await t.login(DEMO.coordinator);
    expect((await t.request('PUT', `/api/chapters/${chapterId}/suggest-lock`, { cookie: coord, body: { locked: true } })).status).toBe(200);
    expect(t.collab.calls).toContainEqual({ kind: 'chapterStateChanged', chapterId });
    const dto = (await (await t.request('GET', `/api/chapters/${chapterId}`, { cookie: editor })).json()) as ChapterDto;
    expect(dto.suggestLock).toBe(true);
    expect(dto.permissions).toMatchObject({ edit: false, suggest: true, review: true });
    // reviewing stays possible under the lock
    const res = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, { cookie: editor, body: { decision: 'reject', ids: ['del1'] } });
    expect(res.status).toBe(200);
  });

  // Issue 13: one id held by two authors (only an editor's client can still write that).
  it('lists two authors under one id apart, and a card’s {id, authorId} decides only that author’s parts', async () => {
    const expert = t.userId(DEMO.expert);
    const tuczno = t.userId(DEMO.editorTuczno);
    await t.collab.documents.change(chapterId, tuczno, (doc) => {
      const p = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      p.insert(0, [text]);
      doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
      text.insert(0, 'eksperta ', { [SUGGESTION_INSERT_MARK]: sugg('wspolne', expert) });
      text.insert(9, 'urzędnika', { [SUGGESTION_INSERT_MARK]: sugg('wspolne', tuczno) });
    });
    const cookie = await t.login(DEMO.coordinator);
    const list = (await (await t.request('GET', `/api/chapters/${chapterId}/suggestions`, { cookie })).json()) as SuggestionDto[];
    expect(list.filter((s) => s.id === 'wspolne').map((s) => [s.author?.id, s.text])).toEqual([[expert, 'eksperta '], [tuczno, 'urzędnika']]);
    const res = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, {
      cookie, body: { decision: 'reject', suggestions: [{ id: 'wspolne', authorId: expert }] },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { decided: SuggestionDto[] }).decided.map((s) => [s.id, s.author?.id])).toEqual([['wspolne', expert]]);
    const text = await chapterText();
    expect(text).not.toContain('eksperta ');
    expect(text).toContain('urzędnika');
    const bad = await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, { cookie, body: { decision: 'reject', suggestions: [{ id: 'wspolne' }] } });
    expect(bad.status).toBe(400);
  });
});
