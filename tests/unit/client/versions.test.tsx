// @vitest-environment happy-dom
/**
 * Versions UI without a browser: the compare rendering (segments → <ins>/<del> with words for
 * screen readers and the author), counts with Polish plural forms, version titles and kinds in
 * words, audit action labels, the HTML allow-list, and the copied field limits.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CompareResponse, DiffSegmentDto } from '../../../shared/apiTypes.ts';
import { VERSION_KINDS } from '../../../shared/domain.ts';
import { auditActionLabel, auditDetails, AUDIT_ACTIONS } from '../../../client/audit/actions.ts';
import { matchRoute, paths } from '../../../client/router/routes.ts';
import { en } from '../../../client/i18n/en.ts';
import { formatDateTime, interpolate } from '../../../client/i18n/format.ts';
import { I18nProvider } from '../../../client/i18n/I18nProvider.tsx';
import { pl, type MessageKey } from '../../../client/i18n/pl.ts';
import { CompareText } from '../../../client/versions/CompareText.tsx';
import { CompareResult } from '../../../client/versions/CompareView.tsx';
import { changeItems, compareSummary, pluralForm } from '../../../client/versions/compareModel.ts';
import { changedByLabel, kindLabel, optionLabel, versionTitle } from '../../../client/versions/labels.ts';
import { sanitizeVersionHtml } from '../../../client/versions/sanitizeHtml.ts';
import { strategyFrozenKey } from '../../../client/versions/StrategyMilestones.tsx';

const t = (key: MessageKey, params?: Record<string, string | number>) => interpolate(pl[key], params);
const tEn = (key: MessageKey, params?: Record<string, string | number>) => interpolate(en[key], params);
const fmt = (iso: string) => formatDateTime(iso, 'pl', 'Europe/Warsaw');
const marek = { id: 'u1', name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno' };

const segments: DiffSegmentDto[] = [
  { op: 'equal', text: 'Partnerstwo rozwija turystykę ' },
  { op: 'insert', text: 'rowerową i ', author: marek },
  { op: 'delete', text: 'wodną' },
  { op: 'equal', text: '.\nDrugi akapit ' },
  { op: 'insert', text: 'bez autora' },
];

const render = (node: React.ReactNode) => {
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(<I18nProvider>{node}</I18nProvider>);
  return host;
};

describe('compare rendering', () => {
  it('turns segments into <ins>/<del> with screen-reader words and the known author', () => {
    const host = render(<CompareText segments={segments} />);
    const ins = host.querySelectorAll('ins');
    const del = host.querySelectorAll('del');
    expect(ins).toHaveLength(2);
    expect(del).toHaveLength(1);
    expect(ins[0].textContent).toBe('[wstawiono (Marek Zieliński · Gmina i Miasto Tuczno): rowerową i  koniec wstawienia]');
    expect(ins[0].getAttribute('title')).toBe('Marek Zieliński · Gmina i Miasto Tuczno');
    expect(ins[1].textContent).toBe('[wstawiono: bez autora koniec wstawienia]');
    expect(ins[1].hasAttribute('title')).toBe(false);
    expect(del[0].textContent).toBe('[usunięto: wodną koniec usunięcia]');
    // The words are visually hidden, the changed text is not.
    expect(ins[0].querySelectorAll('.visually-hidden')).toHaveLength(2);
    // The visible author tag is hidden from screen readers (they hear the name inside <ins>).
    const tag = host.querySelector('.diff-author');
    expect(tag?.textContent).toBe('Marek Zieliński');
    expect(tag?.getAttribute('aria-hidden')).toBe('true');
    // Unchanged text and block breaks are kept as they are (shown with pre-wrap).
    expect(host.querySelector('.diff-text')?.textContent).toContain('.\nDrugi akapit ');
  });

  it('shows the counts and the list of changes', () => {
    const result: CompareResponse = {
      chapterId: 'c1',
      from: { id: 'v1', name: 'Projekt do konsultacji', kind: 'named', createdAt: '2026-11-26T13:03:00.000Z' },
      to: { id: 'current', name: null, kind: 'current', createdAt: '2026-11-27T09:00:00.000Z' },
      segments,
      counts: { insertions: 2, deletions: 1, insertedWords: 4, deletedWords: 1 },
    };
    const host = render(<CompareResult result={result} />);
    expect(host.querySelector('.compare-summary')?.textContent).toBe('Zmiany: 2 wstawienia (4 słowa), 1 usunięcie (1 słowo).');
    expect(host.textContent).toContain('Od: Projekt do konsultacji (nazwana) → do: Bieżąca treść (bieżąca)');
    const items = [...host.querySelectorAll('.change-list li')].map((li) => li.textContent);
    expect(items).toEqual([
      'Wstawiono: „rowerową i” — Marek Zieliński · Gmina i Miasto Tuczno',
      'Usunięto: „wodną”',
      'Wstawiono: „bez autora”',
    ]);
  });

  it('counts with Polish plural forms and says when nothing changed', () => {
    expect([1, 2, 4, 5, 12, 22, 25].map((n) => pluralForm('pl', n))).toEqual(['one', 'few', 'few', 'many', 'many', 'few', 'many']);
    expect(pluralForm('en', 1)).toBe('one');
    expect(pluralForm('en', 3)).toBe('many');
    expect(compareSummary(t, 'pl', { insertions: 5, deletions: 0, insertedWords: 22, deletedWords: 0 })).toBe('Zmiany: 5 wstawień (22 słowa), 0 usunięć (0 słów).');
    expect(compareSummary(t, 'pl', { insertions: 0, deletions: 0, insertedWords: 0, deletedWords: 0 })).toBe('Brak zmian w treści.');
    expect(compareSummary(tEn, 'en', { insertions: 1, deletions: 2, insertedWords: 1, deletedWords: 3 })).toBe('Changes: 1 insertion (1 word), 2 deletions (3 words).');
  });

  it('lists block breaks inside a change as ¶', () => {
    expect(changeItems([{ op: 'insert', text: 'Nowy\nakapit  ' }, { op: 'delete', text: '\n' }])).toEqual([
      { op: 'insert', text: 'Nowy ¶ akapit', author: null },
      { op: 'delete', text: '¶', author: null },
    ]);
  });
});

describe('version labels', () => {
  it('names each kind in words', () => {
    expect(VERSION_KINDS.map((k) => kindLabel(t, k))).toEqual(['automatyczna', 'nazwana', 'zatwierdzona']);
    expect(kindLabel(t, 'current')).toBe('bieżąca');
  });

  it('calls an automatic version by its Polish date and time, a named one by its name', () => {
    const at = '2026-11-26T13:03:00.000Z';
    expect(versionTitle(t, fmt, { name: null, kind: 'auto', createdAt: at })).toBe('26 listopada 2026, 14:03');
    expect(versionTitle(t, fmt, { name: 'Po warsztatach 12 marca', kind: 'named', createdAt: at })).toBe('Po warsztatach 12 marca');
    expect(versionTitle(t, fmt, { name: null, kind: 'approved', createdAt: at })).toBe('Wersja zatwierdzona 26 listopada 2026, 14:03');
    expect(versionTitle(t, fmt, { name: null, kind: 'current', createdAt: at })).toBe('Bieżąca treść');
    const summary = { id: 'v', chapterId: 'c', name: 'Projekt', kind: 'named' as const, note: null, createdAt: at, createdBy: marek, changedBy: [], milestoneId: null };
    expect(optionLabel(t, fmt, summary)).toBe('Projekt — 26 listopada 2026, 14:03 (nazwana)');
  });

  it('says who changed the text since the version before, person · organisation', () => {
    expect(changedByLabel(t, [])).toBeNull();
    expect(changedByLabel(t, [marek, { id: 'u2', name: 'Anna Nowak', organization: 'Gmina i Miasto Mirosławiec' }]))
      .toBe('Zmiany od poprzedniej wersji: Marek Zieliński · Gmina i Miasto Tuczno; Anna Nowak · Gmina i Miasto Mirosławiec');
  });

  it('describes the strategy’s frozen state', () => {
    expect(strategyFrozenKey(16, 16)).toBe('milestones.allFrozen');
    expect(strategyFrozenKey(3, 16)).toBe('milestones.someFrozen');
    expect(strategyFrozenKey(0, 16)).toBe('milestones.noneFrozen');
    expect(strategyFrozenKey(0, 0)).toBe('milestones.noneFrozen');
  });
});

describe('audit labels', () => {
  it('has Polish words for every action and shows unknown actions by code', () => {
    for (const action of AUDIT_ACTIONS) expect(auditActionLabel(t, action), action).not.toBe(action);
    expect(auditActionLabel(t, 'chapter.frozen')).toBe('Zatwierdzenie i zamrożenie rozdziału');
    expect(auditActionLabel(t, 'something.new')).toBe('something.new');
  });

  it('shows the readable details only', () => {
    expect(auditDetails({ reason: 'Poprawka', frozenNote: 'Uchwała 3/2021', approvedVersionId: 'X', chapters: [{}, {}] }))
      .toEqual([{ label: 'audit.detail.reason', text: 'Poprawka' }, { label: 'audit.detail.frozenNote', text: 'Uchwała 3/2021' }, { label: 'audit.detail.chapters', text: '2' }]);
  });

  it('routes /partnerstwo/:id/dziennik to the audit page', () => {
    expect(matchRoute(paths.audit('p 1'))).toEqual({ name: 'audit', partnershipId: 'p 1' });
    expect(matchRoute('/partnerstwo/p1/inne')).toEqual({ name: 'notFound' });
  });
});

describe('version HTML allow-list', () => {
  it('keeps the server renderer’s elements and drops script, handlers and unsafe links', () => {
    const html = '<h2>Cele</h2>\n<p><strong>Ważne</strong> <a href="https://walcz.pl">link</a> <a href="javascript:alert(1)">zły</a></p>'
      + '<p onclick="alert(1)">x<img src=x onerror="alert(1)"><script>alert(1)</script></p><table><tbody><tr><td colspan="2" style="color:red">k</td></tr></tbody></table>';
    const out = sanitizeVersionHtml(html);
    expect(out).toContain('<h2>Cele</h2>');
    expect(out).toContain('<strong>Ważne</strong>');
    expect(out).toContain('<a href="https://walcz.pl" rel="noopener noreferrer">link</a>');
    expect(out).toContain('<a>zły</a>');
    expect(out).toContain('<td colspan="2">k</td>');
    expect(out).not.toMatch(/script|onclick|onerror|<img|style=|javascript:/);
  });
});
