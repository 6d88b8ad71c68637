/**
 * Defence in depth for a version's HTML before it goes into the page. The HTML comes from the
 * server's own renderer (server/render/html.ts), which escapes every text and attribute and keeps
 * only http/https/mailto links, so it is trusted server output. Still, it is inserted with
 * innerHTML, so it is parsed here first (inert: DOMParser runs no script and loads nothing) and
 * only the elements and attributes that renderer can produce survive; anything else is unwrapped
 * to its text. A bug or a compromised row then cannot run script in a reader's session.
 */

const ALLOWED_TAGS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD',
  'BR', 'STRONG', 'EM', 'U', 'S', 'CODE', 'A', 'INS', 'DEL', 'COLGROUP', 'COL',
  // Figures (issue 14).
  'FIGURE', 'IMG', 'FIGCAPTION',
]);
/** Elements whose content is dropped with them (never shown as text). */
const DROPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'NOSCRIPT', 'SVG', 'MATH']);
const ALLOWED_ATTRS: Record<string, readonly string[]> = {
  A: ['href'], TH: ['colspan', 'rowspan'], TD: ['colspan', 'rowspan'], OL: ['start'],
  FIGURE: ['data-file-id'], IMG: ['src', 'alt', 'width', 'height'],
};
const SAFE_HREF = /^(https?:|mailto:)/i;
/** Images only from the app's own file store (a figure's image), never another address. */
const SAFE_IMG_SRC = /^\/api\/files\/[0-9a-f]{64}$/;

function clean(node: Element): void {
  for (const child of [...node.children]) {
    const tag = child.tagName.toUpperCase();
    if (DROPPED_TAGS.has(tag)) {
      child.remove();
      continue;
    }
    // An image only as a figure's, from the file store; any other image goes (with its handlers).
    if (tag === 'IMG' && (child.parentElement?.tagName.toUpperCase() !== 'FIGURE' || !SAFE_IMG_SRC.test(child.getAttribute('src') ?? ''))) {
      child.remove();
      continue;
    }
    clean(child);
    if (!ALLOWED_TAGS.has(tag)) {
      child.replaceWith(...child.childNodes);
      continue;
    }
    const allowed = ALLOWED_ATTRS[tag] ?? [];
    for (const attr of [...child.attributes]) {
      if (!allowed.includes(attr.name.toLowerCase())) child.removeAttribute(attr.name);
    }
    if (tag === 'A') {
      const href = child.getAttribute('href')?.trim() ?? '';
      if (!SAFE_HREF.test(href)) child.removeAttribute('href');
      else child.setAttribute('rel', 'noopener noreferrer');
    }
  }
  // Comments and processing instructions carry nothing a reader needs.
  for (const child of [...node.childNodes]) if (child.nodeType === 8 || child.nodeType === 7) child.remove();
}

/** The HTML with only the server renderer's elements and attributes left. */
export function sanitizeVersionHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  clean(doc.body);
  return doc.body.innerHTML;
}
