/**
 * The structured link from a suggestion back to its consultation remark (`fromRemark`,
 * docs/consultation.md): only the server writes it. A restricted connection's hand-written
 * update may neither forge one (on a new block or mark) nor change or strip an existing one;
 * the same updates without the reference pass, so the refusals are about the reference.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAndJudge, type ChangeActor } from '../../../server/collab/changeCheck.ts';
import { insertRemarkSuggestion } from '../../../server/consultation/suggestion.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_INSERT_MARK, asBlockSuggestion, asSuggestion } from '../../../shared/annotations.ts';
import { DOCUMENT_FIELD } from '../../../shared/protocol.ts';
import { listSuggestions } from '../../../shared/suggestions/decide.ts';

const COORDINATOR = 'koordynator';
const EXPERT: ChangeActor = { userId: 'ekspert', permissions: { comment: true, suggest: true, edit: false } };
/** The coordinator on a suggest-locked chapter: restricted too, and the remark suggestion is theirs. */
const LOCKED_COORDINATOR: ChangeActor = { userId: COORDINATOR, permissions: { comment: true, suggest: true, edit: false } };
const CONSULTATION = 'k3x7q2m4z8a5b6c9';
const ref = (number: number) => ({ consultationId: CONSULTATION, number });

function chapter(): { doc: Y.Doc; suggestionId: string } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('Gmina rozwija turystykę.')]);
  fragment.insert(0, [p]);
  const suggestionId = insertRemarkSuggestion(doc, { authorId: COORDINATOR, consultationId: CONSULTATION, number: 12, proposedChange: 'Dodać ścieżki rowerowe.', afterParagraph: 1, now: new Date('2026-12-01T10:00:00Z') });
  return { doc, suggestionId };
}

/** What `edit` does to a copy of `server`, as one update. */
function updateOf(server: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  const sv = Y.encodeStateVector(copy);
  edit(copy);
  return Y.encodeStateAsUpdate(copy, sv);
}

function judge(server: Y.Doc, actor: ChangeActor, edit: (doc: Y.Doc) => void) {
  const update = updateOf(server, edit);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  return applyAndJudge(copy, update, actor);
}

const blocks = (doc: Y.Doc) => doc.getXmlFragment(DOCUMENT_FIELD).toArray() as Y.XmlElement[];
const remarkBlock = (doc: Y.Doc) => blocks(doc).find((b) => asBlockSuggestion(b.getAttribute(BLOCK_SUGGESTION_ATTR))?.fromRemark)!;

function newBlock(doc: Y.Doc, value: Record<string, unknown>) {
  const p = new Y.XmlElement('paragraph');
  p.setAttribute(BLOCK_SUGGESTION_ATTR, value as unknown as string);
  p.insert(0, [new Y.XmlText('Uwaga nr 12 z konsultacji: podrobiona.')]);
  doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
}

describe('remark reference on a suggestion', () => {
  it('the server-made suggestion carries the reference and the reader returns it', () => {
    const { doc, suggestionId } = chapter();
    const found = listSuggestions(doc);
    expect(found).toEqual([expect.objectContaining({ id: suggestionId, authorId: COORDINATOR, kind: 'insert', scope: 'block', fromRemark: ref(12) })]);
    expect(found[0].text).toBe('Uwaga nr 12 z konsultacji: Dodać ścieżki rowerowe.');
  });

  it('the reader keeps only a well-formed reference', () => {
    const base = { id: 'abc', authorId: 'x', createdAt: '2026-12-01T10:00:00.000Z' };
    expect(asSuggestion({ ...base, fromRemark: ref(3) })?.fromRemark).toEqual(ref(3));
    for (const bad of [{ consultationId: CONSULTATION, number: 0 }, { consultationId: CONSULTATION, number: 1.5 }, { consultationId: '<script>', number: 2 }, { consultationId: CONSULTATION }, 'Uwaga 12', { consultationId: 'x'.repeat(65), number: 2 }]) {
      expect(asSuggestion({ ...base, fromRemark: bad })).toEqual(base);
    }
    // Extra keys never pass through.
    expect(asSuggestion({ ...base, fromRemark: { ...ref(3), href: 'javascript:alert(1)' } })?.fromRemark).toEqual(ref(3));
  });

  it('an expert may not forge a reference on a new proposed block; the same block without it passes', () => {
    const { doc } = chapter();
    const value = { id: 'forged0000000001', authorId: EXPERT.userId, createdAt: '2026-12-02T10:00:00.000Z', type: 'insert' };
    expect(judge(doc, EXPERT, (d) => newBlock(d, value)).ok).toBe(true);
    expect(judge(doc, EXPERT, (d) => newBlock(d, { ...value, fromRemark: ref(12) })).ok).toBe(false);
    // Even a malformed one (which readers would drop) is refused: nothing else rides along.
    expect(judge(doc, EXPERT, (d) => newBlock(d, { ...value, fromRemark: 'Uwaga 12' })).ok).toBe(false);
  });

  it('an expert may not forge a reference on an inline insertion mark', () => {
    const { doc } = chapter();
    const mark = { id: 'forged0000000002', authorId: EXPERT.userId, createdAt: '2026-12-02T10:00:00.000Z' };
    const type = (m: Record<string, unknown>) => (d: Y.Doc) => (blocks(d)[0].get(0) as Y.XmlText).insert(0, 'Nowe ', { [SUGGESTION_INSERT_MARK]: m });
    expect(judge(doc, EXPERT, type(mark)).ok).toBe(true);
    expect(judge(doc, EXPERT, type({ ...mark, fromRemark: ref(12) })).ok).toBe(false);
  });

  it('an expert may not label their own suggestion as from a Word file (sourceAuthor); the server-written import may', () => {
    const { doc } = chapter();
    const value = { id: 'forged0000000003', authorId: EXPERT.userId, createdAt: '2026-12-02T10:00:00.000Z', type: 'insert' };
    const mark = { id: 'forged0000000004', authorId: EXPERT.userId, createdAt: '2026-12-02T10:00:00.000Z' };
    const type = (m: Record<string, unknown>) => (d: Y.Doc) => (blocks(d)[0].get(0) as Y.XmlText).insert(0, 'Nowe ', { [SUGGESTION_INSERT_MARK]: m });
    expect(judge(doc, EXPERT, (d) => newBlock(d, { ...value, sourceAuthor: 'Jan Kowalski' })).ok).toBe(false);
    expect(judge(doc, EXPERT, type({ ...mark, sourceAuthor: 'Jan Kowalski' })).ok).toBe(false);
    expect(judge(doc, EXPERT, type({ ...mark, sourceAuthor: 7 })).ok).toBe(false);
    // The editor writes every mark attribute, absent ones as null: that is no name.
    expect(judge(doc, EXPERT, type({ ...mark, sourceAuthor: null })).ok).toBe(true);
    const importing: ChangeActor = { ...EXPERT, importing: true };
    expect(judge(doc, importing, (d) => newBlock(d, { ...value, sourceAuthor: 'Jan Kowalski' })).ok).toBe(true);
    expect(judge(doc, importing, type({ ...mark, sourceAuthor: 'Jan Kowalski' })).ok).toBe(true);
  });

  it('an expert may not change or strip the reference of the remark suggestion', () => {
    const { doc } = chapter();
    const current = remarkBlock(doc).getAttribute(BLOCK_SUGGESTION_ATTR) as unknown as Record<string, unknown>;
    expect(judge(doc, EXPERT, (d) => remarkBlock(d).setAttribute(BLOCK_SUGGESTION_ATTR, { ...current, fromRemark: ref(13) } as unknown as string)).ok).toBe(false);
    const { fromRemark: _dropped, ...stripped } = current;
    expect(judge(doc, EXPERT, (d) => remarkBlock(d).setAttribute(BLOCK_SUGGESTION_ATTR, stripped as unknown as string)).ok).toBe(false);
  });

  it('its own author, restricted, may work inside it but not change or strip its reference', () => {
    const { doc } = chapter();
    const current = remarkBlock(doc).getAttribute(BLOCK_SUGGESTION_ATTR) as unknown as Record<string, unknown>;
    // Typing inside one's own proposed block is allowed…
    expect(judge(doc, LOCKED_COORDINATOR, (d) => (remarkBlock(d).get(0) as Y.XmlText).insert(0, 'Pilne: ')).ok).toBe(true);
    // …changing the number or dropping the reference is not (it would pass without the reference rule).
    expect(judge(doc, LOCKED_COORDINATOR, (d) => remarkBlock(d).setAttribute(BLOCK_SUGGESTION_ATTR, { ...current, fromRemark: ref(13) } as unknown as string)).ok).toBe(false);
    const { fromRemark: _dropped, ...stripped } = current;
    expect(judge(doc, LOCKED_COORDINATOR, (d) => remarkBlock(d).setAttribute(BLOCK_SUGGESTION_ATTR, stripped as unknown as string)).ok).toBe(false);
    // Control: the same kind of rewrite of an own block without a reference passes.
    const ownValue = { id: 'own0000000000003', authorId: COORDINATOR, createdAt: '2026-12-02T10:00:00.000Z', type: 'insert' };
    const withOwn = new Y.Doc();
    Y.applyUpdate(withOwn, Y.encodeStateAsUpdate(doc));
    newBlock(withOwn, ownValue);
    expect(judge(withOwn, LOCKED_COORDINATOR, (d) => blocks(d)[0].setAttribute(BLOCK_SUGGESTION_ATTR, { ...ownValue, createdAt: '2026-12-03T10:00:00.000Z' } as unknown as string)).ok).toBe(true);
  });
});
