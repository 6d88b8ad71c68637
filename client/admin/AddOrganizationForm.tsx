/**
 * Adds an organisation to a partnership: a local government picked from the TERC list
 * (searched by name or code; the code is what is stored), or another body typed in (ZMP,
 * the marshal office, a consultancy, an NGO). Used by administrators and coordinators.
 */
import { useState, type FormEvent } from 'react';
import type { AddOrganizationRequest } from '../../shared/api.ts';
import { ORGANIZATION_NAME_MAX, OTHER_ORGANIZATION_KINDS, TERC_QUERY_MAX, type TercUnitDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { adminApi } from './adminApi.ts';

export function AddOrganizationForm({ idPrefix, add }: { idPrefix: string; add: (body: AddOrganizationRequest) => Promise<unknown> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [source, setSource] = useState<'terc' | 'other'>('terc');
  const [query, setQuery] = useState('');
  const [units, setUnits] = useState<TercUnitDto[] | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof OTHER_ORGANIZATION_KINDS)[number]>('inne');
  const [isLeader, setIsLeader] = useState(false);
  const { busy, error, setError, run } = useApiAction();
  const id = (s: string) => `${idPrefix}-${s}`;

  const search = async () => {
    const found = await run(() => adminApi.terc(query.trim()));
    if (!found) return;
    setUnits(found);
    setCode(found.length === 1 ? found[0].code : '');
    announce(t('orgs.found', { count: found.length }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (source === 'terc' && !code) return setError(t('orgs.pickUnit'));
    if (source === 'other' && !name.trim()) return setError(t('orgs.nameRequired'));
    const body: AddOrganizationRequest = source === 'terc' ? { terc: code, isLeader } : { name: name.trim(), kind, isLeader };
    const done = await run(async () => {
      await add(body);
      return true;
    });
    if (!done) return;
    announce(t('orgs.added'));
    setUnits(null);
    setCode('');
    setName('');
    setQuery('');
    setIsLeader(false);
  };

  return (
    <form onSubmit={submit} noValidate className="stacked-form" aria-labelledby={id('title')}>
      <h3 id={id('title')}>{t('orgs.addTitle')}</h3>
      <fieldset>
        <legend>{t('orgs.source')}</legend>
        <label><input type="radio" name={id('source')} checked={source === 'terc'} onChange={() => setSource('terc')} /> {t('orgs.sourceTerc')}</label>
        <label><input type="radio" name={id('source')} checked={source === 'other'} onChange={() => setSource('other')} /> {t('orgs.sourceOther')}</label>
      </fieldset>
      {source === 'terc' ? (
        <>
          <label htmlFor={id('q')}>{t('orgs.search')}</label>
          <div className="inline-form">
            <input id={id('q')} value={query} maxLength={TERC_QUERY_MAX} aria-describedby={id('q-hint')} onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void search(); } }} />
            <button type="button" onClick={() => void search()} disabled={busy}>{t('orgs.searchButton')}</button>
          </div>
          <p id={id('q-hint')} className="muted">{t('orgs.searchHint')}</p>
          {units && units.length === 0 && <p>{t('orgs.noneFound')}</p>}
          {units && units.length > 0 && (
            <fieldset>
              <legend>{t('orgs.pickUnit')}</legend>
              {units.map((u) => (
                <label key={u.code} className="choice">
                  <input type="radio" name={id('unit')} value={u.code} checked={code === u.code} onChange={() => setCode(u.code)} />
                  {' '}{u.name} <span className="muted">({u.description}, TERC {u.code})</span>
                </label>
              ))}
            </fieldset>
          )}
        </>
      ) : (
        <>
          <label htmlFor={id('name')}>{t('orgs.name')}</label>
          <input id={id('name')} value={name} maxLength={ORGANIZATION_NAME_MAX} onChange={(e) => setName(e.target.value)} />
          <label htmlFor={id('kind')}>{t('orgs.kind')}</label>
          <select id={id('kind')} value={kind} onChange={(e) => setKind(e.target.value as (typeof OTHER_ORGANIZATION_KINDS)[number])}>
            {OTHER_ORGANIZATION_KINDS.map((k) => <option key={k} value={k}>{t(`orgKind.${k}`)}</option>)}
          </select>
        </>
      )}
      <label className="choice"><input type="checkbox" checked={isLeader} onChange={(e) => setIsLeader(e.target.checked)} /> {t('orgs.leader')}</label>
      <FormError message={error} />
      <button type="submit" className="button-primary" disabled={busy}>{t('orgs.add')}</button>
    </form>
  );
}
