/**
 * /strategia/:id/projekty — the package of key projects (issue 19): every fiche with its leader,
 * partners, cost, funding, status and readiness; filters and sorting; the sums per partner, per
 * funding source and per goal as tables and accessible charts; CSV and XLSX downloads; a form
 * that creates a fiche (editors and coordinators).
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { PackageDto } from '../../shared/projects/api.ts';
import { FICHE_STATUSES, FUNDING_SOURCES, FicheLimits, READINESS_LEVELS } from '../../shared/projects/fiche.ts';
import { overviewSums, type OverviewRow, type SumLine } from '../../shared/projects/overview.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { BarChart } from '../charts/BarChart.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink, navigate } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { FormError } from '../ui/FormError.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { projectApi } from './api.ts';
import { READINESS_KEYS, SOURCE_KEYS, STATUS_KEYS, pln, zlValue } from './labels.ts';
import './projects.css';

type SortKey = 'title' | 'leader' | 'cost' | 'status' | 'readiness';

const STATUS_ORDER = Object.fromEntries(FICHE_STATUSES.map((s, i) => [s, i]));
const READINESS_ORDER = Object.fromEntries(READINESS_LEVELS.map((s, i) => [s, i]));

function compare(a: OverviewRow, b: OverviewRow, key: SortKey): number {
  switch (key) {
    case 'title': return a.title.localeCompare(b.title, 'pl');
    case 'leader': return (a.leaderName ?? '').localeCompare(b.leaderName ?? '', 'pl');
    case 'cost': return a.totalCostGrosze - b.totalCostGrosze;
    case 'status': return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case 'readiness': return READINESS_ORDER[a.readiness] - READINESS_ORDER[b.readiness];
  }
}

export default function PackagePage({ strategyId }: { strategyId: string }) {
  const { t } = useI18n();
  const [pkg, setPkg] = useState<PackageDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string>('');
  const [partner, setPartner] = useState<string>('');
  const [goal, setGoal] = useState<string>('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'title', dir: 1 });
  const [title, setTitle] = useState('');
  const [createError, setCreateError] = useState<string | null>(null);

  const load = useCallback(() => projectApi.package(strategyId).then(setPkg, setError), [strategyId]);
  useEffect(() => {
    void load();
  }, [load]);

  const rows = useMemo(() => {
    if (!pkg) return [];
    return pkg.rows
      .filter((r) => (status ? r.status === status : true))
      .filter((r) => (partner ? r.partners.some((p) => p.organizationId === partner) : true))
      .filter((r) => (goal ? (r.goalKey ?? '') === goal : true))
      .sort((a, b) => compare(a, b, sort.key) * sort.dir);
  }, [pkg, status, partner, goal, sort]);

  // The sums follow the filters; rejected fiches count only when the filter asks for them.
  const sums = useMemo(() => overviewSums(status === 'rejected' ? rows : rows.filter((r) => r.status !== 'rejected')), [rows, status]);

  if (error) return <section><h1>{t('projects.packageTitle')}</h1><p role="alert">{t(errorMessageKey(error))}</p></section>;
  if (!pkg) return <p role="status">{t('app.loading')}</p>;

  const partners = new Map<string, string>();
  const goals = new Map<string, string>();
  for (const r of pkg.rows) {
    for (const p of r.partners) partners.set(p.organizationId, p.organizationName);
    goals.set(r.goalKey ?? '', r.goal ?? t('projects.noGoal'));
  }

  const sortButton = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="link-button" onClick={() => setSort({ key, dir: active ? (sort.dir === 1 ? -1 : 1) : 1 })}>
          {label}<span aria-hidden="true">{active ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setCreateError(null);
    try {
      const { id } = await projectApi.create(strategyId, title);
      navigate(paths.fiche(id));
    } catch (err) {
      setCreateError(t(errorMessageKey(err)));
    }
  };

  const chartFormat = (v: number) => pln(Math.round(v * 100));
  const topOf = (lines: SumLine[], label: (l: SumLine) => string) => {
    const top = [...lines].sort((a, b) => b.grosze - a.grosze)[0];
    return top ? t('projects.chartSummary', { label: label(top), amount: pln(top.grosze) }) : t('projects.noFiches');
  };
  const sourceLabel = (l: SumLine) => t(SOURCE_KEYS[l.key as keyof typeof SOURCE_KEYS]);
  const goalLabel = (l: SumLine) => l.label || t('projects.noGoal');

  return (
    <section aria-labelledby="package-title" className="package-page">
      <h1 id="package-title">{t('projects.packageTitle')}</h1>
      <p className="export-links">
        <a href={projectApi.exportUrl(strategyId, 'csv')} download>{t('projects.exportCsv')}</a>
        {' · '}
        <a href={projectApi.exportUrl(strategyId, 'xlsx')} download>{t('projects.exportXlsx')}</a>
      </p>
      {pkg.canCreate && (
        <form className="inline-form" onSubmit={(e) => void create(e)}>
          <label htmlFor="new-fiche-title">{t('projects.newTitle')}</label>
          <input id="new-fiche-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={FicheLimits.title} />
          <button type="submit">{t('projects.create')}</button>
          <FormError message={createError} />
        </form>
      )}
      <fieldset className="filters">
        <legend>{t('projects.filters')}</legend>
        <label>{t('projects.status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('projects.all')}</option>
            {FICHE_STATUSES.map((s) => <option key={s} value={s}>{t(STATUS_KEYS[s])}</option>)}
          </select>
        </label>
        <label>{t('projects.partner')}{' '}
          <select value={partner} onChange={(e) => setPartner(e.target.value)}>
            <option value="">{t('projects.all')}</option>
            {[...partners].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </label>
        <label>{t('projects.goal')}{' '}
          <select value={goal} onChange={(e) => setGoal(e.target.value)}>
            <option value="">{t('projects.all')}</option>
            {[...goals].map(([key, name]) => <option key={key} value={key}>{name}</option>)}
          </select>
        </label>
      </fieldset>
      <p role="status">{t('projects.count', { count: rows.length, total: pkg.rows.length })}</p>
      <TableScroll label={t('projects.packageTitle')}>
        <table className="data-table package-table">
          <caption className="visually-hidden">{t('projects.packageTitle')}</caption>
          <thead>
            <tr>
              {sortButton('title', t('projects.title'))}
              {sortButton('leader', t('projects.leader'))}
              <th scope="col">{t('projects.partners')}</th>
              {sortButton('cost', t('projects.totalCost'))}
              {FUNDING_SOURCES.map((s) => <th key={s} scope="col" className="num">{t(SOURCE_KEYS[s])}</th>)}
              <th scope="col">{t('projects.goal')}</th>
              {sortButton('status', t('projects.status'))}
              {sortButton('readiness', t('projects.readiness'))}
              <th scope="col">{t('projects.balanced')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ficheId}>
                <th scope="row"><AppLink href={paths.fiche(r.ficheId)}>{r.title || t('projects.untitled')}</AppLink></th>
                <td>{r.leaderName ?? '—'}</td>
                <td>{r.partners.map((p) => `${p.organizationName} (${p.role})`).join('; ') || '—'}</td>
                <td className="num">{pln(r.totalCostGrosze)}</td>
                {FUNDING_SOURCES.map((s) => <td key={s} className="num">{pln(r.funding[s])}</td>)}
                <td>{r.goal ?? '—'}</td>
                <td>{t(STATUS_KEYS[r.status])}</td>
                <td>{t(READINESS_KEYS[r.readiness])}</td>
                <td>{r.balanced ? t('projects.yes') : t('projects.no')}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>{t('projects.sumWithoutRejected')}</th>
              <td className="num">{pln(sums.totalGrosze)}</td>
              {sums.perSource.map((s) => <td key={s.key} className="num">{pln(s.grosze)}</td>)}
              <td colSpan={4} />
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <h2>{t('projects.sums')}</h2>
      <BarChart title={t('projects.perPartner')} categoryLabel={t('projects.partner')} valueLabel={t('projects.amountZl')}
        data={sums.perPartner.map((l) => ({ label: l.label, value: zlValue(l.grosze) }))} format={chartFormat} summary={topOf(sums.perPartner, (l) => l.label)} />
      <BarChart title={t('projects.perSource')} categoryLabel={t('projects.source')} valueLabel={t('projects.amountZl')}
        data={sums.perSource.map((l) => ({ label: sourceLabel(l), value: zlValue(l.grosze) }))} format={chartFormat} summary={topOf(sums.perSource, sourceLabel)} />
      <BarChart title={t('projects.perGoal')} categoryLabel={t('projects.goal')} valueLabel={t('projects.amountZl')}
        data={sums.perGoal.map((l) => ({ label: goalLabel(l), value: zlValue(l.grosze) }))} format={chartFormat} summary={topOf(sums.perGoal, goalLabel)} />
    </section>
  );
}
