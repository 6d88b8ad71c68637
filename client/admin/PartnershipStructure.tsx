/**
 * A coordinator shapes the partnership from the dashboard (issue 16): organisations in and
 * out, a new strategy (with or without the template), archive or restore a strategy, and each
 * chapter's owner and due date.
 */
import { useState, type FormEvent } from 'react';
import type { PartnershipDto } from '../../shared/apiTypes.ts';
import { Limits } from '../../shared/limits.ts';
import { request } from '../apiClient/http.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { AddOrganizationForm } from './AddOrganizationForm.tsx';
import { adminApi } from './adminApi.ts';
import './admin.css';

const enc = encodeURIComponent;

export function PartnershipStructure({ partnership: p, reload }: { partnership: PartnershipDto; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const action = useApiAction();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState(true);
  const chapters = p.strategies.flatMap((s) => s.chapters.map((c) => ({ ...c, strategy: s.title })));
  const [plan, setPlan] = useState({ chapterId: '', ownerUserId: '', dueDate: '' });
  const active = p.members.filter((m) => !m.deactivated);

  const perform = async (call: () => Promise<unknown>, message: string) => {
    const done = await action.run(async () => {
      await call();
      return true;
    });
    if (!done) return false;
    await reload();
    announce(message);
    return true;
  };

  const createStrategy = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return action.setError(t('admin.strategyTitleRequired'));
    if (await perform(() => request('POST', `/partnerships/${enc(p.id)}/strategies`, { title: title.trim(), template }), t('admin.strategyCreated'))) setTitle('');
  };

  const savePlan = async (event: FormEvent) => {
    event.preventDefault();
    if (!plan.chapterId) return action.setError(t('plan.pickChapter'));
    await perform(
      () => adminApi.setPlan(plan.chapterId, { ownerUserId: plan.ownerUserId || null, dueDate: plan.dueDate || null }),
      t('plan.saved'),
    );
  };

  const pickChapter = (chapterId: string) => {
    const c = chapters.find((x) => x.id === chapterId);
    setPlan({ chapterId, ownerUserId: c?.owner?.id ?? '', dueDate: c?.dueDate ?? '' });
  };

  return (
    <section aria-labelledby="structure-title" className="card">
      <h2 id="structure-title">{t('structure.title')}</h2>
      <FormError message={action.error} />

      <form onSubmit={savePlan} noValidate className="stacked-form" aria-labelledby="plan-title">
        <h3 id="plan-title">{t('plan.title')}</h3>
        <label htmlFor="plan-chapter">{t('plan.chapter')}</label>
        <select id="plan-chapter" value={plan.chapterId} onChange={(e) => pickChapter(e.target.value)}>
          <option value="">{t('plan.pickChapter')}</option>
          {chapters.map((c) => <option key={c.id} value={c.id}>{c.title} ({c.strategy})</option>)}
        </select>
        <label htmlFor="plan-owner">{t('plan.ownerLabel')}</label>
        <select id="plan-owner" value={plan.ownerUserId} onChange={(e) => setPlan({ ...plan, ownerUserId: e.target.value })}>
          <option value="">{t('plan.noOwner')}</option>
          {active.map((m) => <option key={m.userId} value={m.userId}>{m.name} · {m.organization.name}</option>)}
        </select>
        <label htmlFor="plan-due">{t('plan.dueLabel')}</label>
        <input id="plan-due" type="date" value={plan.dueDate} onChange={(e) => setPlan({ ...plan, dueDate: e.target.value })} />
        <button type="submit" className="button-primary" disabled={action.busy}>{t('plan.save')}</button>
      </form>

      <h3>{t('admin.strategies')}</h3>
      <ul className="plain-list">
        {p.strategies.map((s) => (
          <li key={s.id}>
            {s.title}{s.archived ? ` (${t('archive.archived')})` : ''}{' '}
            <button type="button" disabled={action.busy}
              onClick={() => void perform(() => adminApi.archiveStrategy(s.id, !s.archived), t(s.archived ? 'archive.strategyRestored' : 'archive.strategyDone', { title: s.title }))}
              aria-label={t(s.archived ? 'archive.restoreStrategyLabel' : 'archive.archiveStrategyLabel', { title: s.title })}>
              {t(s.archived ? 'archive.restore' : 'archive.archive')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={createStrategy} noValidate className="stacked-form">
        <label htmlFor="structure-strategy-title">{t('admin.strategyTitle')}</label>
        <input id="structure-strategy-title" value={title} maxLength={Limits.maxTitleLength} onChange={(e) => setTitle(e.target.value)} />
        <label className="choice"><input type="checkbox" checked={template} onChange={(e) => setTemplate(e.target.checked)} /> {t('admin.useTemplate')}</label>
        <button type="submit" className="button-primary" disabled={action.busy}>{t('admin.createStrategy')}</button>
      </form>

      <h3>{t('admin.organizations')}</h3>
      <ul className="plain-list">
        {p.organizations.map((o) => (
          <li key={o.id}>
            {o.name}{' '}
            {!o.isLeader && (
              <button type="button" className="button-quiet" disabled={action.busy} aria-label={t('orgs.removeLabel', { name: o.name })}
                onClick={() => void perform(() => request('DELETE', `/partnerships/${enc(p.id)}/organizations/${enc(o.id)}`), t('orgs.removed', { name: o.name }))}>
                {t('orgs.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <AddOrganizationForm idPrefix="structure-org" add={async (body) => { await request('POST', `/partnerships/${enc(p.id)}/organizations`, body); await reload(); }} />
    </section>
  );
}
