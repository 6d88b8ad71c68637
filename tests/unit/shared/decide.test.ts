import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decideSuggestions, listSuggestions } from '../../../shared/suggestions/decide.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_DELETE_MARK, SUGGESTION_INSERT_MARK } from '../../../shared/annotations.ts';
import { DOCUMENT_FIELD } from '../../../shared/protocol.ts';

const s = (id: string, authorId: string) => ({ id, authorId, createdAt: '2026-11-26T14:03:00.000Z' });

/** A chapter: "Cel: rozwój [+ turystyki](anna) [-gospodarczy](piotr)." + a suggested paragraph by anna + a paragraph piotr proposes to delete. */
function chapter(): Y.Doc {
  const doc = new Y.Doc();
  const frag = doc.getXmlFragment(DOCUMENT_FIELD);
  const p1 = new Y.XmlElement('paragraph');
  const t1 = new Y.XmlText();
  p1.insert(0, [t1]);
  const p2 = new Y.XmlElement('paragraph');
  p2.setAttribute(BLOCK_SUGGESTION_ATTR, { ...s('b1', 'anna'), type: 'insert' } as unknown as string);
  p2.insert(0, [new Y.XmlText('Nowy akapit')]);
  const p3 = new Y.XmlElement('paragraph');
  p3.setAttribute(BLOCK_SUGGESTION_ATTR, { ...s('b2', 'piotr'), type: 'delete' } as unknown as string);
  p3.insert(0, [new Y.XmlText('Stary akapit')]);
  frag.insert(0, [p1, p2, p3]);
  t1.insert(0, 'Cel: rozwój gospodarczy.');
  t1.insert(11, ' turystyki', { [SUGGESTION_INSERT_MARK]: s('i1', 'anna') });
  t1.format(21, 12, { [SUGGESTION_DELETE_MARK]: s('d1', 'piotr') });
  return doc;
}

const texts = (doc: Y.Doc) =>
  doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toArray()
    .map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toDelta().map((d: { insert: string }) => d.insert).join(''));

describe('suggestions on the Yjs document', () => {
  it('lists every suggestion in text order with its text and author', () => {
    const found = listSuggestions(chapter());
    expect(found.map((f) => [f.id, f.kind, f.scope, f.authorId, f.text])).toEqual([
      ['i1', 'insert', 'inline', 'anna', ' turystyki'],
      ['d1', 'delete', 'inline', 'piotr', ' gospodarczy'],
      ['b1', 'insert', 'block', 'anna', 'Nowy akapit'],
      ['b2', 'delete', 'block', 'piotr', 'Stary akapit'],
    ]);
  });

  it('accepting everything applies insertions and deletions', () => {
    const doc = chapter();
    expect(decideSuggestions(doc, () => true, 'accept')).toHaveLength(4);
    expect(texts(doc)).toEqual(['Cel: rozwój turystyki.', 'Nowy akapit']);
    expect(listSuggestions(doc)).toEqual([]);
  });

  it('rejecting everything restores the original', () => {
    const doc = chapter();
    decideSuggestions(doc, () => true, 'reject');
    expect(texts(doc)).toEqual(['Cel: rozwój gospodarczy.', 'Stary akapit']);
    expect(listSuggestions(doc)).toEqual([]);
  });

  it('decides one author only, and the result reaches another peer', () => {
    const doc = chapter();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    doc.on('update', (u: Uint8Array) => Y.applyUpdate(peer, u));
    decideSuggestions(doc, (f) => f.authorId === 'anna', 'accept');
    expect(texts(peer)).toEqual(['Cel: rozwój turystyki gospodarczy.', 'Nowy akapit', 'Stary akapit']);
    expect(listSuggestions(peer).map((f) => f.id)).toEqual(['d1', 'b2']);
  });

  it('decides a single suggestion by id', () => {
    const doc = chapter();
    decideSuggestions(doc, (f) => f.id === 'd1', 'reject');
    expect(listSuggestions(doc).map((f) => f.id)).toEqual(['i1', 'b1', 'b2']);
    expect(texts(doc)[0]).toBe('Cel: rozwój turystyki gospodarczy.');
  });
});
