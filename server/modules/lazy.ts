/**
 * Heavy libraries the server needs only for some requests (image cleaning, spreadsheets, QR
 * codes, calendar feeds, sending e-mail) are loaded on first use, not at start: together they
 * hold about 30 MiB of code and native memory that an idle server, or one that only relays
 * edits, never needs (docs/performance.md, memory).
 *
 * @example const sharp = await loadSharp();
 */

/** A loader that imports once; a failed import is tried again on the next call. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}

/**
 * sharp (libvips), with libvips' operation cache off: every image is read once, so the cache
 * (up to 50 MiB by default) would only hold memory.
 */
export const loadSharp = lazy(async () => {
  const { default: sharp } = await import('sharp');
  sharp.cache(false);
  return sharp;
});

/** ics (iCalendar writer; it brings yup along). */
export const loadIcs = lazy(() => import('ics'));

/** nodemailer (SMTP). */
export const loadNodemailer = lazy(async () => (await import('nodemailer')).default);
