/**
 * „Ankiety dla mieszkańców” of a strategy (/strategia/<id>/ankiety): coordinators and editors
 * build a survey (sections, questions of every kind, group questions for breakdowns); members
 * see each survey's public link and QR code, its results with an accessible chart per question
 * (client/charts/BarChart.tsx), a breakdown by group (e.g. 15–29 against the rest), open answers
 * with search, the CSV and the results summary for the diagnosis chapter (DOCX/PDF).
 */
import { useState, type FormEvent } from 'react';
import type { QuestionResult, SurveyDto, SurveyQuestion } from '../../shared/survey/api.ts';
import { GROUP_KINDS, QUESTION_KINDS, SurveyLimits, type QuestionKind } from '../../shared/survey/limits.ts';
import { ApiError, errorMessageKey } from '../apiClient/errors.ts';
import { useMe } from '../auth/SessionProvider.tsx';
import { BarChart } from '../charts/BarChart.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { formatCalendarDate } from '../procedure/format.ts';
import { strategyApi } from '../procedure/api.ts';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { useLoad } from '../versions/useLoad.ts';
import { surveyApi } from './api.ts';
import '../consultation/consultation.css';

interface DraftQuestion { kind: QuestionKind; text: string; options: string; required: boolean; other: boolean; group: string }
const newQuestion = (): DraftQuestion => ({ kind: 'single', text: '', options: '', required: false, other: false, group: '' });

function Builder({ strategyId, onCreated }: { strategyId: string; onCreated: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [opensOn, setOpens] = useState('');
  const [closesOn, setCloses] = useState('');
  const [sections, setSections] = useState<{ title: string; questions: DraftQuestion[] }[]>([{ title: '', questions: [newQuestion()] }]);
  const [problem, setProblem] = useState<string | null>(null);
  const setQuestion = (si: number, qi: number, q: DraftQuestion) =>
    setSections(sections.map((s, i) => (i === si ? { ...s, questions: s.questions.map((x, j) => (j === qi ? q : x)) } : s)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    let n = 0;
    try {
      await surveyApi.create(strategyId, {
        title, description, opensOn, closesOn,
        sections: sections.map((s) => ({
          title: s.title,
          questions: s.questions.map((q): SurveyQuestion => ({
            id: `p${++n}`, kind: q.kind, text: q.text, required: q.required, other: q.other && (q.kind === 'single' || q.kind === 'multiple'),
            options: q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking' ? q.options.split('\n').map((o) => o.trim()).filter(Boolean) : [],
            group: q.kind === 'single' && q.group ? (q.group as SurveyQuestion['group']) : null,
          })),
        })),
      });
      onCreated();
    } catch (err) {
      const issues = err instanceof ApiError ? (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [] : [];
      setProblem(`${t(errorMessageKey(err))} ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    }
  };
  return (
    <form className="card consultation-admin" onSubmit={submit} aria-labelledby="builder-title">
      <h2 id="builder-title">{t('survey.create')}</h2>
      <p><label htmlFor="s-title">{t('survey.title')}</label><input id="s-title" type="text" required maxLength={SurveyLimits.maxTitle} value={title} onChange={(e) => setTitle(e.target.value)} /></p>
      <p><label htmlFor="s-desc">{t('survey.description')}</label><textarea id="s-desc" rows={3} maxLength={SurveyLimits.maxDescription} value={description} onChange={(e) => setDescription(e.target.value)} /></p>
      <p><label htmlFor="s-opens">{t('survey.opensOn')}</label><br /><input id="s-opens" type="date" required value={opensOn} onChange={(e) => setOpens(e.target.value)} /></p>
      <p><label htmlFor="s-closes">{t('survey.closesOn')}</label><br /><input id="s-closes" type="date" required value={closesOn} onChange={(e) => setCloses(e.target.value)} /></p>
      {sections.map((s, si) => (
        <fieldset key={si}>
          <legend>{t('survey.section', { n: si + 1 })}</legend>
          <p><label htmlFor={`s-${si}-title`}>{t('survey.sectionTitle')}</label>
            <input id={`s-${si}-title`} type="text" maxLength={SurveyLimits.maxTitle} value={s.title} onChange={(e) => setSections(sections.map((x, i) => (i === si ? { ...x, title: e.target.value } : x)))} /></p>
          {s.questions.map((q, qi) => {
            const id = `s-${si}-q-${qi}`;
            return (
              <fieldset key={qi}>
                <legend>{t('survey.question', { n: qi + 1 })}</legend>
                <p><label htmlFor={`${id}-text`}>{t('survey.questionText')}</label><input id={`${id}-text`} type="text" maxLength={SurveyLimits.maxQuestionText} value={q.text} onChange={(e) => setQuestion(si, qi, { ...q, text: e.target.value })} /></p>
                <p><label htmlFor={`${id}-kind`}>{t('survey.kind')}</label>
                  <select id={`${id}-kind`} value={q.kind} onChange={(e) => setQuestion(si, qi, { ...q, kind: e.target.value as QuestionKind })}>
                    {QUESTION_KINDS.map((k) => <option key={k} value={k}>{t(`survey.kind.${k}` as MessageKey)}</option>)}
                  </select></p>
                {(q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking') && (
                  <p><label htmlFor={`${id}-options`}>{t('survey.options')}</label><textarea id={`${id}-options`} rows={4} value={q.options} onChange={(e) => setQuestion(si, qi, { ...q, options: e.target.value })} /></p>
                )}
                <label className="choice"><input type="checkbox" checked={q.required} onChange={(e) => setQuestion(si, qi, { ...q, required: e.target.checked })} /> {t('survey.required')}</label>
                {(q.kind === 'single' || q.kind === 'multiple') && (
                  <label className="choice"><input type="checkbox" checked={q.other} onChange={(e) => setQuestion(si, qi, { ...q, other: e.target.checked })} /> {t('survey.allowOther')}</label>
                )}
                {q.kind === 'single' && (
                  <p><label htmlFor={`${id}-group`}>{t('survey.group')}</label>
                    <select id={`${id}-group`} value={q.group} onChange={(e) => setQuestion(si, qi, { ...q, group: e.target.value })}>
                      <option value="">{t('survey.noGroup')}</option>
                      {GROUP_KINDS.map((g) => <option key={g} value={g}>{t(`survey.group.${g}` as MessageKey)}</option>)}
                    </select></p>
                )}
                <button type="button" className="button-danger" onClick={() => setSections(sections.map((x, i) => (i === si ? { ...x, questions: x.questions.filter((_, j) => j !== qi) } : x)))}>
                  {t('survey.removeQuestion', { n: qi + 1 })}
                </button>
              </fieldset>
            );
          })}
          <button type="button" onClick={() => setSections(sections.map((x, i) => (i === si ? { ...x, questions: [...x.questions, newQuestion()] } : x)))}>{t('survey.addQuestion')}</button>
        </fieldset>
      ))}
      <p><button type="button" onClick={() => setSections([...sections, { title: '', questions: [newQuestion()] }])}>{t('survey.addSection')}</button></p>
      {problem && <p role="alert" className="form-error">{problem}</p>}
      <button type="submit" className="button-primary">{t('survey.createSubmit')}</button>
    </form>
  );
}

function QuestionChart({ q, r }: { q: SurveyQuestion; r: QuestionResult }) {
  const { t } = useI18n();
  const labels = q.kind === 'scale' ? ['1', '2', '3', '4', '5'] : q.other ? [...q.options, t('survey.other')] : q.options;
  const data = q.kind === 'ranking'
    ? q.options.map((label, i) => ({ label, value: Math.round((r.meanRank?.[i] ?? 0) * 100) / 100 }))
    : labels.map((label, i) => ({ label, value: r.counts[i] ?? 0 }));
  if (!data.length) return null;
  const top = [...data].sort((a, b) => (q.kind === 'ranking' ? a.value - b.value : b.value - a.value))[0];
  const summary = q.kind === 'ranking'
    ? t('survey.summaryRanking', { answered: r.answered, top: top.label })
    : t('survey.summaryCounts', { answered: r.answered, top: top.label, value: top.value }) + (q.kind === 'scale' ? ` ${t('survey.mean', { mean: (r.mean ?? 0).toFixed(2) })}` : '');
  return <BarChart title={q.text} categoryLabel={t('survey.answerCol')} valueLabel={q.kind === 'ranking' ? t('survey.meanRank') : t('survey.countCol')} data={data} summary={summary} />;
}

function Results({ survey }: { survey: SurveyDto }) {
  const { t } = useI18n();
  const questions = survey.sections.flatMap((s) => s.questions);
  const groupQuestions = questions.filter((q) => q.kind === 'single');
  const [by, setBy] = useState('');
  const [merge, setMerge] = useState<number[]>([]);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const loaded = useLoad(() => surveyApi.results(survey.id, { q: search, by, merge: merge.join(',') }), [survey.id, by, merge.join(','), search]);
  const byQuestion = questions.find((x) => x.id === by);
  return (
    <section aria-labelledby={`results-${survey.id}`}>
      <h3 id={`results-${survey.id}`}>{t('survey.results')}</h3>
      <div className="consultation-filters consultation-admin">
        <p><label htmlFor={`by-${survey.id}`}>{t('survey.breakdown')}</label>
          <select id={`by-${survey.id}`} value={by} onChange={(e) => { setBy(e.target.value); setMerge([]); }}>
            <option value="">{t('survey.noBreakdown')}</option>
            {groupQuestions.map((x) => <option key={x.id} value={x.id}>{x.text}</option>)}
          </select></p>
        <form onSubmit={(e) => { e.preventDefault(); setSearch(q); }}>
          <p><label htmlFor={`q-${survey.id}`}>{t('survey.search')}</label>
            <input id={`q-${survey.id}`} type="text" value={q} onChange={(e) => setQ(e.target.value)} /> <button type="submit">{t('survey.searchButton')}</button></p>
        </form>
      </div>
      {byQuestion && (
        <fieldset className="consultation-admin">
          <legend>{t('survey.mergeLegend')}</legend>
          {byQuestion.options.map((o, i) => (
            <label key={i} className="choice"><input type="checkbox" checked={merge.includes(i)} onChange={(e) => setMerge(e.target.checked ? [...merge, i].sort((a, b) => a - b) : merge.filter((x) => x !== i))} /> {o}</label>
          ))}
        </fieldset>
      )}
      <LoadStatus state={loaded} onRetry={() => setSearch(search)} />
      {loaded.status === 'ready' && (
        <>
          <p role="status">{t('survey.total', { total: loaded.value.total })}</p>
          {(loaded.value.groups ?? [{ label: t('survey.everyone'), total: loaded.value.total, questions: loaded.value.questions }]).map((g, gi) => (
            <div key={gi} className="survey-group">
              {loaded.value.groups && <h4>{t('survey.groupHeading', { label: g.label, total: g.total })}</h4>}
              {questions.map((question) => {
                const r = g.questions.find((x) => x.id === question.id);
                if (!r) return null;
                return (
                  <div key={question.id} className="survey-result">
                    <QuestionChart q={question} r={r} />
                    {r.texts.length > 0 && (
                      <details><summary>{t('survey.openAnswers', { question: question.text, count: r.texts.length })}</summary>
                        <ul>{r.texts.map((x, i) => <li key={i}>{x}</li>)}</ul></details>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function InsertIntoChapter({ survey, chapters }: { survey: SurveyDto; chapters: { id: string; title: string }[] }) {
  const { t } = useI18n();
  const [chapterId, setChapterId] = useState(chapters.find((c) => /diagnoz/i.test(c.title))?.id ?? chapters[0]?.id ?? '');
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = `insert-${survey.id}`;
  return (
    <div className="consultation-admin">
      <p><label htmlFor={id}>{t('survey.insertChapter')}</label>
        <select id={id} value={chapterId} onChange={(e) => setChapterId(e.target.value)}>
          {chapters.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
        </select></p>
      <button type="button" onClick={() => {
        setProblem(null);
        surveyApi.insert(survey.id, chapterId).then(() => setStatus(t('survey.inserted')), (err: unknown) => setProblem(t(errorMessageKey(err))));
      }}>{t('survey.insert')}</button>
      {problem && <p role="alert" className="form-error">{problem}</p>}
      <p role="status" className="muted">{status}{status && <> <AppLink href={paths.chapter(chapterId)}>{t('survey.openChapter')}</AppLink></>}</p>
    </div>
  );
}

function SurveyCard({ survey, chapters }: { survey: SurveyDto; chapters: { id: string; title: string }[] | null }) {
  const { t, lang } = useI18n();
  const url = `${window.location.origin}${paths.publicSurvey(survey.publicToken)}`;
  return (
    <section className="card" aria-labelledby={`survey-${survey.id}`}>
      <h2 id={`survey-${survey.id}`}>{survey.title}</h2>
      <p>{t('survey.dates', { start: formatCalendarDate(survey.opensOn, lang), end: formatCalendarDate(survey.closesOn, lang) })} · <strong>{t(`consultation.phaseShort.${survey.phase}`)}</strong></p>
      <p>{t('survey.publicLink')} <a href={url}>{url}</a></p>
      <p><img src={surveyApi.qrUrl(survey.id)} width={160} height={160} alt={t('survey.qrAlt', { url })} /></p>
      <p>
        <a href={surveyApi.csvUrl(survey.id)} download>{t('survey.csv')}</a>{' · '}
        {t('survey.summary')} <a href={surveyApi.summaryUrl(survey.id, 'docx')} download>DOCX</a>{' · '}<a href={surveyApi.summaryUrl(survey.id, 'pdf')} download>PDF</a>
      </p>
      {chapters && <InsertIntoChapter survey={survey} chapters={chapters} />}
      <Results survey={survey} />
    </section>
  );
}

export function SurveysPage({ strategyId }: { strategyId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const [attempt, setAttempt] = useState(0);
  const [building, setBuilding] = useState(false);
  const loaded = useLoad(() => surveyApi.list(strategyId), [strategyId, attempt]);
  const strategy = useLoad(() => strategyApi.get(strategyId), [strategyId]);
  const role = strategy.status === 'ready' ? me.memberships.find((m) => m.partnershipId === strategy.value.partnershipId)?.role : undefined;
  return (
    <div className="surveys-page">
      <div className="page-heading">
        <h1>{t('survey.pageTitle')}</h1>
        {strategy.status === 'ready' && <p className="procedure-strategy">{strategy.value.title}</p>}
        <p><AppLink href={paths.dashboard()}>{t('app.backToDashboard')}</AppLink></p>
      </div>
      <LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} />
      {loaded.status === 'ready' && loaded.value.length === 0 && <p>{t('survey.none')}</p>}
      {loaded.status === 'ready' && loaded.value.map((s) => (
        <SurveyCard key={s.id} survey={s} chapters={(role === 'coordinator' || role === 'editor') && strategy.status === 'ready' ? strategy.value.chapters : null} />
      ))}
      {(role === 'coordinator' || role === 'editor') && (building
        ? <Builder strategyId={strategyId} onCreated={() => { setBuilding(false); setAttempt((n) => n + 1); }} />
        : <p><button type="button" onClick={() => setBuilding(true)}>{t('survey.create')}</button></p>)}
    </div>
  );
}
