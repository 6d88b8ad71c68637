/**
 * The public survey page (/ankieta/<token>), without login: sections of questions (single and
 * multiple choice with „inne”, a 1–5 scale, ranking with up/down buttons, short and long
 * answers), required ones marked in words, missing answers listed in Polish, a thank-you that
 * takes the focus. Nothing identifying is sent; one response per browser is encouraged by a
 * note kept in this browser only (never sent).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Answer, PublicSurveyDto, SurveyQuestion } from '../../shared/survey/api.ts';
import { SurveyLimits } from '../../shared/survey/limits.ts';
import { ApiError, errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatCalendarDate } from '../procedure/format.ts';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { useLoad } from '../versions/useLoad.ts';
import { publicSurveyApi } from './api.ts';
import '../consultation/consultation.css';

interface Draft {
  choice?: number;
  choices?: number[];
  other?: string;
  value?: number;
  order?: number[];
  text?: string;
}

/** The answer to send, or null when the question was left empty. */
function toAnswer(q: SurveyQuestion, d: Draft | undefined): Answer | null {
  if (!d) return null;
  switch (q.kind) {
    case 'single': return d.choice === undefined ? null : d.choice === -1 ? { choice: -1, other: d.other ?? '' } : { choice: d.choice };
    case 'multiple': return d.choices?.length ? (d.choices.includes(-1) ? { choices: d.choices, other: d.other ?? '' } : { choices: d.choices }) : null;
    case 'scale': return d.value ? { value: d.value } : null;
    case 'ranking': return d.order ? { order: d.order } : null;
    default: return d.text?.trim() ? { text: d.text } : null;
  }
}

function Question({ q, draft, set, invalid }: { q: SurveyQuestion; draft: Draft | undefined; set: (d: Draft) => void; invalid: boolean }) {
  const { t } = useI18n();
  const id = `q-${q.id}`;
  const label = <>{q.text} <span className="required">({t(q.required ? 'consultation.form.required' : 'consultation.form.optional')})</span></>;
  const otherField = (shown: boolean) => shown && (
    <p><label htmlFor={`${id}-other`}>{t('survey.otherText')}</label>
      <input id={`${id}-other`} type="text" maxLength={SurveyLimits.maxOther} value={draft?.other ?? ''} onChange={(e) => set({ ...draft, other: e.target.value })} /></p>
  );
  if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'scale') {
    const options = q.kind === 'scale' ? ['1', '2', '3', '4', '5'] : q.options;
    const checked = (i: number) => (q.kind === 'single' ? draft?.choice === i : q.kind === 'multiple' ? !!draft?.choices?.includes(i) : draft?.value === i + 1);
    const toggle = (i: number) => {
      if (q.kind === 'single') set({ ...draft, choice: i });
      else if (q.kind === 'scale') set({ ...draft, value: i + 1 });
      else {
        const now = new Set(draft?.choices ?? []);
        if (now.has(i)) now.delete(i); else now.add(i);
        set({ ...draft, choices: [...now].sort((a, b) => a - b) });
      }
    };
    const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
    return (
      <fieldset className="survey-question" aria-invalid={invalid || undefined}>
        <legend>{label}</legend>
        {q.kind === 'scale' && <p className="muted">{t('survey.scaleHint')}</p>}
        {options.map((o, i) => (
          <label key={i} className="choice"><input type={type} name={id} checked={checked(i)} onChange={() => toggle(i)} /> {o}</label>
        ))}
        {q.other && (q.kind === 'single' || q.kind === 'multiple') && (
          <label className="choice"><input type={type} name={id} checked={checked(-1)} onChange={() => toggle(-1)} /> {t('survey.other')}</label>
        )}
        {otherField(q.other && checked(-1))}
      </fieldset>
    );
  }
  if (q.kind === 'ranking') {
    const order = draft?.order ?? q.options.map((_, i) => i);
    const move = (from: number, to: number) => {
      const next = [...order];
      [next[from], next[to]] = [next[to], next[from]];
      set({ ...draft, order: next });
    };
    return (
      <fieldset className="survey-question" aria-invalid={invalid || undefined}>
        <legend>{label}</legend>
        <p className="muted">{t('survey.rankingHint')}</p>
        <ol className="survey-ranking">
          {order.map((option, position) => (
            <li key={option}>
              <span>{q.options[option]}</span>{' '}
              <button type="button" disabled={position === 0} onClick={() => move(position, position - 1)} aria-label={t('survey.up', { option: q.options[option] })}>↑</button>{' '}
              <button type="button" disabled={position === order.length - 1} onClick={() => move(position, position + 1)} aria-label={t('survey.down', { option: q.options[option] })}>↓</button>
            </li>
          ))}
        </ol>
        {!draft?.order && <button type="button" onClick={() => set({ ...draft, order })}>{t('survey.keepOrder')}</button>}
      </fieldset>
    );
  }
  return (
    <p className="survey-question">
      <label htmlFor={id}>{label}</label>
      {q.kind === 'short'
        ? <input id={id} type="text" maxLength={SurveyLimits.maxShort} value={draft?.text ?? ''} onChange={(e) => set({ ...draft, text: e.target.value })} aria-invalid={invalid || undefined} />
        : <textarea id={id} rows={5} maxLength={SurveyLimits.maxLong} value={draft?.text ?? ''} onChange={(e) => set({ ...draft, text: e.target.value })} aria-invalid={invalid || undefined} />}
    </p>
  );
}

function SurveyForm({ token, data }: { token: string; data: PublicSurveyDto }) {
  const { t } = useI18n();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [website, setWebsite] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const errorsRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLHeadingElement>(null);
  const doneKey = `ankieta-wyslana-${token}`;
  const [sentBefore] = useState(() => { try { return localStorage.getItem(doneKey) === '1'; } catch { return false; } });
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);
  const questions = data.sections.flatMap((s) => s.questions);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answers: Record<string, Answer> = {};
    for (const q of questions) {
      const a = toAnswer(q, drafts[q.id]);
      if (a) answers[q.id] = a;
    }
    const missing = questions.filter((q) => q.required && !answers[q.id]);
    const show = (list: string[], ids: string[]) => {
      setProblems(list);
      setInvalid(new Set(ids));
      setTimeout(() => errorsRef.current?.focus(), 0);
    };
    if (missing.length) return show(missing.map((q) => t('survey.missing', { question: q.text })), missing.map((q) => q.id));
    setBusy(true);
    try {
      await publicSurveyApi.respond(token, answers, website);
      try { localStorage.setItem(doneKey, '1'); } catch { /* private mode: nothing kept */ }
      setSent(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed') {
        const issues = (err.details as { issues?: { path: string }[] } | undefined)?.issues ?? [];
        const ids = issues.map((i) => i.path.replace(/^answers\./, ''));
        show(ids.map((id) => t('survey.invalid', { question: questions.find((q) => q.id === id)?.text ?? id })), ids);
      } else show([t(errorMessageKey(err))], []);
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <section className="card consultation-sent" aria-labelledby="survey-sent">
        <h2 id="survey-sent" ref={sentRef} tabIndex={-1}>{t('survey.thanks')}</h2>
        <p>{t('survey.thanksBody')}</p>
      </section>
    );
  }
  return (
    <form className="consultation-form public-survey-form" onSubmit={submit} noValidate aria-label={data.title}>
      {sentBefore && <p className="notice">{t('survey.sentBefore')}</p>}
      <div ref={errorsRef} tabIndex={-1} role="alert" className={problems.length ? 'form-error' : undefined}>
        {problems.length > 0 && (<><p>{t('consultation.form.problems')}</p><ul>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul></>)}
      </div>
      {data.sections.map((s, i) => (
        <section key={i} className="card" aria-labelledby={`survey-section-${i}`}>
          <h2 id={`survey-section-${i}`}>{s.title}</h2>
          {s.questions.map((q) => (
            <Question key={q.id} q={q} draft={drafts[q.id]} set={(d) => setDrafts({ ...drafts, [q.id]: d })} invalid={invalid.has(q.id)} />
          ))}
        </section>
      ))}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="survey-website">Strona internetowa</label>
        <input id="survey-website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
      </div>
      <p className="muted">{t('survey.anonymous')}</p>
      <button type="submit" disabled={busy}>{t('survey.submit')}</button>
    </form>
  );
}

export function PublicSurveyPage({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => publicSurveyApi.get(token), [token, attempt]);
  if (loaded.status !== 'ready') {
    return <div className="public-consultation"><h1>{t('survey.publicTitle')}</h1><LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} /></div>;
  }
  const d = loaded.value;
  const date = (x: string) => formatCalendarDate(x, lang);
  return (
    <div className="public-consultation">
      <h1>{d.title}</h1>
      <p className="consultation-meta">{d.partnership}</p>
      <p className={`consultation-phase phase-${d.phase}`}><strong>
        {d.phase === 'open' && t('survey.phase.open', { end: date(d.closesOn) })}
        {d.phase === 'planned' && t('survey.phase.planned', { start: date(d.opensOn) })}
        {d.phase === 'closed' && t('survey.phase.closed', { end: date(d.closesOn) })}
      </strong></p>
      {d.description.split('\n').filter((l) => l.trim()).map((l, i) => <p key={i}>{l}</p>)}
      {d.phase === 'open' && <SurveyForm token={token} data={d} />}
    </div>
  );
}
