/**
 * The public consultation page (/konsultacje/<token>), without login: the introduction, the
 * draft chapter by chapter (each paragraph numbered), and one remark form that a button under
 * a chapter or a paragraph fills in for it. The information clause (RODO) is shown inside the
 * form before submitting. After the last day the form is replaced by a notice (the server
 * refuses later remarks too). A sent remark shows its number.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PublicConsultationDto, SubmittedRemarkDto } from '../../shared/consultation/api.ts';
import { ConsultationLimits, IDENTITY_FIELDS, SUBMITTER_CATEGORIES, type IdentityField, type SubmitterCategory } from '../../shared/consultation/limits.ts';
import { ApiError, errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { formatCalendarDate } from '../procedure/format.ts';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { useLoad } from '../versions/useLoad.ts';
import { publicConsultationApi } from './api.ts';
import './consultation.css';

/** The text of a paragraph's HTML (for the "current wording" field). */
function textOf(html: string): string {
  const el = document.createElement('div');
  el.innerHTML = html;
  return (el.textContent ?? '').trim();
}

const FIELD_KEYS: Record<IdentityField, MessageKey> = {
  name: 'consultation.field.name', email: 'consultation.field.email', organisation: 'consultation.field.organisation', locality: 'consultation.field.locality',
};
/** Form fields the server may name in validation issues, with their labels. */
const ISSUE_LABELS: Record<string, MessageKey> = {
  ...FIELD_KEYS, chapter: 'consultation.form.chapter', paragraph: 'consultation.form.paragraph', category: 'consultation.form.category',
  currentWording: 'consultation.form.currentWording', proposedChange: 'consultation.form.proposedChange', justification: 'consultation.form.justification',
  privacyAcknowledged: 'consultation.form.privacy',
};

interface Draft {
  chapter: number;
  paragraph: string;
  category: SubmitterCategory | '';
  currentWording: string;
  proposedChange: string;
  justification: string;
  identity: Record<IdentityField, string>;
  privacy: boolean;
  website: string;
}

const emptyDraft = (chapter = 1): Draft => ({
  chapter, paragraph: '', category: '', currentWording: '', proposedChange: '', justification: '',
  identity: { name: '', email: '', organisation: '', locality: '' }, privacy: false, website: '',
});

function RemarkForm({ token, data, draft, setDraft, headingRef }: {
  token: string; data: PublicConsultationDto; draft: Draft; setDraft: (d: Draft) => void; headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useI18n();
  const [problems, setProblems] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<SubmittedRemarkDto | null>(null);
  const errorsRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLHeadingElement>(null);
  // The confirmation takes the focus once it is on the page.
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  const showProblems = (list: string[], fields: string[]) => {
    setProblems(list);
    setInvalid(new Set(fields));
    setTimeout(() => errorsRef.current?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: string[] = [];
    if (!draft.category) missing.push('category');
    if (!draft.proposedChange.trim()) missing.push('proposedChange');
    if (!draft.justification.trim()) missing.push('justification');
    for (const f of IDENTITY_FIELDS) if (data.fields[f] === 'required' && !draft.identity[f].trim()) missing.push(f);
    if (!draft.privacy) missing.push('privacyAcknowledged');
    if (missing.length) {
      showProblems(missing.map((f) => t('consultation.form.missing', { field: t(ISSUE_LABELS[f]) })), missing);
      return;
    }
    setBusy(true);
    try {
      const identity = Object.fromEntries(IDENTITY_FIELDS.filter((f) => data.fields[f] !== 'off' && draft.identity[f].trim()).map((f) => [f, draft.identity[f]]));
      const result = await publicConsultationApi.submit(token, {
        chapter: draft.chapter, paragraph: draft.paragraph ? Number(draft.paragraph) : null, category: draft.category as SubmitterCategory,
        currentWording: draft.currentWording, proposedChange: draft.proposedChange, justification: draft.justification,
        ...identity, privacyAcknowledged: true, website: draft.website,
      });
      setSent(result);
      setProblems([]);
      setInvalid(new Set());
      setDraft(emptyDraft(draft.chapter));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed') {
        const issues = ((err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []);
        const fields = issues.map((i) => i.path.split('.')[0]);
        showProblems(issues.map((i) => t('consultation.form.invalid', { field: ISSUE_LABELS[i.path] ? t(ISSUE_LABELS[i.path]) : i.path })), fields);
      } else {
        showProblems([t(errorMessageKey(err))], []);
      }
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <section className="card consultation-sent" aria-labelledby="sent-title">
        <h2 id="sent-title" ref={sentRef} tabIndex={-1}>{t('consultation.sent.title', { number: sent.number })}</h2>
        <p>{t('consultation.sent.body', { number: sent.number })}</p>
        <button type="button" onClick={() => { setSent(null); setTimeout(() => headingRef.current?.focus(), 0); }}>{t('consultation.sent.another')}</button>
      </section>
    );
  }

  const chapter = data.chapters.find((c) => c.position === draft.chapter);
  const field = (name: string) => ({ 'aria-invalid': invalid.has(name) || undefined });
  return (
    <form className="card consultation-form" aria-labelledby="form-title" onSubmit={submit} noValidate>
      <h2 id="form-title" ref={headingRef} tabIndex={-1}>{t('consultation.form.title')}</h2>
      <div ref={errorsRef} tabIndex={-1} role="alert" className={problems.length ? 'form-error' : undefined}>
        {problems.length > 0 && (<><p>{t('consultation.form.problems')}</p><ul>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul></>)}
      </div>
      <p>
        <label htmlFor="remark-chapter">{t('consultation.form.chapter')}</label>
        <select id="remark-chapter" value={draft.chapter} onChange={(e) => setDraft({ ...draft, chapter: Number(e.target.value), paragraph: '' })} {...field('chapter')}>
          {data.chapters.map((c) => <option key={c.position} value={c.position}>{c.position}. {c.title}</option>)}
        </select>
      </p>
      {data.paragraphRemarks && (
        <p>
          <label htmlFor="remark-paragraph">{t('consultation.form.paragraphOptional')}</label>
          <select id="remark-paragraph" value={draft.paragraph} onChange={(e) => setDraft({ ...draft, paragraph: e.target.value })} {...field('paragraph')}>
            <option value="">{t('consultation.form.wholeChapter')}</option>
            {(chapter?.paragraphs ?? []).map((p) => <option key={p.n} value={String(p.n)}>{t('consultation.paragraph', { n: p.n })}</option>)}
          </select>
        </p>
      )}
      <fieldset {...field('category')}>
        <legend>{t('consultation.form.category')} <span className="required">({t('consultation.form.required')})</span></legend>
        {SUBMITTER_CATEGORIES.map((c) => (
          <label key={c} className="choice">
            <input type="radio" name="category" value={c} checked={draft.category === c} onChange={() => setDraft({ ...draft, category: c })} />
            {' '}{t(`consultation.category.${c}`)}
          </label>
        ))}
      </fieldset>
      <p>
        <label htmlFor="remark-current">{t('consultation.form.currentWording')}</label>
        <textarea id="remark-current" rows={3} maxLength={ConsultationLimits.maxWording} value={draft.currentWording} onChange={(e) => setDraft({ ...draft, currentWording: e.target.value })} />
      </p>
      <p>
        <label htmlFor="remark-proposal">{t('consultation.form.proposedChange')} <span className="required">({t('consultation.form.required')})</span></label>
        <textarea id="remark-proposal" rows={4} maxLength={ConsultationLimits.maxProposal} required value={draft.proposedChange} onChange={(e) => setDraft({ ...draft, proposedChange: e.target.value })} {...field('proposedChange')} />
      </p>
      <p>
        <label htmlFor="remark-justification">{t('consultation.form.justification')} <span className="required">({t('consultation.form.required')})</span></label>
        <textarea id="remark-justification" rows={4} maxLength={ConsultationLimits.maxJustification} required value={draft.justification} onChange={(e) => setDraft({ ...draft, justification: e.target.value })} {...field('justification')} />
      </p>
      {IDENTITY_FIELDS.filter((f) => data.fields[f] !== 'off').map((f) => (
        <p key={f}>
          <label htmlFor={`remark-${f}`}>
            {t(FIELD_KEYS[f])} <span className="required">({t(data.fields[f] === 'required' ? 'consultation.form.required' : 'consultation.form.optional')})</span>
          </label>
          <input id={`remark-${f}`} type={f === 'email' ? 'email' : 'text'} autoComplete={f === 'name' ? 'name' : f === 'email' ? 'email' : f === 'organisation' ? 'organization' : 'address-level2'}
            maxLength={ConsultationLimits.identityMax[f]} required={data.fields[f] === 'required'}
            value={draft.identity[f]} onChange={(e) => setDraft({ ...draft, identity: { ...draft.identity, [f]: e.target.value } })} {...field(f)} />
        </p>
      ))}
      {/* Honeypot: hidden from people and assistive technology; robots fill it in. */}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="remark-website">Strona internetowa</label>
        <input id="remark-website" type="text" tabIndex={-1} autoComplete="off" value={draft.website} onChange={(e) => setDraft({ ...draft, website: e.target.value })} />
      </div>
      <section className="privacy-clause" aria-labelledby="privacy-title">
        <h3 id="privacy-title">{t('consultation.privacyTitle')}</h3>
        {data.privacyClause.split('\n').filter((l) => l.trim()).map((l, i) => <p key={i}>{l}</p>)}
      </section>
      <p>
        <label className="choice">
          <input type="checkbox" checked={draft.privacy} onChange={(e) => setDraft({ ...draft, privacy: e.target.checked })} {...field('privacyAcknowledged')} />
          {' '}{t('consultation.form.privacy')}
        </label>
      </p>
      <button type="submit" disabled={busy}>{busy ? t('consultation.form.sending') : t('consultation.form.submit')}</button>
    </form>
  );
}

export function PublicConsultationPage({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => publicConsultationApi.get(token), [token, attempt]);
  const [draft, setDraft] = useState<Draft>(emptyDraft());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const date = (d: string) => formatCalendarDate(d, lang);

  const remarkOn = (chapter: number, paragraph: number | null, html: string | null) => {
    setDraft({ ...draft, chapter, paragraph: paragraph ? String(paragraph) : '', currentWording: html ? textOf(html) : draft.currentWording });
    setTimeout(() => {
      headingRef.current?.scrollIntoView({ block: 'start' });
      headingRef.current?.focus();
    }, 0);
  };

  if (loaded.status !== 'ready') {
    return (
      <div className="public-consultation">
        <h1>{t('consultation.publicTitle')}</h1>
        <LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  const data = loaded.value;
  const open = data.phase === 'open';
  return (
    <div className="public-consultation">
      <h1>{data.title}</h1>
      <p className="consultation-meta">{data.strategy} · {data.partnership}</p>
      <p className={`consultation-phase phase-${data.phase}`}>
        <strong>
          {data.phase === 'open' && t('consultation.phase.open', { start: date(data.startsOn), end: date(data.endsOn) })}
          {data.phase === 'planned' && t('consultation.phase.planned', { start: date(data.startsOn), end: date(data.endsOn) })}
          {data.phase === 'closed' && t('consultation.phase.closed', { end: date(data.endsOn) })}
        </strong>
      </p>
      <section aria-labelledby="intro-title" className="card">
        <h2 id="intro-title">{t('consultation.introTitle')}</h2>
        {data.introduction.split('\n').filter((l) => l.trim()).map((l, i) => <p key={i}>{l}</p>)}
        {open && <p><a href="#form-title" onClick={(e) => { e.preventDefault(); remarkOn(draft.chapter, null, null); }}>{t('consultation.goToForm')}</a></p>}
      </section>
      <nav aria-labelledby="toc-title" className="card">
        <h2 id="toc-title">{t('consultation.toc')}</h2>
        <ol>{data.chapters.map((c) => <li key={c.position}><a href={`#rozdzial-${c.position}`}>{c.title}</a></li>)}</ol>
      </nav>
      {data.chapters.map((c) => (
        <section key={c.position} id={`rozdzial-${c.position}`} aria-labelledby={`chapter-title-${c.position}`} className="card consultation-chapter">
          <h2 id={`chapter-title-${c.position}`}>{c.position}. {c.title}</h2>
          {c.paragraphs.map((p) => (
            <div key={p.n} className="consultation-paragraph">
              <span className="paragraph-number" aria-hidden="true">{p.n}</span>
              <div className="paragraph-text" dangerouslySetInnerHTML={{ __html: p.html }} />
              {open && data.paragraphRemarks && (
                <button type="button" className="link-button" onClick={() => remarkOn(c.position, p.n, p.html)}>
                  {t('consultation.remarkOnParagraph', { n: p.n, chapter: c.position })}
                </button>
              )}
            </div>
          ))}
          {open && <button type="button" onClick={() => remarkOn(c.position, null, null)}>{t('consultation.remarkOnChapter', { title: c.title })}</button>}
        </section>
      ))}
      {open
        ? <RemarkForm token={token} data={data} draft={draft} setDraft={setDraft} headingRef={headingRef} />
        : (
          <section className="card" aria-labelledby="form-closed">
            <h2 id="form-closed">{t('consultation.form.title')}</h2>
            <p>{data.phase === 'closed' ? t('consultation.closedNotice', { end: date(data.endsOn) }) : t('consultation.plannedNotice', { start: date(data.startsOn) })}</p>
          </section>
        )}
    </div>
  );
}
