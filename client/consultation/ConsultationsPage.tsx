/**
 * „Konsultacje społeczne” of a strategy (/strategia/<id>/konsultacje): the coordinator opens
 * a consultation on a milestone; everyone in the partnership reads the register of remarks;
 * coordinators and editors assign and answer them and turn one into a tracked suggestion; the
 * report (DOCX, PDF) and the register (CSV) download from here.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MilestoneDto } from '../../shared/apiTypes.ts';
import type { ConsultationDto, RemarkDto } from '../../shared/consultation/api.ts';
import {
  IDENTITY_FIELDS, REMARK_ANSWERS, REMARK_STATES, SUBMITTER_CATEGORIES, ConsultationLimits,
  type FieldMode, type IdentityFields, type RemarkAnswer,
} from '../../shared/consultation/limits.ts';
import { api } from '../apiClient/endpoints.ts';
import { useMe } from '../auth/SessionProvider.tsx';
import { strategyApi } from '../procedure/api.ts';
import { ApiError, errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { formatCalendarDate } from '../procedure/format.ts';
import { AppLink } from '../router/router.tsx';
import { paths, remarkFragment } from '../router/routes.ts';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { useLoad } from '../versions/useLoad.ts';
import { consultationApi, type RegisterFilter } from './api.ts';
import './consultation.css';

const FIELD_KEYS: Record<string, MessageKey> = {
  name: 'consultation.field.name', email: 'consultation.field.email', organisation: 'consultation.field.organisation', locality: 'consultation.field.locality',
};

function problemText(t: (k: MessageKey, p?: Record<string, string | number>) => string, err: unknown, lang: 'pl' | 'en'): string {
  if (err instanceof ApiError && err.code === 'consultation_too_short') {
    const earliestEnd = (err.details as { earliestEnd?: string } | undefined)?.earliestEnd ?? '';
    return t('errors.consultation_too_short', { earliestEnd: formatCalendarDate(earliestEnd, lang) });
  }
  if (err instanceof ApiError && err.code === 'validation_failed') {
    const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
    return `${t('errors.validation_failed')} ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
  }
  return t(errorMessageKey(err));
}

function CreateForm({ strategyId, milestones, onCreated }: { strategyId: string; milestones: MilestoneDto[]; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const [milestoneId, setMilestoneId] = useState(milestones[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [announcedOn, setAnnounced] = useState('');
  const [startsOn, setStarts] = useState('');
  const [endsOn, setEnds] = useState('');
  const [introduction, setIntroduction] = useState('');
  const [privacyClause, setPrivacy] = useState(t('consultation.defaultClause'));
  const [fields, setFields] = useState<IdentityFields>({ name: 'optional', email: 'optional', organisation: 'optional', locality: 'optional' });
  const [paragraphRemarks, setParagraphRemarks] = useState(true);
  const [retentionDays, setRetention] = useState(String(ConsultationLimits.defaultRetentionDays));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await consultationApi.create(strategyId, {
        milestoneId, title, announcedOn, startsOn, endsOn, introduction, privacyClause, fields, paragraphRemarks, retentionDays: Number(retentionDays),
      });
      onCreated();
    } catch (err) {
      setProblem(problemText(t, err, lang));
    } finally {
      setBusy(false);
    }
  };
  if (milestones.length === 0) return <p>{t('consultation.noMilestones')}</p>;
  return (
    <form onSubmit={submit} className="consultation-admin" aria-labelledby="create-title">
      <h2 id="create-title">{t('consultation.createTitle')}</h2>
      <p><label htmlFor="c-milestone">{t('consultation.milestone')}</label>
        <select id="c-milestone" value={milestoneId} onChange={(e) => setMilestoneId(e.target.value)}>
          {milestones.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select></p>
      <p><label htmlFor="c-title">{t('consultation.titleField')}</label>
        <input id="c-title" type="text" required maxLength={ConsultationLimits.maxTitle} value={title} onChange={(e) => setTitle(e.target.value)} /></p>
      <p><label htmlFor="c-announced">{t('consultation.announcedOn')}</label><br />
        <input id="c-announced" type="date" required value={announcedOn} onChange={(e) => setAnnounced(e.target.value)} /></p>
      <p><label htmlFor="c-starts">{t('consultation.startsOn')}</label><br />
        <input id="c-starts" type="date" required value={startsOn} onChange={(e) => setStarts(e.target.value)} /></p>
      <p><label htmlFor="c-ends">{t('consultation.endsOn')}</label><br />
        <input id="c-ends" type="date" required value={endsOn} onChange={(e) => setEnds(e.target.value)} /></p>
      <p className="muted">{t('consultation.rule35')}</p>
      <p><label htmlFor="c-intro">{t('consultation.introTitle')}</label>
        <textarea id="c-intro" rows={5} required value={introduction} onChange={(e) => setIntroduction(e.target.value)} /></p>
      <p><label htmlFor="c-clause">{t('consultation.privacyTitle')}</label>
        <textarea id="c-clause" rows={8} required value={privacyClause} onChange={(e) => setPrivacy(e.target.value)} /></p>
      <fieldset>
        <legend>{t('consultation.fieldsTitle')}</legend>
        {IDENTITY_FIELDS.map((f) => (
          <p key={f}><label htmlFor={`c-field-${f}`}>{t(FIELD_KEYS[f])}</label><br />
            <select id={`c-field-${f}`} value={fields[f]} onChange={(e) => setFields({ ...fields, [f]: e.target.value as FieldMode })}>
              <option value="off">{t('consultation.mode.off')}</option>
              <option value="optional">{t('consultation.mode.optional')}</option>
              <option value="required">{t('consultation.mode.required')}</option>
            </select></p>
        ))}
      </fieldset>
      <p><label className="choice"><input type="checkbox" checked={paragraphRemarks} onChange={(e) => setParagraphRemarks(e.target.checked)} /> {t('consultation.paragraphRemarks')}</label></p>
      <p><label htmlFor="c-retention">{t('consultation.retentionDays')}</label><br />
        <input id="c-retention" type="number" min={1} max={ConsultationLimits.maxRetentionDays} value={retentionDays} onChange={(e) => setRetention(e.target.value)} /></p>
      {problem && <p role="alert" className="form-error">{problem}</p>}
      <button type="submit" className="button-primary" disabled={busy}>{t('consultation.create')}</button>
    </form>
  );
}

/** The remark's suggestion: a link to it in the chapter, and what the chapter decided. */
function SuggestionLine({ remark }: { remark: RemarkDto }) {
  const { t, formatDate } = useI18n();
  const s = remark.suggestion;
  if (!s) return null;
  return (
    <div className="remark-suggestion">
      <p><AppLink href={s.inChapter ? paths.chapterSuggestion(s.chapterId, s.id) : paths.chapter(s.chapterId)}>{t('consultation.suggestionMade', { number: remark.number })}</AppLink></p>
      <p className={s.decision ? `remark-decision remark-decision-${s.decision.decision}` : 'remark-decision muted'}>
        {s.decision
          ? t(`consultation.suggestionDecided.${s.decision.decision}`, { date: formatDate(s.decision.decidedAt), name: s.decision.decidedBy?.name || '—' })
          : t(s.inChapter ? 'consultation.suggestionOpen' : 'consultation.suggestionGone')}
      </p>
    </div>
  );
}

function RemarkCard({ remark, consultation, people, onChanged, linked }: { remark: RemarkDto; consultation: ConsultationDto; people: { id: string; name: string }[]; onChanged: () => void; linked: boolean }) {
  const { t, lang, formatDate } = useI18n();
  const [answer, setAnswer] = useState<RemarkAnswer | ''>(remark.answer ?? '');
  const [justification, setJustification] = useState(remark.answerJustification);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const run = async (action: () => Promise<unknown>, done: MessageKey) => {
    setProblem(null);
    try {
      await action();
      setStatus(t(done));
      onChanged();
    } catch (err) {
      setProblem(problemText(t, err, lang));
    }
  };
  const id = `remark-${remark.number}`;
  const s = remark.submitter;
  return (
    <li className={linked ? 'remark-card remark-card-linked' : 'remark-card'} aria-labelledby={`${id}-title`}
      id={remarkFragment(consultation.id, remark.number)} data-remark-number={remark.number} tabIndex={-1}>
      {linked && <p className="remark-linked-note">{t('consultation.linkedRemark')}</p>}
      <h3 id={`${id}-title`}>
        {t('consultation.remarkNumber', { number: remark.number })} · {remark.chapter.position}. {remark.chapter.title}
        {remark.paragraph ? `, ${t('consultation.paragraph', { n: remark.paragraph })}` : ''}
      </h3>
      <p className="muted">
        {t(`consultation.category.${remark.category}`)} · {formatDate(remark.submittedAt)} · {t(`consultation.state.${remark.state}`)}
        {s.erased && ` · ${t('consultation.erased')}`}
        {(s.name || s.email || s.organisation || s.locality) && ` · ${[s.name, s.email, s.organisation, s.locality].filter(Boolean).join(', ')}`}
      </p>
      {remark.currentWording && <><h4>{t('consultation.form.currentWording')}</h4><p className="remark-text">{remark.currentWording}</p></>}
      <h4>{t('consultation.form.proposedChange')}</h4><p className="remark-text">{remark.proposedChange}</p>
      <h4>{t('consultation.form.justification')}</h4><p className="remark-text">{remark.justification}</p>
      <SuggestionLine remark={remark} />
      {consultation.canAnswer && (
        <div className="consultation-admin">
          <p><label htmlFor={`${id}-assignee`}>{t('consultation.assignee')}</label>
            <select id={`${id}-assignee`} value={remark.assignee?.id ?? ''} onChange={(e) => void run(() => consultationApi.update(remark.id, { assigneeId: e.target.value || null }), 'consultation.saved')}>
              <option value="">{t('consultation.nobody')}</option>
              {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select></p>
          <p><label htmlFor={`${id}-answer`}>{t('consultation.answer')}</label>
            <select id={`${id}-answer`} value={answer} onChange={(e) => setAnswer(e.target.value as RemarkAnswer | '')}>
              <option value="">{t('consultation.noAnswer')}</option>
              {REMARK_ANSWERS.map((a) => <option key={a} value={a}>{t(`consultation.answer.${a}`)}</option>)}
            </select></p>
          <p><label htmlFor={`${id}-justification`}>{t('consultation.answerJustification')}</label>
            <textarea id={`${id}-justification`} rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} /></p>
          <button type="button" onClick={() => void run(() => consultationApi.update(remark.id, { answer: answer || null, answerJustification: justification }), 'consultation.saved')}>
            {t('consultation.saveAnswer', { number: remark.number })}
          </button>{' '}
          {!remark.suggestion && (
            <button type="button" onClick={() => void run(() => consultationApi.suggest(remark.id), 'consultation.suggestionDone')}>
              {t('consultation.makeSuggestion', { number: remark.number })}
            </button>
          )}{' '}
          {consultation.canManage && !s.erased && (
            <button type="button" className="button-danger" onClick={() => { if (window.confirm(t('consultation.eraseConfirm'))) void run(() => consultationApi.erase(remark.id), 'consultation.erasedDone'); }}>
              {t('consultation.erase', { number: remark.number })}
            </button>
          )}
          {problem && <p role="alert" className="form-error">{problem}</p>}
          <p role="status" className="muted">{status}</p>
        </div>
      )}
    </li>
  );
}

function Register({ consultation }: { consultation: ConsultationDto }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<RegisterFilter>({});
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => consultationApi.register(consultation.id, filter), [consultation.id, filter.chapter, filter.category, filter.state, attempt]);
  const id = consultation.id;
  // A link from a suggestion in a chapter (#uwaga-<consultation>-<number>) focuses that remark.
  const [linked, setLinked] = useState<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (loaded.status !== 'ready') return;
    const prefix = `#${remarkFragment(id, 0).slice(0, -1)}`;
    if (!location.hash.startsWith(prefix)) return;
    const number = Number(location.hash.slice(prefix.length));
    if (!loaded.value.remarks.some((r) => r.number === number)) return;
    setLinked(number);
    const card = list.current?.querySelector<HTMLElement>(`[data-remark-number="${number}"]`);
    card?.scrollIntoView?.({ block: 'start' });
    card?.focus();
    // Once: reloading the register after an answer does not move the focus again.
    history.replaceState(history.state, '', location.pathname + location.search);
  }, [loaded, id]);
  return (
    <section aria-labelledby={`register-${id}`}>
      <h3 id={`register-${id}`}>{t('consultation.register')}</h3>
      <div className="consultation-filters consultation-admin">
        <p><label htmlFor={`f-chapter-${id}`}>{t('consultation.form.chapter')}</label>
          <select id={`f-chapter-${id}`} value={filter.chapter ?? ''} onChange={(e) => setFilter({ ...filter, chapter: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t('consultation.all')}</option>
            {consultation.chapters.map((c) => <option key={c.position} value={c.position}>{c.position}. {c.title}</option>)}
          </select></p>
        <p><label htmlFor={`f-category-${id}`}>{t('consultation.form.category')}</label>
          <select id={`f-category-${id}`} value={filter.category ?? ''} onChange={(e) => setFilter({ ...filter, category: e.target.value || undefined })}>
            <option value="">{t('consultation.all')}</option>
            {SUBMITTER_CATEGORIES.map((c) => <option key={c} value={c}>{t(`consultation.category.${c}`)}</option>)}
          </select></p>
        <p><label htmlFor={`f-state-${id}`}>{t('consultation.stateLabel')}</label>
          <select id={`f-state-${id}`} value={filter.state ?? ''} onChange={(e) => setFilter({ ...filter, state: e.target.value || undefined })}>
            <option value="">{t('consultation.all')}</option>
            {REMARK_STATES.map((s) => <option key={s} value={s}>{t(`consultation.state.${s}`)}</option>)}
          </select></p>
        <p><a href={consultationApi.csvUrl(id, filter)} download>{t('consultation.csv')}</a></p>
      </div>
      <LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} />
      {loaded.status === 'ready' && (
        <>
          <p role="status">{t('consultation.shown', { shown: loaded.value.remarks.length, total: loaded.value.total })}</p>
          <ol ref={list} className="remark-list" style={{ listStyle: 'none', paddingLeft: 0 }}>
            {loaded.value.remarks.map((r) => (
              <RemarkCard key={`${r.id}-${r.answer}-${r.assignee?.id}-${r.suggestion?.id}-${r.suggestion?.decision?.decision}-${r.suggestion?.inChapter}-${r.submitter.erased}`} remark={r} consultation={consultation} people={loaded.value.people} onChanged={() => setAttempt((n) => n + 1)} linked={r.number === linked} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ConsultationCard({ consultation, onChanged }: { consultation: ConsultationDto; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const publicUrl = `${window.location.origin}${paths.publicConsultation(consultation.publicToken)}`;
  const date = (d: string) => formatCalendarDate(d, lang);
  return (
    <section className="card" aria-labelledby={`consultation-${consultation.id}`}>
      <h2 id={`consultation-${consultation.id}`}>{consultation.title}</h2>
      <p>{t('consultation.datesLine', { announced: date(consultation.announcedOn), start: date(consultation.startsOn), end: date(consultation.endsOn) })}</p>
      <p><strong>{t(`consultation.phaseShort.${consultation.phase}`)}</strong> · {t('consultation.count', { count: consultation.remarkCount })} · {t('consultation.milestone')}: {consultation.milestone.name}</p>
      <p>{t('consultation.publicLink')} <a href={publicUrl}>{publicUrl}</a></p>
      <p>
        {t('consultation.report')}{' '}
        <a href={consultationApi.reportUrl(consultation.id, 'docx')} download>DOCX</a>{' · '}
        <a href={consultationApi.reportUrl(consultation.id, 'pdf')} download>PDF</a>
      </p>
      {consultation.reportAt
        ? <p className="muted">{t('consultation.reportPublishedOn', { date: new Date(consultation.reportAt).toLocaleDateString(lang === 'pl' ? 'pl-PL' : 'en-GB'), days: consultation.retentionDays })}</p>
        : consultation.canManage && consultation.phase === 'closed' && (
          <p><button type="button" onClick={() => consultationApi.reportPublished(consultation.id).then(onChanged, (err: unknown) => setProblem(problemText(t, err, lang)))}>
            {t('consultation.markReportPublished')}
          </button></p>
        )}
      {problem && <p role="alert" className="form-error">{problem}</p>}
      <Register consultation={consultation} />
    </section>
  );
}

export function ConsultationsPage({ strategyId }: { strategyId: string }) {
  const { t } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => consultationApi.list(strategyId), [strategyId, attempt]);
  const milestones = useLoad(() => api.milestones(strategyId), [strategyId, attempt]);
  const canCreate = loaded.status === 'ready' && milestones.status === 'ready';
  const [creating, setCreating] = useState(false);
  const strategy = useLoad(() => strategyApi.get(strategyId), [strategyId]);
  const me = useMe();
  // The server decides; the role only chooses whether to offer the form.
  const isCoordinator = strategy.status === 'ready' && me.memberships.find((m) => m.partnershipId === strategy.value.partnershipId)?.role === 'coordinator';
  return (
    <div className="consultations-page">
      <div className="page-heading">
        <h1>{t('consultation.pageTitle')}</h1>
        {strategy.status === 'ready' && <p className="procedure-strategy">{strategy.value.title}</p>}
        <p><AppLink href={paths.dashboard()}>{t('app.backToDashboard')}</AppLink></p>
      </div>
      <LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} />
      {loaded.status === 'ready' && loaded.value.length === 0 && <p>{t('consultation.none')}</p>}
      {loaded.status === 'ready' && loaded.value.map((c) => <ConsultationCard key={c.id} consultation={c} onChanged={() => setAttempt((n) => n + 1)} />)}
      {canCreate && isCoordinator && (
        creating
          ? <div className="card"><CreateForm strategyId={strategyId} milestones={milestones.value.milestones} onCreated={() => { setCreating(false); setAttempt((n) => n + 1); }} /></div>
          : <p><button type="button" onClick={() => setCreating(true)}>{t('consultation.createTitle')}</button></p>
      )}
    </div>
  );
}
