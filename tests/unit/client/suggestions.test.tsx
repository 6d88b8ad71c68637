// @vitest-environment happy-dom
/**
 * Suggestions UI without a browser: the panel's grouping (one item per suggestion id, in text
 * order), kinds in words, filters by author and organisation and what the bulk buttons act on,
 * the attribution line „Anna Nowak · Gmina i Miasto Tuczno · 26 listopada 2026, 14:03”, the
 * suggestion under the caret, and the hover tooltip rendered for a real TipTap editor.
 */
import { Editor } from '@tiptap/core';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';
import { listSuggestions } from '../../../shared/editor/suggestions/list.ts';
import { formatDateTime, interpolate } from '../../../client/i18n/format.ts';
import { I18nProvider } from '../../../client/i18n/I18nProvider.tsx';
import { pl, type MessageKey } from '../../../client/i18n/pl.ts';
import { suggestionAtPos } from '../../../client/suggestions/at.ts';
import { BulkActions } from '../../../client/suggestions/BulkActions.tsx';
import { isToggleShortcut, navigationShortcut } from '../../../client/suggestions/mode.ts';
import {
  authorOptions, bulkRequest, bulkScope, excerpt, groupSuggestions, KIND_LABELS, matchesSuggestionFilter, NO_FILTER,
  organizationOptions, partTexts,
} from '../../../client/suggestions/model.ts';
import { attributionText, peopleFromPartnership } from '../../../client/suggestions/people.ts';
import { SuggestionCard } from '../../../client/suggestions/SuggestionCard.tsx';
import { SuggestionTooltip } from '../../../client/suggestions/SuggestionTooltip.tsx';
import type { ChapterSuggestions } from '../../../client/suggestions/useChapterSuggestions.ts';
import { AnnouncerProvider } from '../../../client/ui/Announcer.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const t = (key: MessageKey, params?: Record<string, string | number>) => interpolate(pl[key], params);
const AT = '2026-11-26T13:03:00.000Z'; // 14:03 in Warsaw

const org = (id: string, name: string) => ({ id, name, kind: 'gmina' as const, terc: null });
const people = peopleFromPartnership({
  members: [
    { userId: 'anna', email: 'a@x', name: 'Anna Nowak', organization: org('tuczno', 'Gmina i Miasto Tuczno'), role: 'editor', active: true, deactivated: false },
    { userId: 'piotr', email: 'p@x', name: 'Piotr Lewandowski', organization: org('zmp', 'Związek Miast Polskich'), role: 'expert', active: true, deactivated: false },
    { userId: 'ewa', email: 'e@x', name: 'Ewa Kowalska', organization: org('zmp', 'Związek Miast Polskich'), role: 'expert', active: true, deactivated: false },
  ],
});

const attrs = (id: string, authorId: string) => ({ id, authorId, createdAt: AT });
const txt = (text: string, ...marks: { type: string; attrs: ReturnType<typeof attrs> }[]) => ({ type: 'text', text, ...(marks.length ? { marks } : {}) });
const ins = (id: string, author: string) => ({ type: 'suggestionInsert', attrs: attrs(id, author) });
const del = (id: string, author: string) => ({ type: 'suggestionDelete', attrs: attrs(id, author) });
const para = (content: object[], suggestion: object | null = null) => ({ type: 'paragraph', attrs: { suggestion }, content });

/**
 * Piotr inserts, Anna replaces a word, Ewa proposes a new paragraph, Piotr deletes one. Built as
 * JSON: in HTML, StarterKit's strike rule claims <del> before the suggestion mark's rule does.
 */
const DOC = {
  type: 'doc',
  content: [
    para([txt('Partnerstwo rozwija '), txt('nowoczesną ', ins('s1', 'piotr')), txt('turystykę '), txt('wodną', del('s2', 'anna')), txt('rowerową', ins('s2', 'anna')), txt('.')]),
    para([txt('Nowy akapit eksperta.', ins('s3', 'ewa'))], { ...attrs('s3', 'ewa'), type: 'insert' }),
    para([txt('Akapit do usunięcia.')], { ...attrs('s4', 'piotr'), type: 'delete' }),
  ],
};
const ONE_BY_SOMEONE_GONE = { type: 'doc', content: [para([txt('a', ins('x', 'gone'))])] };

let editors: Editor[] = [];
afterEach(() => {
  for (const e of editors) e.destroy();
  editors = [];
  document.body.innerHTML = '';
});

function editorWith(content: object): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({ element, extensions: createEditorExtensions(), content });
  editors.push(editor);
  return editor;
}

describe('the panel’s model', () => {
  it('groups entries by suggestion id in text order, with the kind in words', () => {
    const items = groupSuggestions(listSuggestions(editorWith(DOC).state.doc));
    expect(items.map((i) => i.id)).toEqual(['s1', 's2', 's3', 's4']);
    expect(items.map((i) => t(KIND_LABELS[i.kind]))).toEqual(['wstawienie', 'zamiana', 'nowy akapit', 'usunięcie akapitu']);
    expect(items.map((i) => i.authorId)).toEqual(['piotr', 'anna', 'ewa', 'piotr']);
    expect(partTexts(items[1])).toEqual({ deleted: 'wodną', inserted: 'rowerową' });
    // A new paragraph's text is shown once (the inline part), not twice.
    expect(partTexts(items[2])).toEqual({ deleted: '', inserted: 'Nowy akapit eksperta.' });
    expect(partTexts(items[3])).toEqual({ deleted: 'Akapit do usunięcia.', inserted: '' });
    expect(items[1].from).toBeLessThan(items[1].to);
  });

  it('labels the plain kinds too', () => {
    expect(t(KIND_LABELS.insert)).toBe('wstawienie');
    expect(t(KIND_LABELS.delete)).toBe('usunięcie');
  });

  it('filters by author and by organisation, and offers only people and organisations with open suggestions', () => {
    const items = groupSuggestions(listSuggestions(editorWith(DOC).state.doc));
    const ids = (f: typeof NO_FILTER) => items.filter((i) => matchesSuggestionFilter(i, f, people)).map((i) => i.id);
    expect(ids(NO_FILTER)).toEqual(['s1', 's2', 's3', 's4']);
    expect(ids({ authorId: 'piotr', organizationId: '' })).toEqual(['s1', 's4']);
    expect(ids({ authorId: '', organizationId: 'zmp' })).toEqual(['s1', 's3', 's4']);
    expect(ids({ authorId: 'anna', organizationId: 'zmp' })).toEqual([]);
    expect(authorOptions(items, people, '?').map((o) => o.label)).toEqual(['Anna Nowak', 'Ewa Kowalska', 'Piotr Lewandowski']);
    expect(organizationOptions(items, people)).toEqual([
      { value: 'tuczno', label: 'Gmina i Miasto Tuczno' },
      { value: 'zmp', label: 'Związek Miast Polskich' },
    ]);
    expect(authorOptions(groupSuggestions(listSuggestions(editorWith(ONE_BY_SOMEONE_GONE).state.doc)), people, 'Nieznana osoba'))
      .toEqual([{ value: 'gone', label: 'Nieznana osoba' }]);
  });

  it('bulk decisions follow the filter: one person, else one organisation, else all', () => {
    expect(bulkRequest(bulkScope(NO_FILTER))).toEqual({ all: true });
    expect(bulkRequest(bulkScope({ authorId: 'piotr', organizationId: 'zmp' }))).toEqual({ authorId: 'piotr' });
    expect(bulkRequest(bulkScope({ authorId: '', organizationId: 'zmp' }))).toEqual({ organizationId: 'zmp' });
  });

  it('shortens long excerpts with an ellipsis and collapses whitespace', () => {
    expect(excerpt('a  b\n c')).toBe('a b c');
    const long = excerpt('słowo '.repeat(50), 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('who suggested it', () => {
  it('reads „Anna Nowak · Gmina i Miasto Tuczno · 26 listopada 2026, 14:03”', () => {
    const fmt = (iso: string) => formatDateTime(iso, 'pl', 'Europe/Warsaw');
    expect(attributionText(people, { authorId: 'anna', createdAt: AT }, fmt, 'Nieznana osoba'))
      .toBe('Anna Nowak · Gmina i Miasto Tuczno · 26 listopada 2026, 14:03');
    expect(attributionText(people, { authorId: 'removed', createdAt: AT }, fmt, 'Nieznana osoba'))
      .toBe('Nieznana osoba · 26 listopada 2026, 14:03');
  });

  it('finds the suggestion at the caret: inside or next to marked text, inside a suggested block, none elsewhere', () => {
    const editor = editorWith(DOC);
    const doc = editor.state.doc;
    const posOf = (needle: string) => {
      let found = -1;
      doc.descendants((node, pos) => {
        if (found < 0 && node.isText && node.text!.includes(needle)) found = pos + node.text!.indexOf(needle);
        return found < 0;
      });
      return found;
    };
    expect(suggestionAtPos(doc, posOf('nowoczesną') + 3)).toMatchObject({ id: 's1', authorId: 'piotr', kind: 'insert' });
    expect(suggestionAtPos(doc, posOf('wodną') + 1)).toMatchObject({ id: 's2', kind: 'delete' });
    expect(suggestionAtPos(doc, posOf('Akapit do') + 2)).toMatchObject({ id: 's4', kind: 'blockDelete' });
    expect(suggestionAtPos(doc, posOf('Partnerstwo') + 2)).toBeNull();
  });

  it('hovering an insertion shows its kind and author · organisation · date in a tooltip', async () => {
    const editor = editorWith(DOC);
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => {
      root.render(<I18nProvider><AnnouncerProvider><SuggestionTooltip editor={editor} people={people} /></AnnouncerProvider></I18nProvider>);
    });
    expect(document.querySelector('[role="tooltip"]')).toBeNull();
    const ins = editor.view.dom.querySelector('ins[data-suggestion-id="s1"] span') ?? editor.view.dom.querySelector('ins[data-suggestion-id="s1"]');
    expect(ins).not.toBeNull();
    await act(async () => {
      ins!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    });
    const tip = document.querySelector('[role="tooltip"]');
    expect(tip?.hasAttribute('hidden')).toBe(false);
    expect(tip?.textContent).toBe(`Sugestia: wstawienie${'Piotr Lewandowski · Związek Miast Polskich · '}${formatDateTime(AT, 'pl')}`);
    // Escape hides it (WCAG 1.4.13: dismissible).
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(document.querySelector('[role="tooltip"]:not([hidden])')).toBeNull();
    // A suggested block names its author too.
    const blockEl = editor.view.dom.querySelector('[data-suggestion-type="delete"]');
    await act(async () => {
      blockEl!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    });
    expect(document.querySelector('[role="tooltip"]')?.textContent).toContain('Sugestia: usunięcie akapitu');
    await act(async () => root.unmount());
  });
});

describe('the panel’s controls', () => {
  const items = () => groupSuggestions(listSuggestions(editorWith(DOC).state.doc));
  const fake = (over: Partial<ChapterSuggestions['options']['permissions']>, myId = 'piotr'): ChapterSuggestions => ({
    editor: editors[0], people, items: items(), suggesting: true, forcedReason: null, busy: false, error: null,
    options: {
      chapterId: 'c', partnershipId: 'p', events: null, myId, suggestLock: false, frozen: false,
      permissions: { edit: false, suggest: true, review: false, manage: false, ...over },
    },
    toggle: () => undefined, goTo: () => undefined, select: () => undefined, decide: async () => undefined,
    withdraw: async () => undefined, comment: () => undefined, setLock: async () => undefined,
  });
  const html = (node: React.ReactNode) => {
    const el = document.createElement('div');
    el.innerHTML = renderToStaticMarkup(<I18nProvider>{node}</I18nProvider>);
    return el;
  };
  const buttons = (el: HTMLElement) => [...el.querySelectorAll('button')].map((b) => b.textContent?.trim());

  it('an expert withdraws his own suggestion, but neither accepts nor rejects', () => {
    const s = fake({});
    const el = html(<SuggestionCard item={s.items[0]} suggestions={s} />);
    expect(buttons(el)).toEqual(['Wycofaj', 'Skomentuj', 'Pokaż w tekście']);
    expect(el.textContent).toContain('Piotr Lewandowski · Związek Miast Polskich · ');
    expect(el.querySelector('ins')?.textContent).toBe('„nowoczesną”');
    // Someone else's: no „Wycofaj”.
    expect(buttons(html(<SuggestionCard item={s.items[1]} suggestions={s} />))).toEqual(['Skomentuj', 'Pokaż w tekście']);
  });

  it('a reviewer accepts and rejects; bulk buttons name what they act on', () => {
    const s = fake({ edit: true, review: true }, 'anna');
    const el = html(<SuggestionCard item={s.items[0]} suggestions={s} />);
    expect(buttons(el)).toEqual(['✓ Akceptuj', '✕ Odrzuć', 'Skomentuj', 'Pokaż w tekście']);
    expect(buttons(html(<BulkActions scope={{ scope: 'all' }} count={4} suggestions={s} />))).toEqual(['Akceptuj wszystkie', 'Odrzuć wszystkie']);
    expect(buttons(html(<BulkActions scope={{ scope: 'author', authorId: 'piotr' }} count={2} suggestions={s} />)))
      .toEqual(['Akceptuj wszystkie od tej osoby', 'Odrzuć wszystkie od tej osoby']);
    expect(buttons(html(<BulkActions scope={{ scope: 'organization', organizationId: 'zmp' }} count={3} suggestions={s} />)))
      .toEqual(['Akceptuj wszystkie od tej organizacji', 'Odrzuć wszystkie od tej organizacji']);
    expect(buttons(html(<BulkActions scope={{ scope: 'all' }} count={0} suggestions={s} />))).toEqual([]);
  });

  it('shortcuts: Ctrl+Shift+E toggles, Alt+] / Alt+[ move, by physical key', () => {
    expect(isToggleShortcut(new KeyboardEvent('keydown', { code: 'KeyE', key: 'E', ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isToggleShortcut(new KeyboardEvent('keydown', { code: 'KeyE', key: 'e', ctrlKey: true }))).toBe(false);
    // AltGr+S („ś”) must never toggle the mode.
    expect(isToggleShortcut(new KeyboardEvent('keydown', { code: 'KeyS', key: 'ś', ctrlKey: true, altKey: true }))).toBe(false);
    expect(navigationShortcut(new KeyboardEvent('keydown', { code: 'BracketRight', key: ']', altKey: true }))).toBe('next');
    expect(navigationShortcut(new KeyboardEvent('keydown', { code: 'BracketLeft', key: '[', altKey: true }))).toBe('previous');
    expect(navigationShortcut(new KeyboardEvent('keydown', { code: 'BracketLeft', key: '[' }))).toBeNull();
  });
});
