/**
 * The compare result in words: counts with Polish plural forms („1 wstawienie”, „2 wstawienia”,
 * „5 wstawień”) and the list of changes with their authors. Pure functions, unit-tested.
 */
import type { CompareResponse, DiffSegmentDto, PersonRef } from '../../shared/apiTypes.ts';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/pl.ts';
import type { Translate } from './labels.ts';

type Counted = 'versions.count.insertions' | 'versions.count.deletions' | 'versions.count.words';
type PluralForm = 'one' | 'few' | 'many';

const rules: Partial<Record<Lang, Intl.PluralRules>> = {};

/** The plural form a count takes: Polish one / few / many; English one / many. */
export function pluralForm(lang: Lang, n: number): PluralForm {
  const rule = (rules[lang] ??= new Intl.PluralRules(lang === 'pl' ? 'pl-PL' : 'en-GB')).select(n);
  if (rule === 'one') return 'one';
  return lang === 'pl' && rule === 'few' ? 'few' : 'many';
}

/** „3 wstawienia”, „1 słowo”… */
export function countLabel(t: Translate, lang: Lang, what: Counted, n: number): string {
  return t(`${what}.${pluralForm(lang, n)}` as MessageKey, { count: n });
}

/** One sentence: „Zmiany: 2 wstawienia (5 słów), 1 usunięcie (1 słowo).”; „Brak zmian.” when equal. */
export function compareSummary(t: Translate, lang: Lang, counts: CompareResponse['counts']): string {
  if (counts.insertions === 0 && counts.deletions === 0) return t('versions.compare.noChanges');
  return t('versions.compare.summary', {
    insertions: countLabel(t, lang, 'versions.count.insertions', counts.insertions),
    insertedWords: countLabel(t, lang, 'versions.count.words', counts.insertedWords),
    deletions: countLabel(t, lang, 'versions.count.deletions', counts.deletions),
    deletedWords: countLabel(t, lang, 'versions.count.words', counts.deletedWords),
  });
}

/** A change for the list under the compared text. */
export interface ChangeItem {
  op: 'insert' | 'delete';
  /** The changed text with block breaks shown as „ ¶ ” and runs of spaces collapsed. */
  text: string;
  author: PersonRef | null;
}

/** Insertions and deletions in text order (unchanged passages left out). */
export function changeItems(segments: readonly DiffSegmentDto[]): ChangeItem[] {
  return segments
    .filter((s): s is DiffSegmentDto & { op: 'insert' | 'delete' } => s.op !== 'equal')
    .map((s) => ({ op: s.op, text: s.text.replace(/\n+/g, ' ¶ ').replace(/\s+/g, ' ').trim() || '¶', author: s.author ?? null }));
}
