import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compareTexts, tokenize } from '../../../server/versions/diff.ts';
import { attributedText } from '../../../server/versions/document.ts';
import { DOCUMENT_FIELD } from '../../../shared/protocol.ts';

const plain = (text: string, client = -1) => ({ text, clients: Array.from(text, () => client) });
const none = () => undefined;

describe('tokenize', () => {
  it('splits words with their trailing spaces, punctuation and block breaks, losing nothing', () => {
    const text = 'Ala ma kota, a kot ma Alę.\nDrugi akapit  z 2 spacjami';
    const tokens = tokenize(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens.slice(0, 5)).toEqual(['Ala ', 'ma ', 'kota', ', ', 'a ']);
    expect(tokens).toContain('\n');
    expect(tokens).toContain('akapit  ');
  });
});

describe('compareTexts', () => {
  it('finds a replaced word', () => {
    const r = compareTexts('Ala ma kota', plain('Ala ma psa'), none);
    expect(r.segments).toEqual([
      { op: 'equal', text: 'Ala ma ' },
      { op: 'delete', text: 'kota' },
      { op: 'insert', text: 'psa' },
    ]);
    expect(r.counts).toEqual({ insertions: 1, deletions: 1, insertedWords: 1, deletedWords: 1 });
  });

  it('counts separate passages and keeps block boundaries', () => {
    const before = 'Cele strategiczne\nRozwój turystyki wodnej na jeziorach.\nKoniec';
    const after = 'Cele strategiczne partnerstwa\nRozwój turystyki na jeziorach powiatu.\nNowy akapit\nKoniec';
    const r = compareTexts(before, plain(after), none);
    const rebuilt = { before: '', after: '' };
    for (const s of r.segments) {
      if (s.op !== 'insert') rebuilt.before += s.text;
      if (s.op !== 'delete') rebuilt.after += s.text;
    }
    // The newer text exactly; the older one up to spacing (unchanged text reads as in the newer).
    expect(rebuilt.after).toBe(after);
    const words = (t: string) => t.replace(/[^\S\n]+/g, '');
    expect(words(rebuilt.before)).toBe(words(before));
    expect(r.counts.deletions).toBe(1); // "wodnej "
    expect(r.counts.deletedWords).toBe(1);
    expect(r.segments.find((s) => s.op === 'delete')?.text).toBe('wodnej ');
    expect(r.counts.insertions).toBe(3); // "partnerstwa", " powiatu", "Nowy akapit\n"
    expect(r.counts.insertedWords).toBe(4);
    expect(r.segments.filter((s) => s.op === 'insert').map((s) => s.text.trim())).toEqual(['partnerstwa', 'powiatu', 'Nowy akapit']);
  });

  it('does not report spacing alone', () => {
    const r = compareTexts('Ala  ma kota', plain('Ala ma kota'), none);
    expect(r.segments).toEqual([{ op: 'equal', text: 'Ala ma kota' }]);
  });

  it('equal texts give one equal segment and no changes', () => {
    const r = compareTexts('Bez zmian.', plain('Bez zmian.'), none);
    expect(r.segments).toEqual([{ op: 'equal', text: 'Bez zmian.' }]);
    expect(r.counts).toEqual({ insertions: 0, deletions: 0, insertedWords: 0, deletedWords: 0 });
  });

  it('attributes inserted words to the client that wrote them', () => {
    const anna = { id: 'anna', name: 'Anna Nowak', organization: 'Gmina i Miasto Tuczno' };
    const marek = { id: 'marek', name: 'Marek Zieliński', organization: 'Miasto i Gmina Człopa' };
    const text = 'Stary tekst Anny Marka';
    const clients = [...Array.from('Stary tekst ', () => 1), ...Array.from('Anny ', () => 2), ...Array.from('Marka', () => 3)];
    const r = compareTexts('Stary tekst', { text, clients }, (c) => (c === 2 ? anna : c === 3 ? marek : undefined));
    expect(r.segments).toEqual([
      { op: 'equal', text: 'Stary tekst ' },
      { op: 'insert', text: 'Anny ', author: anna },
      { op: 'insert', text: 'Marka', author: marek },
    ]);
    expect(r.counts.insertions).toBe(1);
  });
});

describe('attributedText', () => {
  it('reads blocks of a Yjs document with each character’s client, leaving out suggested insertions', () => {
    const doc = new Y.Doc();
    const frag = doc.getXmlFragment(DOCUMENT_FIELD);
    const p1 = new Y.XmlElement('paragraph');
    const t1 = new Y.XmlText();
    p1.insert(0, [t1]);
    const list = new Y.XmlElement('bulletList');
    const li = new Y.XmlElement('listItem');
    const p2 = new Y.XmlElement('paragraph');
    p2.insert(0, [new Y.XmlText('punkt')]);
    li.insert(0, [p2]);
    list.insert(0, [li]);
    frag.insert(0, [p1, list]);
    t1.insert(0, 'Jeden dwa');
    t1.insert(6, 'sugestia ', { suggestionInsert: { id: 'x', authorId: 'u', createdAt: '2026-11-26T10:00:00Z' } });
    const r = attributedText(doc);
    expect(r.text).toBe('Jeden dwa\npunkt');
    expect(r.clients).toHaveLength(r.text.length);
    expect(r.clients[0]).toBe(doc.clientID);
    expect(r.clients[9]).toBe(-1);
  });
});
