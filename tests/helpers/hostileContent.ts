/**
 * What a hostile client writes into a chapter through Yjs, bypassing the editor's input rules:
 * links with script targets, handler and style attributes, element types the schema does not
 * have, markup typed as text, and one good link that must survive. Used by the schema-level
 * check (tests/security/content-injection.test.ts) and the Chromium one (tests/e2e/).
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';

export const BAD_LINKS = [
  'javascript:alert(`pwned`)',
  'JaVaScRiPt:alert(`pwned`)',
  ' javascript:alert(`pwned`)',
  'java\tscript:alert(`pwned`)',
  'jav&#x09;ascript:alert(`pwned`)',
  'data:text/html,<script>alert(`pwned`)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x',
];

/**
 * Adds (at the start of the chapter, or to a new document) what a malicious client would send;
 * the alerts say `pwned` so a browser test can tell them from anything else.
 */
export function hostileDocument(doc = new Y.Doc()): Y.Doc {
  const frag = doc.getXmlFragment(DOCUMENT_FIELD);
  const nodes: (Y.XmlElement | Y.XmlText)[] = [];
  // Links with dangerous targets, as y-tiptap stores marks: formatting attributes on XmlText.
  for (const href of BAD_LINKS) {
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    t.insert(0, 'kliknij', { link: { href, target: '_self', rel: null, class: null } });
    p.insert(0, [t]);
    nodes.push(p);
  }
  // A mark with event-handler attributes.
  const p1 = new Y.XmlElement('paragraph');
  const t1 = new Y.XmlText();
  t1.insert(0, 'pogrubione', { bold: { onclick: 'alert(`pwned`)', style: 'background:url(javascript:alert(`pwned`))' } });
  p1.insert(0, [t1]);
  nodes.push(p1);
  // Element types the schema does not have.
  for (const name of ['script', 'iframe', 'img', 'image', 'object', 'svg', 'style']) {
    const el = new Y.XmlElement(name);
    el.setAttribute('src', 'javascript:alert(`pwned`)');
    el.setAttribute('onerror', 'alert(`pwned`)');
    el.insert(0, [new Y.XmlText('alert(`pwned`)')]);
    nodes.push(el);
  }
  // A known node with hostile attributes.
  const p2 = new Y.XmlElement('paragraph');
  p2.setAttribute('onclick', 'alert(`pwned`)');
  p2.setAttribute('style', 'position:fixed;inset:0');
  p2.insert(0, [new Y.XmlText('akapit')]);
  nodes.push(p2);
  const h = new Y.XmlElement('heading');
  h.setAttribute('level', '1 onmouseover=alert(`pwned`)' as unknown as string);
  h.insert(0, [new Y.XmlText('nagłówek')]);
  nodes.push(h);
  // Markup as plain text must stay text.
  const p3 = new Y.XmlElement('paragraph');
  p3.insert(0, [new Y.XmlText('<script>alert(`pwned`)</script><img src=x onerror=alert(`pwned`)>')]);
  nodes.push(p3);
  // Good content survives next to it.
  const ok = new Y.XmlElement('paragraph');
  const okText = new Y.XmlText();
  okText.insert(0, 'Urząd Gminy', { link: { href: 'https://tuczno.pl', target: null, rel: 'noopener noreferrer nofollow', class: null } });
  ok.insert(0, [okText]);
  nodes.push(ok);
  frag.insert(0, nodes);
  return doc;
}
