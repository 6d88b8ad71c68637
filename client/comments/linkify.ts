/**
 * A comment body is plain text (docs/comments.md): it is rendered as text nodes, never as
 * HTML, and only http(s) addresses become links. Pure functions, no DOM.
 */
import { isSafeLinkHref } from '../../shared/editor/links.ts';

/** One piece of a comment body: text as typed, or an http(s) address to show as a link. */
export type BodyPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// An address runs to the next whitespace; "<" and quotes end it so "<https://a.pl>" stays tidy.
const URL_PATTERN = /https?:\/\/[^\s<>"']+/gi;
// Punctuation that ends a sentence rather than the address ("zob. https://walcz.pl.").
const TRAILING = /[.,;:!?)\]}»”’]+$/;

/**
 * Splits a body into text and links. Links are only absolute http:// or https:// URLs;
 * `javascript:` and everything else stays text.
 * @example splitLinks('zob. https://walcz.pl.') // [text 'zob. ', link 'https://walcz.pl', text '.']
 */
export function splitLinks(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(URL_PATTERN)) {
    const start = match.index;
    let url = match[0];
    const trailing = TRAILING.exec(url)?.[0] ?? '';
    // Keep a closing bracket that belongs to the address ("…/Wałcz_(miasto)").
    if (trailing && !(trailing === ')' && url.includes('('))) url = url.slice(0, url.length - trailing.length);
    if (!/^https?:\/\/[^/?#]+/i.test(url) || !isSafeLinkHref(url)) continue;
    if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
    parts.push({ kind: 'link', text: url, href: url });
    last = start + url.length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}
