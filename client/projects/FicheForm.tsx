/**
 * The structured fields of a fiche (issue 19). Editors change the live document's `fiche` map
 * directly (the server validates every value); experts change a draft and send it as proposals;
 * viewers read. The sums and their differences are computed here from the same values.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { FicheLinkOptionsDto } from '../../shared/projects/api.ts';
import {
  FUNDING_SOURCES, FicheLimits, READINESS_LEVELS, ficheBalance, type FicheFieldName, type FicheFields, type HeadingRef, type Indicator, type PartnerShare,
} from '../../shared/projects/fiche.ts';
import { normaliseText } from '../../shared/text.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { MoneyInput } from './MoneyInput.tsx';
import { FIELD_KEYS, READINESS_KEYS, SOURCE_KEYS, pln } from './labels.ts';

export type Commit = <K extends FicheFieldName>(key: K, value: FicheFields[K]) => void;

const refKey = (r: HeadingRef | null) => (r ? `${r.chapterId}:${r.client}:${r.clock}` : '');
const clean = (s: string) => normaliseText(s, { lines: false });

/** A one-line text committed on leaving the field. */
function TextField({ label, value, disabled, onCommit, type = 'text', maxLength, extra }: {
  label: string; value: string; disabled: boolean; onCommit: (v: string) => void; type?: 'text' | 'date';
  /** The field's limit (FicheLimits); none for a date. */
  maxLength?: number; extra?: ReactNode;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);
  const commit = () => {
    focused.current = false;
    const v = clean(text);
    if (v !== value) onCommit(v);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={text} disabled={disabled} maxLength={maxLength} onFocus={() => { focused.current = true; }}
        onChange={(e) => { setText(e.target.value); if (type === 'date') onCommit(e.target.value); }} onBlur={commit} />
      {extra}
    </div>
  );
}

function Select({ label, value, options, disabled, onChange, empty, extra }: {
  label: string; value: string; options: [string, string][]; disabled: boolean; onChange: (v: string) => void; empty?: string; extra?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
      {extra}
    </div>
  );
}

/**
 * `comments`: what to show with each structured field (its comment threads on the fiche page),
 * given the field and its label.
 */
export function FicheForm({ fields, organizations, links, disabled, commit, comments = () => null }: {
  fields: FicheFields; organizations: { id: string; name: string }[]; links: FicheLinkOptionsDto | null; disabled: boolean; commit: Commit;
  comments?: (field: FicheFieldName, label: string) => ReactNode;
}) {
  const { t } = useI18n();
  const about = (field: FicheFieldName) => comments(field, t(FIELD_KEYS[field]));
  const balance = ficheBalance(fields);
  const orgOptions = organizations.map((o) => [o.id, o.name] as [string, string]);
  const linkSelect = (kind: 'goal' | 'direction' | 'osi', label: string) => {
    const options = links?.[kind] ?? [];
    const current = fields[kind];
    const known = options.some((o) => refKey(o.ref) === refKey(current));
    return (
      <Select label={label} disabled={disabled} value={known ? refKey(current) : ''} empty={current && !known ? t('projects.linkGone') : t('projects.none')}
        options={options.map((o) => [refKey(o.ref), o.text])} extra={about(kind)}
        onChange={(v) => commit(kind, options.find((o) => refKey(o.ref) === v)?.ref ?? null)} />
    );
  };
  const setPartner = (i: number, change: Partial<PartnerShare>) => commit('partners', fields.partners.map((p, k) => (k === i ? { ...p, ...change } : p)));
  const setIndicator = (i: number, change: Partial<Indicator>) => commit('indicators', fields.indicators.map((x, k) => (k === i ? { ...x, ...change } : x)));
  const diff = (d: number) => (d === 0 ? t('projects.addsUp') : t('projects.difference', { amount: pln(d) }));

  return (
    <div className="fiche-fields">
      <fieldset>
        <legend>{t('projects.basics')}</legend>
        <TextField label={t('projects.title')} value={fields.title} maxLength={FicheLimits.title} disabled={disabled} onCommit={(v) => commit('title', v)} extra={about('title')} />
        <div className="row">
          <Select label={t('projects.leader')} value={fields.leaderId ?? ''} empty={t('projects.none')} options={orgOptions} disabled={disabled}
            onChange={(v) => commit('leaderId', v || null)} extra={about('leaderId')} />
          <Select label={t('projects.readiness')} value={fields.readiness} disabled={disabled}
            options={READINESS_LEVELS.map((r) => [r, t(READINESS_KEYS[r])])} onChange={(v) => commit('readiness', v as FicheFields['readiness'])} extra={about('readiness')} />
        </div>
        <div className="row">
          <TextField type="date" label={t('projects.periodStart')} value={fields.periodStart ?? ''} disabled={disabled} onCommit={(v) => commit('periodStart', v || null)} extra={about('periodStart')} />
          <TextField type="date" label={t('projects.periodEnd')} value={fields.periodEnd ?? ''} disabled={disabled} onCommit={(v) => commit('periodEnd', v || null)} extra={about('periodEnd')} />
        </div>
        <TextField label={t('projects.contact')} value={fields.contact} maxLength={FicheLimits.contact} disabled={disabled} onCommit={(v) => commit('contact', v)} extra={about('contact')} />
      </fieldset>
      <fieldset>
        <legend>{t('projects.links')}</legend>
        {linkSelect('goal', t('projects.goal'))}
        {linkSelect('direction', t('projects.direction'))}
        {linkSelect('osi', t('projects.osi'))}
      </fieldset>
      <fieldset>
        <legend>{t('projects.costs')}</legend>
        <MoneyInput label={t('projects.totalCost')} grosze={fields.totalCostGrosze} disabled={disabled} onCommit={(g) => commit('totalCostGrosze', g)} extra={about('totalCostGrosze')} />
        <h3>{t('projects.partners')}</h3>
        {about('partners')}
        {fields.partners.map((p, i) => (
          <div className="row" key={i} role="group" aria-label={t('projects.partnerN', { n: i + 1 })}>
            <Select label={t('projects.partner')} value={p.organizationId} options={orgOptions} disabled={disabled} onChange={(v) => setPartner(i, { organizationId: v })} />
            <TextField label={t('projects.role')} value={p.role} maxLength={FicheLimits.partnerRole} disabled={disabled} onCommit={(v) => setPartner(i, { role: v })} />
            <MoneyInput label={t('projects.share')} grosze={p.costGrosze} disabled={disabled} onCommit={(g) => setPartner(i, { costGrosze: g })} />
            {!disabled && <button type="button" onClick={() => commit('partners', fields.partners.filter((_, k) => k !== i))}>{t('projects.removePartner', { n: i + 1 })}</button>}
          </div>
        ))}
        {!disabled && organizations.length > 0 && (
          <button type="button" onClick={() => commit('partners', [...fields.partners, { organizationId: organizations[0].id, role: 'partner', costGrosze: 0 }])}>
            {t('projects.addPartner')}
          </button>
        )}
        <p className={balance.partnersDifference === 0 ? 'balance-ok' : 'balance-off'}>
          {t('projects.partnersSum', { amount: pln(balance.partnersGrosze) })} {diff(balance.partnersDifference)}
        </p>
        <h3>{t('projects.funding')}</h3>
        {about('funding')}
        <div className="row">
          {FUNDING_SOURCES.map((s) => (
            <MoneyInput key={s} label={t(SOURCE_KEYS[s])} grosze={fields.funding[s]} disabled={disabled} onCommit={(g) => commit('funding', { ...fields.funding, [s]: g })} />
          ))}
        </div>
        <p className={balance.fundingDifference === 0 ? 'balance-ok' : 'balance-off'}>
          {t('projects.fundingSum', { amount: pln(balance.fundingGrosze) })} {diff(balance.fundingDifference)}
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('projects.milestones')}</legend>
        {about('milestones')}
        {fields.milestones.map((m, i) => (
          <div className="row" key={i} role="group" aria-label={t('projects.milestoneN', { n: i + 1 })}>
            <TextField type="date" label={t('projects.milestoneDate')} value={m.date} disabled={disabled}
              onCommit={(v) => v && commit('milestones', fields.milestones.map((x, k) => (k === i ? { ...x, date: v } : x)))} />
            <TextField label={t('projects.milestoneName')} value={m.name} maxLength={FicheLimits.milestoneName} disabled={disabled}
              onCommit={(v) => v && commit('milestones', fields.milestones.map((x, k) => (k === i ? { ...x, name: v } : x)))} />
            {!disabled && <button type="button" onClick={() => commit('milestones', fields.milestones.filter((_, k) => k !== i))}>{t('projects.removeMilestone', { n: i + 1 })}</button>}
          </div>
        ))}
        {!disabled && (
          <button type="button" onClick={() => commit('milestones', [...fields.milestones, { date: fields.periodStart ?? new Date().toISOString().slice(0, 10), name: t('projects.newMilestone') }])}>
            {t('projects.addMilestone')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('projects.indicators')}</legend>
        {about('indicators')}
        {fields.indicators.map((x, i) => (
          <div className="row" key={i} role="group" aria-label={t('projects.indicatorN', { n: i + 1 })}>
            <Select label={t('projects.indicatorKind')} value={x.kind} disabled={disabled}
              options={[['output', t('projects.indicator.output')], ['result', t('projects.indicator.result')]]} onChange={(v) => setIndicator(i, { kind: v as Indicator['kind'] })} />
            <TextField label={t('projects.indicatorName')} value={x.name} maxLength={FicheLimits.indicatorName} disabled={disabled} onCommit={(v) => v && setIndicator(i, { name: v })} />
            <TextField label={t('projects.unit')} value={x.unit} maxLength={FicheLimits.indicatorUnit} disabled={disabled} onCommit={(v) => setIndicator(i, { unit: v })} />
            <TextField label={t('projects.baseline')} value={x.baseline} maxLength={FicheLimits.indicatorValue} disabled={disabled} onCommit={(v) => setIndicator(i, { baseline: v })} />
            <TextField label={t('projects.target')} value={x.target} maxLength={FicheLimits.indicatorValue} disabled={disabled} onCommit={(v) => setIndicator(i, { target: v })} />
            <TextField label={t('projects.source')} value={x.source} maxLength={FicheLimits.indicatorSource} disabled={disabled} onCommit={(v) => setIndicator(i, { source: v })} />
            {!disabled && <button type="button" onClick={() => commit('indicators', fields.indicators.filter((_, k) => k !== i))}>{t('projects.removeIndicator', { n: i + 1 })}</button>}
          </div>
        ))}
        {!disabled && (
          <button type="button" onClick={() => commit('indicators', [...fields.indicators, { kind: 'output', name: t('projects.newIndicator'), unit: '', baseline: '', target: '', source: '' }])}>
            {t('projects.addIndicator')}
          </button>
        )}
      </fieldset>
    </div>
  );
}
