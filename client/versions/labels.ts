/**
 * Words for versions, pure functions of a translator (no React): a version's title (its name,
 * or the Polish date and time of an automatic version), its kind in words (never colour
 * alone), and who changed the text since the version before.
 */
import type { PersonRef, VersionSummaryDto } from '../../shared/apiTypes.ts';
import type { VersionKind } from '../../shared/domain.ts';
import type { MessageKey } from '../i18n/pl.ts';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type FormatDate = (iso: string) => string;

/** A symbol per kind, shown next to the words (○ automatic, ◆ named, ✔ approved). */
export const KIND_SYMBOLS: Record<VersionKind | 'current', string> = { auto: '○', named: '◆', approved: '✔', current: '●' };

/** „automatyczna” / „nazwana” / „zatwierdzona” (or „bieżąca treść” for the live text). */
export function kindLabel(t: Translate, kind: VersionKind | 'current'): string {
  return t(`versions.kind.${kind}`);
}

/** The version's name; an automatic version (no name) is called by its date and time. */
export function versionTitle(t: Translate, formatDate: FormatDate, v: { name: string | null; kind: VersionKind | 'current'; createdAt: string }): string {
  if (v.kind === 'current') return t('versions.current');
  if (v.name) return v.name;
  if (v.kind === 'approved') return t('versions.approvedOn', { date: formatDate(v.createdAt) });
  return formatDate(v.createdAt);
}

/** „Anna Nowak · Gmina i Miasto Tuczno”. */
export function personLabel(t: Translate, p: PersonRef): string {
  return t('versions.person', { name: p.name, organization: p.organization });
}

/** Who changed the text since the previous version, as one sentence; null when nobody did. */
export function changedByLabel(t: Translate, people: readonly PersonRef[]): string | null {
  if (people.length === 0) return null;
  return t('versions.changedBy', { people: people.map((p) => personLabel(t, p)).join('; ') });
}

/** One option label for the compare pickers: title and kind (“Projekt do konsultacji (nazwana)”). */
export function optionLabel(t: Translate, formatDate: FormatDate, v: VersionSummaryDto): string {
  const title = versionTitle(t, formatDate, v);
  return v.name ? `${title} — ${formatDate(v.createdAt)} (${kindLabel(t, v.kind)})` : `${title} (${kindLabel(t, v.kind)})`;
}
