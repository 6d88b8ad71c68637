/**
 * Which link targets a chapter may contain. Chapters are published and exported, so a link
 * must never run code when clicked: only web pages and e-mail addresses are allowed.
 */

/** URL schemes a link may use. `javascript:`, `data:`, `vbscript:` and relative URLs are refused. */
export const ALLOWED_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

// Browsers drop ASCII control characters and whitespace inside a scheme ("java\tscript:"),
// so they are removed before the scheme is read.
const CONTROL_AND_SPACE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;

/**
 * True when `href` is an absolute http(s) or mailto URL.
 * @example isSafeLinkHref('https://walcz.pl') // true
 * @example isSafeLinkHref('javascript:alert(1)') // false
 */
export function isSafeLinkHref(href: string | null | undefined): boolean {
  if (!href) return false;
  const cleaned = href.replace(CONTROL_AND_SPACE, '');
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return false;
  }
  return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol.toLowerCase());
}

/**
 * Turns what a person typed into a link target: adds https:// to a bare domain and mailto: to an
 * e-mail address. Returns null when the result is not a safe link.
 * @example normalizeLinkInput('walcz.pl') // 'https://walcz.pl'
 */
export function normalizeLinkInput(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  let candidate = text;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    candidate = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text) ? `mailto:${text}` : `https://${text}`;
  }
  return isSafeLinkHref(candidate) ? candidate : null;
}
