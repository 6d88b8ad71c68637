/** Recording a partner's resolution adopting a milestone's text (coordinator: any partner; editor: their own). */
import { useState, type FormEvent } from 'react';
import { ADOPTING_BODIES, AdoptionLimits, type AdoptingBody, type AdoptionMatrixDto } from '../../shared/procedure/adoptions.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { adoptionApi } from './api.ts';

export function AdoptionForm({ matrix, organizations, onRecorded }: {
  matrix: AdoptionMatrixDto;
  organizations: AdoptionMatrixDto['organizations'];
  onRecorded: () => void;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, setError, run } = useApiAction();
  const current = matrix.milestones.filter((m) => !m.stale);
  const [milestoneId, setMilestoneId] = useState(current[0]?.id ?? '');
  const [organizationId, setOrganizationId] = useState(organizations[0]?.id ?? '');
  const [body, setBody] = useState<AdoptingBody>('rada_gminy');
  const [resolutionNumber, setNumber] = useState('');
  const [resolutionDate, setDate] = useState('');
  const [bipUrl, setBip] = useState('');
  if (organizations.length === 0) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!resolutionNumber.trim() || !resolutionDate || !bipUrl.trim().startsWith('https://')) {
      setError(t('adoptions.formIncomplete'));
      return;
    }
    const done = await run(() => adoptionApi.record(milestoneId, { organizationId, body, resolutionNumber, resolutionDate, bipUrl: bipUrl.trim() }));
    if (done) {
      announce(t('adoptions.recorded'));
      setNumber('');
      setDate('');
      setBip('');
      onRecorded();
    }
  };

  return (
    <form className="adoption-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('adoptions.formTitle')}</h3>
      <p><label htmlFor="ad-milestone">{t('adoptions.milestone')}</label><br />
        <select id="ad-milestone" value={milestoneId} onChange={(e) => setMilestoneId(e.target.value)}>
          {current.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select></p>
      <p><label htmlFor="ad-org">{t('adoptions.partner')}</label><br />
        <select id="ad-org" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
          {organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select></p>
      <p><label htmlFor="ad-body">{t('adoptions.bodyLabel')}</label><br />
        <select id="ad-body" value={body} onChange={(e) => setBody(e.target.value as AdoptingBody)}>
          {ADOPTING_BODIES.map((b) => <option key={b} value={b}>{t(`adoptions.body.${b}`)}</option>)}
        </select></p>
      <p><label htmlFor="ad-number">{t('adoptions.number')}</label><br />
        <input id="ad-number" value={resolutionNumber} maxLength={AdoptionLimits.maxResolutionNumber} onChange={(e) => setNumber(e.target.value)} /></p>
      <p><label htmlFor="ad-date">{t('adoptions.date')}</label><br />
        <input id="ad-date" type="date" value={resolutionDate} onChange={(e) => setDate(e.target.value)} /></p>
      <p><label htmlFor="ad-bip">{t('adoptions.bipLabel')}</label><br />
        <input id="ad-bip" type="url" inputMode="url" value={bipUrl} maxLength={AdoptionLimits.maxBipUrl} placeholder="https://bip…" onChange={(e) => setBip(e.target.value)} /></p>
      {error && <p role="alert" className="form-error">{error}</p>}
      <button type="submit" className="button-primary" disabled={busy}>{t('adoptions.submit')}</button>
    </form>
  );
}
