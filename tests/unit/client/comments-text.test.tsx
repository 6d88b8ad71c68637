// @vitest-environment happy-dom
/**
 * Comment bodies on screen: plain text (no HTML ever interpreted), http(s) links only, line
 * breaks kept; @mention helpers; relative Polish times; panel filters.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CommentThreadDto, PersonRef } from '../../../shared/apiTypes.ts';
import { CommentText } from '../../../client/comments/CommentText.tsx';
import { matchesFilter, organizationsOf } from '../../../client/comments/filters.ts';
import { splitLinks } from '../../../client/comments/linkify.ts';
import { insertMention, mentionIdsIn, mentionQueryAt } from '../../../client/comments/mentions.ts';
import { formatRelative } from '../../../client/comments/relativeTime.ts';

describe('comment body', () => {
  it('links only absolute http(s) addresses and leaves sentence punctuation outside the link', () => {
    expect(splitLinks('Zob. https://walcz.pl/strategia, oraz http://bip.tuczno.pl.')).toEqual([
      { kind: 'text', text: 'Zob. ' },
      { kind: 'link', text: 'https://walcz.pl/strategia', href: 'https://walcz.pl/strategia' },
      { kind: 'text', text: ', oraz ' },
      { kind: 'link', text: 'http://bip.tuczno.pl', href: 'http://bip.tuczno.pl' },
      { kind: 'text', text: '.' },
    ]);
    for (const body of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'walcz.pl', 'mailto:a@b.pl', 'ftp://x.pl', 'https://']) {
      expect(splitLinks(body).every((p) => p.kind === 'text'), body).toBe(true);
    }
    expect(splitLinks('https://pl.wikipedia.org/wiki/Wałcz_(miasto)')[0]).toMatchObject({ kind: 'link', href: 'https://pl.wikipedia.org/wiki/Wałcz_(miasto)' });
  });

  it('renders HTML in a body as text, never as markup, and keeps line breaks', () => {
    const body = '<b>pogrubione?</b> <img src=x onerror="alert(1)">\n<script>alert(2)</script>\nhttps://walcz.pl/"onmouseover="alert(3)';
    const html = renderToStaticMarkup(<CommentText body={body} />);
    expect(html).not.toMatch(/<b>|<img|<script|onerror="|onmouseover="/);
    expect(html).toContain('&lt;b&gt;pogrubione?&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('<a href="https://walcz.pl/" target="_blank" rel="noopener noreferrer nofollow">https://walcz.pl/</a>');
    expect(html).toContain('\n'); // shown with white-space: pre-wrap

    const container = document.createElement('div');
    container.innerHTML = html;
    expect(container.querySelectorAll('a')).toHaveLength(1);
    expect(container.querySelectorAll('b, img, script')).toHaveLength(0);
    expect(container.textContent).toBe(body);
    expect(container.querySelector('a')!.getAttribute('href')).toBe('https://walcz.pl/');
  });
});

describe('@mentions', () => {
  const marek: PersonRef = { id: 'u-marek', name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno' };
  const ewa: PersonRef = { id: 'u-ewa', name: 'Ewa Dąbrowska', organization: 'Urząd Marszałkowski' };

  it('finds the name being typed after "@" and not an e-mail address', () => {
    expect(mentionQueryAt('Pytanie do @Mar', 15)).toEqual({ start: 11, query: 'Mar' });
    expect(mentionQueryAt('@Marek Zie', 10)).toEqual({ start: 0, query: 'Marek Zie' });
    expect(mentionQueryAt('napisz na tuczno@walcz.example', 30)).toBeNull();
    expect(mentionQueryAt('@Marek\nkolejna linia', 20)).toBeNull();
    expect(mentionQueryAt('bez wzmianki', 12)).toBeNull();
  });

  it('inserts the chosen name and sends the ids of people still named in the text', () => {
    const text = 'Pytanie do @Mar — proszę o opinię';
    const q = mentionQueryAt(text, 15)!;
    const result = insertMention(text, q, 15, marek);
    expect(result.text).toBe('Pytanie do @Marek Zieliński — proszę o opinię');
    expect(result.text.slice(0, result.caret)).toBe('Pytanie do @Marek Zieliński ');
    expect(mentionIdsIn(result.text, [marek, ewa])).toEqual(['u-marek']);
    expect(mentionIdsIn('Pytanie do kogoś', [marek])).toEqual([]);
  });
});

describe('relative time', () => {
  const now = new Date('2026-11-26T14:00:00Z');
  it('speaks Polish, and a time slightly ahead of this clock reads as „teraz”', () => {
    expect(formatRelative('2026-11-26T13:55:00Z', now, 'pl')).toBe('5 minut temu');
    expect(formatRelative('2026-11-26T12:00:00Z', now, 'pl')).toBe('2 godziny temu');
    expect(formatRelative('2026-11-25T14:00:00Z', now, 'pl')).toBe('wczoraj');
    expect(formatRelative('2026-11-26T14:00:30Z', now, 'pl')).toBe('teraz');
    expect(formatRelative('2026-11-26T13:59:50Z', now, 'en')).toBe('now');
  });
});

describe('filters', () => {
  const person = (id: string, organization: string): PersonRef => ({ id, name: id, organization });
  const thread = (id: string, authors: PersonRef[], resolved: boolean, mentions: PersonRef[] = []): CommentThreadDto => ({
    id, chapterId: 'c', quote: 'q', field: null, createdAt: '2026-11-26T10:00:00Z', createdBy: authors[0],
    resolved: resolved ? { at: '2026-11-26T11:00:00Z', by: authors[0] } : null,
    comments: authors.map((a, i) => ({ id: `${id}-${i}`, threadId: id, author: a, body: 'b', createdAt: '2026-11-26T10:00:00Z', edited: false, editedAt: null, deleted: false, mentions: i === 0 ? mentions : [] })),
  });
  const me = person('me', 'Gmina i Miasto Tuczno');
  const zmp = person('expert', 'Związek Miast Polskich');
  const threads = [thread('open-zmp', [zmp], false, [me]), thread('resolved-mine', [me, zmp], true), thread('open-zmp-2', [zmp], false)];
  const ids = (f: Parameters<typeof matchesFilter>[1]) => threads.filter((t) => matchesFilter(t, f, 'me')).map((t) => t.id);

  it('open, resolved, mine (written or mentioned) and by organisation', () => {
    expect(ids({ status: 'open', mine: false, organization: '' })).toEqual(['open-zmp', 'open-zmp-2']);
    expect(ids({ status: 'resolved', mine: false, organization: '' })).toEqual(['resolved-mine']);
    expect(ids({ status: 'all', mine: true, organization: '' })).toEqual(['open-zmp', 'resolved-mine']);
    expect(ids({ status: 'all', mine: false, organization: 'Gmina i Miasto Tuczno' })).toEqual(['resolved-mine']);
    expect(organizationsOf(threads)).toEqual(['Gmina i Miasto Tuczno', 'Związek Miast Polskich']);
  });
});
