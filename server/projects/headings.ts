/**
 * Links from a fiche to the strategy (issue 19): the headings of the goals, directions and OSI
 * chapters. A link names the heading element's Yjs id (client, clock), which stays the same
 * while people rename the heading (only the text inside changes); it is gone only when the
 * heading itself is removed. docs/projects.md.
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import type { HeadingRef } from '../../shared/projects/fiche.ts';
import type { ChapterRow } from '../storage/chapters.ts';

/** The chapters a fiche links to, by their template titles. */
export const LINK_CHAPTERS = {
  goal: 'Cele strategiczne',
  direction: 'Kierunki działań',
  osi: 'OSI kluczowe dla partnerstwa',
} as const;
export type LinkKind = keyof typeof LINK_CHAPTERS;
export const KEY_PROJECTS_CHAPTER = 'Pakiet projektów kluczowych';

/** A chapter title as matched: case, spaces and a leading number („3. ”) do not count. */
export const normalTitle = (title: string) => title.trim().toLowerCase().replace(/^\d+\.\s*/, '').replace(/\s+/g, ' ');

export function chapterTitled(chapters: readonly ChapterRow[], title: string): ChapterRow | undefined {
  return chapters.find((c) => c.archived_at === null && normalTitle(c.title) === normalTitle(title));
}

export interface HeadingOption {
  ref: HeadingRef;
  text: string;
  level: number;
}

function plainText(el: Y.XmlElement | Y.XmlText): string {
  if (el instanceof Y.XmlText) {
    return (el.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
  }
  return el.toArray().map((c) => (c instanceof Y.XmlElement || c instanceof Y.XmlText ? plainText(c) : '')).join('');
}

/** The top-level headings of a chapter document, with the ids a fiche links by. */
export function headingsOf(chapterId: string, doc: Y.Doc): HeadingOption[] {
  const out: HeadingOption[] = [];
  for (const node of doc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'heading' || !node._item) continue;
    const text = plainText(node).trim();
    if (text === '') continue;
    out.push({ ref: { chapterId, client: node._item.id.client, clock: node._item.id.clock }, text, level: Number(node.getAttribute('level') ?? 2) });
  }
  return out;
}

export const refKey = (r: HeadingRef) => `${r.chapterId}:${r.client}:${r.clock}`;

/** The heading's text as it reads now, or null when the link is empty or the heading was removed. */
export function resolveRef(ref: HeadingRef | null, options: readonly HeadingOption[]): string | null {
  if (!ref) return null;
  const key = refKey(ref);
  return options.find((o) => refKey(o.ref) === key)?.text ?? null;
}
