/**
 * `Content-Disposition` for downloads: the Polish file name in `filename*` (RFC 6266/8187,
 * UTF-8, percent-encoded) and an ASCII fallback in `filename` for older clients.
 */

const MAX_NAME = 150;

/** Letters without diacritics (ł and Ł do not decompose), other characters outside a safe set as "_". */
export function asciiFileName(name: string): string {
  return name
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._()-]+/g, '_')
    .replace(/_+/g, '_');
}

/** Removes characters that have no place in a file name (path separators, control characters, quotes). */
export function cleanFileName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME) || 'eksport';
}

/**
 * @example contentDisposition('Strategia Wałcz', 'pdf')
 *   // `attachment; filename="Strategia Walcz.pdf"; filename*=UTF-8''Strategia%20Wa%C5%82cz.pdf`
 */
export function contentDisposition(baseName: string, extension: string): string {
  const name = `${cleanFileName(baseName)}.${extension}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}
