/**
 * One version opened read-only in a dialog: its facts, its SHA-256 (checked here against the
 * HTML received, so anyone can see the published text is the approved one), and the text.
 */
import { useEffect, useMemo, useState } from 'react';
import type { VersionDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { versionTitle } from './labels.ts';
import { Modal } from './Modal.tsx';
import { sanitizeVersionHtml } from './sanitizeHtml.ts';
import { sha256Hex } from './sha256.ts';
import { useLoad } from './useLoad.ts';
import { VersionMeta } from './VersionMeta.tsx';
// Figures in a version's text (issue 14): images fit the dialog's width.
import '../figures/figures.css';
import { ExportLinks } from '../export/ExportLinks.tsx';

export interface VersionViewerProps {
  versionId: string;
  canRestore: boolean;
  onCompare: (version: VersionDto) => void;
  onRestore: (version: VersionDto) => void;
  onClose: () => void;
}

function Checksum({ version }: { version: VersionDto }) {
  const { t } = useI18n();
  const [matches, setMatches] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void sha256Hex(version.html).then((hex) => live && setMatches(hex === null ? null : hex === version.sha256));
    return () => {
      live = false;
    };
  }, [version]);
  return (
    <div className={`checksum${version.kind === 'approved' ? ' checksum-approved' : ''}`}>
      <p className="checksum-label">{t('versions.sha256')}</p>
      <code className="mono checksum-value">{version.sha256}</code>
      {matches === true && <p className="checksum-ok"><span aria-hidden="true">✔ </span>{t('versions.sha256Ok')}</p>}
      {matches === false && <p className="form-error" role="alert"><span aria-hidden="true">⚠ </span>{t('versions.sha256Bad')}</p>}
      <p className="muted">{t('versions.sha256Help')}</p>
    </div>
  );
}

export function VersionViewer({ versionId, canRestore, onCompare, onRestore, onClose }: VersionViewerProps) {
  const { t, formatDate } = useI18n();
  const state = useLoad(() => api.version(versionId), [versionId]);
  const version = state.status === 'ready' ? state.value : null;
  const safeHtml = useMemo(() => (version ? sanitizeVersionHtml(version.html) : ''), [version]);
  const title = version ? t('versions.viewTitle', { title: versionTitle(t, formatDate, version) }) : t('versions.viewLoading');

  return (
    <Modal title={title} onClose={onClose} size="wide">
      {state.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.status === 'error' && <p role="alert" className="form-error">{t(errorMessageKey(state.error))}</p>}
      {version && (
        <>
          <VersionMeta version={version} />
          <div className="dialog-actions">
            <button type="button" onClick={() => onCompare(version)}>{t('versions.compareWithCurrent')}</button>
            {canRestore && <button type="button" onClick={() => onRestore(version)}>{t('versions.restore')}</button>}
          </div>
          <ExportLinks base={`/api/chapters/${version.chapterId}/export`} query={{ version: version.id }} label={t('export.version')} />
          <Checksum version={version} />
          <h3 className="visually-hidden">{t('versions.textHeading')}</h3>
          {/* The HTML is the server renderer's escaped output (server/render/html.ts), trusted, and
              additionally passed through an allow-list sanitizer before insertion (sanitizeHtml.ts). */}
          <div className="chapter-text version-text" lang="pl" dangerouslySetInnerHTML={{ __html: safeHtml }} />
        </>
      )}
    </Modal>
  );
}
