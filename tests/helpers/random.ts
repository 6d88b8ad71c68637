/**
 * Seeded randomness for convergence tests: a small PRNG and random edits of a chapter
 * fragment shaped like TipTap's (paragraph XmlElements holding XmlText).
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';

/** Mulberry32: deterministic PRNG in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['gmina', 'powiat', 'strategia', 'cel', 'rozwój', 'partnerstwo', 'ż', 'ł', ' '];

/** One random edit: insert text, delete text, add or remove a paragraph. */
export function randomEdit(doc: Y.Doc, rnd: () => number): void {
  const frag = doc.getXmlFragment(DOCUMENT_FIELD);
  const paragraphs = frag.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  const r = rnd();
  if (paragraphs.length === 0 || r < 0.15) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(WORDS[Math.floor(rnd() * WORDS.length)])]);
    frag.insert(Math.floor(rnd() * (frag.length + 1)), [p]);
    return;
  }
  const p = paragraphs[Math.floor(rnd() * paragraphs.length)];
  if (r < 0.2 && paragraphs.length > 1) {
    frag.delete(frag.toArray().indexOf(p), 1);
    return;
  }
  const text = p.get(0);
  if (!(text instanceof Y.XmlText)) return;
  if (r < 0.75 || text.length === 0) {
    text.insert(Math.floor(rnd() * (text.length + 1)), WORDS[Math.floor(rnd() * WORDS.length)]);
  } else {
    const at = Math.floor(rnd() * text.length);
    text.delete(at, Math.min(text.length - at, 1 + Math.floor(rnd() * 4)));
  }
}
