/**
 * The public verification of a milestone (no login): the partnership, the milestone, its
 * chapters with their SHA-256 and the partners' adoptions — no people. Anyone can check a
 * downloaded file or a pasted text against the milestone's and chapters' hashes.
 */
import { useState } from 'react';
import type { PublicMilestoneDto } from '../../shared/procedure/adoptions.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { useLoad } from '../versions/useLoad.ts';
import { adoptionApi } from './api.ts';
import { formatCalendarDate } from './format.ts';
import './procedure.css';

async function hashBytes(bytes: ArrayBuffer): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function HashCheck({ data }: { data: PublicMilestoneDto }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const judge = (hash: string | null) => {
    if (!hash) return setResult(t('verify.noCrypto'));
    if (hash === data.milestone.hash) return setResult(t('verify.matchMilestone', { hash }));
    const chapter = data.chapters.find((c) => c.sha256 === hash);
    setResult(chapter ? t('verify.matchChapter', { title: chapter.title, hash }) : t('verify.noMatch', { hash }));
  };
  return (
    <section aria-labelledby="check-title" className="card">
      <h2 id="check-title">{t('verify.checkTitle')}</h2>
      <p><label htmlFor="verify-file">{t('verify.file')}</label><br />
        <input id="verify-file" type="file" onChange={async (e) => {
          const file = e.target.files?.[0];
          if (file) judge(await hashBytes(await file.arrayBuffer()));
        }} /></p>
      <p><label htmlFor="verify-text">{t('verify.text')}</label><br />
        <textarea id="verify-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} /></p>
      <button type="button" onClick={async () => judge(await hashBytes(new TextEncoder().encode(text).buffer as ArrayBuffer))}>{t('verify.checkText')}</button>
      <p role="status" className="verify-result">{result}</p>
    </section>
  );
}

export function VerificationPage({ hash }: { hash: string }) {
  const { t, lang, formatDate } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => adoptionApi.verify(hash), [hash, attempt]);
  return (
    <div className="verification-page">
      <h1>{t('verify.title')}</h1>
      <LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} />
      {loaded.status === 'ready' && (
        <>
          <section aria-labelledby="milestone-title" className="card">
            <h2 id="milestone-title">{loaded.value.milestone.name}</h2>
            <p>{loaded.value.strategy} · {loaded.value.partnership}</p>
            <p>{t('verify.created', { date: formatDate(loaded.value.milestone.createdAt) })}</p>
            <p>{t('verify.hash')} <code className="mono verify-hash">{loaded.value.milestone.hash}</code></p>
            {loaded.value.milestone.stale && <p><strong className="adoption-stale">{t('adoptions.milestoneStale')}</strong></p>}
            <h3>{t('verify.chapters')}</h3>
            <ol className="verify-chapters">
              {loaded.value.chapters.map((c, i) => <li key={i}>{c.title}: <code className="mono verify-hash">{c.sha256}</code></li>)}
            </ol>
            <h3>{t('verify.adoptions')}</h3>
            {loaded.value.adoptions.length === 0 && <p>{t('verify.noAdoptions')}</p>}
            <ul>
              {loaded.value.adoptions.map((a, i) => (
                <li key={i}>
                  <strong>{a.organization}</strong>{a.terc && ` (${a.terc})`}: {t('adoptions.resolution', { number: a.resolutionNumber, date: formatCalendarDate(a.resolutionDate, lang) })}
                  {' '}({t(`adoptions.body.${a.body}`)}) · <a href={a.bipUrl} rel="noopener noreferrer">{t('adoptions.bip')}</a>
                  {a.stale && <strong className="adoption-stale"> {t('adoptions.stale')}</strong>}
                </li>
              ))}
            </ul>
          </section>
          <HashCheck data={loaded.value} />
        </>
      )}
    </div>
  );
}
