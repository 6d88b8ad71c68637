/** The facts of one version: kind in words, when, by whom, the freeze note, who changed the text before it. */
import type { VersionSummaryDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { changedByLabel, KIND_SYMBOLS, kindLabel, personLabel } from './labels.ts';

export function VersionKindBadge({ kind }: { kind: VersionSummaryDto['kind'] }) {
  const { t } = useI18n();
  return (
    <span className={`version-kind version-kind-${kind}`}>
      <span aria-hidden="true">{KIND_SYMBOLS[kind]} </span>
      {t('versions.kindLabel', { kind: kindLabel(t, kind) })}
    </span>
  );
}

export function VersionMeta({ version }: { version: VersionSummaryDto }) {
  const { t, formatDate } = useI18n();
  const changed = changedByLabel(t, version.changedBy);
  return (
    <div className="version-meta">
      <VersionKindBadge kind={version.kind} />
      {version.name && <div><time dateTime={version.createdAt}>{formatDate(version.createdAt)}</time></div>}
      {version.createdBy && <div>{t('versions.createdBy', { person: personLabel(t, version.createdBy) })}</div>}
      {version.note && <div className="version-note">{t('versions.note', { note: version.note })}</div>}
      <div className="muted">{changed ?? t('versions.noChangesBefore')}</div>
    </div>
  );
}
