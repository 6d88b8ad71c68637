/**
 * An adoption's signed resolution (PDF): a download link for members when one is attached
 * (with the start of its SHA-256), and for people who may record that partner's adoption a
 * file field to attach or replace it. The server checks the bytes; this only names the limits.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { ResolutionLimits, type AdoptionDto } from '../../shared/procedure/adoptions.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { resolutionApi, resolutionUrl } from './api.ts';

export function ResolutionFile({ adoption, canAttach, onAttached }: { adoption: AdoptionDto; canAttach: boolean; onAttached: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const id = useId();
  const { busy, error, setError, run } = useApiAction();
  const [key, setKey] = useState(0);

  const attach = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > ResolutionLimits.maxBytes) {
      setError(t('errors.resolution_too_large'));
      return;
    }
    const done = await run(() => resolutionApi.attach(adoption.id, file));
    setKey((k) => k + 1);
    if (done) {
      announce(t('adoptions.resolutionAttached'));
      onAttached();
    }
  };

  return (
    <span className="adoption-resolution">
      {adoption.resolution && (
        <>
          <br />
          <a href={resolutionUrl(adoption.id)} download>{t('adoptions.resolutionDownload')}</a>{' '}
          <span className="muted mono">SHA-256 {adoption.resolution.sha256.slice(0, 12)}…</span>
        </>
      )}
      {canAttach && (
        <>
          <br />
          <label htmlFor={id}>{t(adoption.resolution ? 'adoptions.resolutionReplace' : 'adoptions.resolutionAttach', { org: adoption.organization.name })}</label>
          <input key={key} id={id} type="file" accept="application/pdf,.pdf" disabled={busy} onChange={(e) => void attach(e)} />
          {error && <span role="alert" className="form-error"> {error}</span>}
        </>
      )}
    </span>
  );
}
