/** One row of the history list: title, kind in words, facts, and what can be done with it. */
import type { VersionSummaryDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { versionTitle } from './labels.ts';
import { VersionMeta } from './VersionMeta.tsx';

export interface VersionItemActions {
  open(version: VersionSummaryDto): void;
  compareWithCurrent(version: VersionSummaryDto): void;
  restore(version: VersionSummaryDto): void;
}

export function VersionListItem({ version, canRestore, actions }: { version: VersionSummaryDto; canRestore: boolean; actions: VersionItemActions }) {
  const { t, formatDate } = useI18n();
  const title = versionTitle(t, formatDate, version);
  return (
    <li className={`version-item version-item-${version.kind}`} data-version-id={version.id}>
      <h3 className="version-title">
        {version.kind === 'auto' ? <time dateTime={version.createdAt}>{title}</time> : title}
      </h3>
      <VersionMeta version={version} />
      <div className="version-actions">
        <button type="button" className="link-button" aria-label={t('versions.openNamed', { title })} onClick={() => actions.open(version)}>
          {t('versions.open')}
        </button>
        <button type="button" className="link-button" aria-label={t('versions.compareWithCurrentNamed', { title })} onClick={() => actions.compareWithCurrent(version)}>
          {t('versions.compareWithCurrent')}
        </button>
        {canRestore && (
          <button type="button" className="link-button" aria-label={t('versions.restoreNamed', { title })} onClick={() => actions.restore(version)}>
            {t('versions.restore')}
          </button>
        )}
      </div>
    </li>
  );
}
