/**
 * The frame every e-mail shares: plain text first, and a simple HTML version of the same
 * paragraphs (no images, no remote content, inline styles only where a mail client needs them).
 */
import type { MailMessage } from '../mailer.ts';

/** A paragraph: plain text, or text with one link (shown as its address in the text part). */
export type Paragraph = string | { text: string; link: { label: string; url: string } };

export interface Layout {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: Paragraph[];
  /** Small print at the end (why the e-mail came, how to stop it). */
  footer?: Paragraph[];
  headers?: Record<string, string>;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

const textOf = (p: Paragraph) => (typeof p === 'string' ? p : `${p.text}\n${p.link.label}: ${p.link.url}`);
const htmlOf = (p: Paragraph) =>
  typeof p === 'string'
    ? `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`
    : `<p>${escapeHtml(p.text)}<br><a href="${escapeHtml(p.link.url)}">${escapeHtml(p.link.label)}</a></p>`;

export function render(l: Layout): MailMessage {
  const footer = l.footer ?? [];
  const text = [l.greeting, ...l.paragraphs.map(textOf), '— Wspólna Strategia', ...(footer.length ? ['--', ...footer.map(textOf)] : [])].join('\n\n');
  const html = [
    '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>',
    escapeHtml(l.subject),
    '</title></head><body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
    `<p>${escapeHtml(l.greeting)}</p>`,
    ...l.paragraphs.map(htmlOf),
    '<p>— Wspólna Strategia</p>',
    footer.length ? `<hr><div style="font-size:0.85em;color:#444">${footer.map(htmlOf).join('')}</div>` : '',
    '</body></html>',
  ].join('');
  return { to: l.to, subject: l.subject, text, html, headers: l.headers };
}
