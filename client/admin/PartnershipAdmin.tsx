/** One partnership in the administration: its organisations, strategies and coordinators. */
import { useState, type FormEvent } from 'react';
import { EMAIL_MAX, PERSON_NAME_MAX, type AdminPartnershipDto } from '../../shared/apiTypes.ts';
import { Limits } from '../../shared/limits.ts';
import { InvitationLink } from '../dashboard/InvitationLink.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { AddOrganizationForm } from './AddOrganizationForm.tsx';
import { adminApi } from './adminApi.ts';

export function PartnershipAdmin({ partnership: p, reload }: { partnership: AdminPartnershipDto; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState(true);
  const [coordinator, setCoordinator] = useState({ name: '', email: '', organizationId: '' });
  const [invitationUrl, setInvitationUrl] = useState<string | null>(null);
  const orgAction = useApiAction();
  const strategyAction = useApiAction();
  const coordinatorAction = useApiAction();

  const removeOrg = async (id: string, name: string) => {
    const done = await orgAction.run(async () => {
      await adminApi.removeOrganization(p.id, id);
      return true;
    });
    if (!done) return;
    await reload();
    announce(t('orgs.removed', { name }));
  };

  const createStrategy = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return strategyAction.setError(t('admin.strategyTitleRequired'));
    if ((await strategyAction.run(() => adminApi.createStrategy(p.id, { title: title.trim(), template }))) === undefined) return;
    setTitle('');
    await reload();
    announce(t('admin.strategyCreated'));
  };

  const nameCoordinator = async (event: FormEvent) => {
    event.preventDefault();
    const { name, email, organizationId } = coordinator;
    if (!name.trim() || !email.trim() || !organizationId) return coordinatorAction.setError(t('admin.coordinatorRequired'));
    const result = await coordinatorAction.run(() => adminApi.addCoordinator(p.id, { name: name.trim(), email: email.trim(), organizationId }));
    if (!result) return;
    setInvitationUrl(result.invitationUrl ? new URL(result.invitationUrl, location.origin).href : null);
    setCoordinator({ name: '', email: '', organizationId: '' });
    await reload();
    announce(t('admin.coordinatorNamed', { name: result.member.name }));
  };

  return (
    <section aria-labelledby="admin-partnership-title">
      <h2 id="admin-partnership-title">{p.name}</h2>

      <section className="card" aria-labelledby="admin-orgs">
        <h3 id="admin-orgs">{t('admin.organizations')}</h3>
        {p.organizations.length === 0 ? <p>{t('admin.noOrganizations')}</p> : (
          <ul className="plain-list">
            {p.organizations.map((o) => (
              <li key={o.id}>
                {o.name} <span className="muted">({t(`orgKind.${o.kind}`)}{o.terc ? `, TERC ${o.terc}` : ''}{o.isLeader ? `, ${t('orgs.leaderShort')}` : ''})</span>{' '}
                <button type="button" className="button-quiet" disabled={orgAction.busy} onClick={() => void removeOrg(o.id, o.name)}
                  aria-label={t('orgs.removeLabel', { name: o.name })}>{t('orgs.remove')}</button>
              </li>
            ))}
          </ul>
        )}
        <FormError message={orgAction.error} />
        <AddOrganizationForm idPrefix="admin-org" add={async (body) => { await adminApi.addOrganization(p.id, body); await reload(); }} />
      </section>

      <section className="card" aria-labelledby="admin-strategies">
        <h3 id="admin-strategies">{t('admin.strategies')}</h3>
        {p.strategies.length === 0 ? <p>{t('admin.noStrategies')}</p> : (
          <ul className="plain-list">
            {p.strategies.map((s) => (
              <li key={s.id}>{s.title} <span className="muted">({t('admin.chapterCount', { count: s.chapterCount })}{s.archived ? `, ${t('archive.archived')}` : ''})</span></li>
            ))}
          </ul>
        )}
        <form onSubmit={createStrategy} noValidate className="stacked-form">
          <label htmlFor="admin-strategy-title">{t('admin.strategyTitle')}</label>
          <input id="admin-strategy-title" value={title} maxLength={Limits.maxTitleLength} onChange={(e) => setTitle(e.target.value)} />
          <label className="choice"><input type="checkbox" checked={template} onChange={(e) => setTemplate(e.target.checked)} /> {t('admin.useTemplate')}</label>
          <FormError message={strategyAction.error} />
          <button type="submit" className="button-primary" disabled={strategyAction.busy}>{t('admin.createStrategy')}</button>
        </form>
      </section>

      <section className="card" aria-labelledby="admin-coordinators">
        <h3 id="admin-coordinators">{t('admin.coordinators')}</h3>
        {p.coordinators.length === 0 ? <p>{t('admin.noCoordinators')}</p> : (
          <ul className="plain-list">
            {p.coordinators.map((m) => (
              <li key={m.userId}>{m.name} · {m.organization.name} <span className="muted">({m.email}; {m.active ? t('members.active') : t('members.invited')})</span></li>
            ))}
          </ul>
        )}
        <form onSubmit={nameCoordinator} noValidate className="stacked-form">
          <label htmlFor="admin-coord-name">{t('members.name')}</label>
          <input id="admin-coord-name" autoComplete="off" maxLength={PERSON_NAME_MAX} value={coordinator.name} onChange={(e) => setCoordinator({ ...coordinator, name: e.target.value })} />
          <label htmlFor="admin-coord-email">{t('members.email')}</label>
          <input id="admin-coord-email" type="email" autoComplete="off" maxLength={EMAIL_MAX} value={coordinator.email} onChange={(e) => setCoordinator({ ...coordinator, email: e.target.value })} />
          <label htmlFor="admin-coord-org">{t('members.organization')}</label>
          <select id="admin-coord-org" value={coordinator.organizationId} onChange={(e) => setCoordinator({ ...coordinator, organizationId: e.target.value })}>
            <option value="">{t('admin.pickOrganization')}</option>
            {p.organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <p className="muted">{t('admin.coordinatorHint')}</p>
          <FormError message={coordinatorAction.error} />
          <button type="submit" className="button-primary" disabled={coordinatorAction.busy}>{t('admin.nameCoordinator')}</button>
        </form>
        {invitationUrl && <InvitationLink url={invitationUrl} />}
      </section>
    </section>
  );
}
