/**
 * /administracja[/:id] — the installation's administration (issue 16): partnerships, and for
 * one partnership its organisations, strategies and coordinators. Administrators only (the
 * server decides; this page only says so to others).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { PARTNERSHIP_NAME_MAX, type AdminPartnershipDto } from '../../shared/apiTypes.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink, navigate } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { adminApi } from './adminApi.ts';
import { PartnershipAdmin } from './PartnershipAdmin.tsx';
import './admin.css';

export function AdminPage({ partnershipId }: { partnershipId: string | null }) {
  const { t } = useI18n();
  const { state } = useSession();
  const isAdmin = state.status === 'authenticated' && state.me.user.isAdmin;
  const [list, setList] = useState<AdminPartnershipDto[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useApiAction();

  const reload = useCallback(async () => {
    try {
      setList(await adminApi.partnerships());
    } catch (e) {
      setLoadError(t(errorMessageKey(e)));
    }
  }, [t]);
  useEffect(() => {
    if (isAdmin) void reload();
  }, [isAdmin, reload]);

  if (!isAdmin) {
    return (
      <section className="card" aria-labelledby="admin-title">
        <h1 id="admin-title">{t('admin.title')}</h1>
        <p>{t('admin.onlyAdmins')}</p>
      </section>
    );
  }

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('admin.partnershipNameRequired'));
    const created = await run(() => adminApi.createPartnership(name.trim()));
    if (!created) return;
    setName('');
    await reload();
    navigate(paths.admin(created.id));
  };

  const selected = list?.find((p) => p.id === partnershipId) ?? null;
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p className="muted">{t('admin.intro')}</p>
      <section className="card" aria-labelledby="admin-partnerships">
        <h2 id="admin-partnerships">{t('admin.partnerships')}</h2>
        {loadError && <p role="alert" className="form-error">{loadError}</p>}
        {!list && !loadError && <p role="status">{t('app.loading')}</p>}
        {list && list.length === 0 && <p>{t('admin.noPartnerships')}</p>}
        {list && list.length > 0 && (
          <ul className="plain-list">
            {list.map((p) => (
              <li key={p.id}>
                <AppLink href={paths.admin(p.id)} aria-current={p.id === partnershipId ? 'page' : undefined}>{p.name}</AppLink>
                {' '}<span className="muted">{t('admin.partnershipSummary', { orgs: p.organizations.length, coordinators: p.coordinators.length, strategies: p.strategies.length })}</span>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={create} noValidate className="stacked-form">
          <label htmlFor="new-partnership">{t('admin.partnershipName')}</label>
          <input id="new-partnership" value={name} maxLength={PARTNERSHIP_NAME_MAX} onChange={(e) => setName(e.target.value)} />
          <FormError message={error} />
          <button type="submit" className="button-primary" disabled={busy}>{t('admin.createPartnership')}</button>
        </form>
      </section>
      {partnershipId && list && !selected && <p role="alert">{t('errors.not_found')}</p>}
      {selected && <PartnershipAdmin partnership={selected} reload={reload} />}
    </>
  );
}
