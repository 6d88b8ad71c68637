/**
 * /projekt/:id — one key-project fiche (issue 19), live: the structured fields (FicheForm) and
 * the text sections in the chapter editor, over the same document and connection as a chapter
 * (presence, offline, „Zapisano”, comments, suggestions, history). Each structured field has its
 * own comment threads (FieldComments). Experts' field changes become proposals; the coordinator
 * records the Rada Partnerstwa's decision.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { FicheDto, FicheLinkOptionsDto } from '../../shared/projects/api.ts';
import { FICHE_MAP, FicheLimits, readFicheFields, type FicheFieldName, type FicheFields } from '../../shared/projects/fiche.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useMe, useSession } from '../auth/SessionProvider.tsx';
import type { CollabUser } from '../collab/ChapterConnection.ts';
import { colorForUser } from '../collab/presence.ts';
import { useChapterConnection } from '../collab/useChapterConnection.ts';
import { ChapterEditor } from '../editor/ChapterEditor.tsx';
import { ChapterNotices } from '../editor/ChapterNotices.tsx';
import { PresenceAvatars } from '../editor/PresenceAvatars.tsx';
import { SaveStatusIndicator } from '../editor/SaveStatusIndicator.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { historyTab } from '../versions/historyTab.tsx';
import { projectApi } from './api.ts';
import { FicheForm, type Commit } from './FicheForm.tsx';
import { FieldComments, useFieldComments, type FieldCommentsState } from './FieldComments.tsx';
import { FIELD_KEYS, STATUS_KEYS, pln } from './labels.ts';
import './projects.css';

/** The fiche's structured fields, following the live document. */
function useFicheFields(doc: Y.Doc | null): FicheFields | null {
  const [fields, setFields] = useState<FicheFields | null>(null);
  useEffect(() => {
    if (!doc) return;
    const map = doc.getMap(FICHE_MAP);
    const read = () => setFields(readFicheFields(map.toJSON() as Record<string, unknown>));
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [doc]);
  return fields;
}

const PROBLEM_KEYS: Record<string, MessageKey> = {
  title: 'projects.problem.title', leader: 'projects.problem.leader', partners: 'projects.problem.partners', cost: 'projects.problem.cost',
  partners_sum: 'projects.problem.partners_sum', funding_sum: 'projects.problem.funding_sum',
};

/** A proposed value in words. */
function describe(value: unknown, orgs: Map<string, string>): string {
  if (typeof value === 'number') return pln(value);
  if (typeof value === 'string') return orgs.get(value) ?? value;
  if (value === null) return '—';
  if (Array.isArray(value)) return value.map((v) => describe(v, orgs)).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== 'client' && k !== 'clock' && k !== 'chapterId')
      .map(([k, v]) => `${k}: ${describe(v, orgs)}`).join(', ');
  }
  return String(value);
}

export default function FichePage({ ficheId }: { ficheId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const announce = useAnnounce();
  const { sessionEnded } = useSession();
  const [dto, setDto] = useState<FicheDto | null>(null);
  const [links, setLinks] = useState<FicheLinkOptionsDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Partial<FicheFields>>({});
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState({ number: '', date: '' });
  const [reason, setReason] = useState('');
  const user = useMemo<CollabUser>(
    () => ({ userId: me.user.id, name: me.user.name, organization: me.user.organization.name, color: colorForUser(me.user.id) }),
    [me.user.id, me.user.name, me.user.organization.name],
  );
  const { connection, snapshot } = useChapterConnection(ficheId, user);
  const live = useFicheFields(snapshot?.doc ?? null);
  const fieldThreads = useFieldComments(ficheId, me.user.id, connection?.events ?? null);

  const reload = useCallback(() => projectApi.fiche(ficheId).then(setDto, setError), [ficheId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const strategyId = dto?.strategyId;
  useEffect(() => {
    if (strategyId) projectApi.links(strategyId).then(setLinks, () => setLinks(null));
  }, [strategyId]);
  useEffect(() => connection?.events.on('event', (e) => {
    if ((e as { type: string }).type === 'fiche-changed') void reload();
  }), [connection, reload]);
  useEffect(() => {
    if (snapshot?.notice === 'sessionEnded') sessionEnded();
  }, [snapshot?.notice, sessionEnded]);

  if (error) {
    return (
      <section aria-labelledby="fiche-title">
        <h1 id="fiche-title">{t(errorMessageKey(error))}</h1>
        <p><AppLink href={paths.dashboard()}>{t('editor.back')}</AppLink></p>
      </section>
    );
  }
  if (!dto || !connection || !snapshot || !live) return <p role="status">{t('editor.loading')}</p>;

  const state = snapshot.live;
  // The live state names who froze the fiche; before it arrives, the API's flag stands in.
  const frozenInfo = state ? state.frozen : null;
  const frozen = state ? !!state.frozen : dto.frozen;
  const stopped = snapshot.notice === 'accessLost' || snapshot.notice === 'tooManySessions';
  const canEdit = (state ? state.permissions.edit : dto.permissions.edit) && !frozen && !stopped && !snapshot.resetting;
  const canSuggest = (state ? state.permissions.suggest : dto.permissions.suggest || dto.permissions.edit) && !frozen && !stopped;
  const proposing = !canEdit && canSuggest;
  const canReview = dto.permissions.review && !frozen && !stopped;
  const canComment = (state ? state.permissions.comment : true) && !stopped;
  const fieldComments: FieldCommentsState = {
    ...fieldThreads, ficheId, partnershipId: dto.partnershipId, myId: me.user.id, canWrite: canComment && !frozen,
  };
  const orgs = new Map(dto.organizations.map((o) => [o.id, o.name]));
  const shown: FicheFields = proposing ? { ...live, ...draft } : live;
  const drafted = Object.keys(draft) as FicheFieldName[];

  const commit: Commit = (key, value) => {
    if (proposing) setDraft((d) => ({ ...d, [key]: value }));
    else if (canEdit) snapshot.doc.getMap(FICHE_MAP).set(key, value);
  };

  const run = async (action: () => Promise<unknown>, done: MessageKey) => {
    setActionError(null);
    try {
      await action();
      announce(t(done));
      await reload();
    } catch (err) {
      setActionError(t(errorMessageKey(err)));
    }
  };

  const sendProposals = () => run(async () => {
    for (const key of drafted) await projectApi.propose(ficheId, key, draft[key], note || undefined);
    setDraft({});
    setNote('');
  }, 'projects.proposalsSent');

  const accept = (e: FormEvent) => {
    e.preventDefault();
    void run(() => projectApi.decide(ficheId, { status: 'accepted', resolutionNumber: resolution.number, resolutionDate: resolution.date }), 'projects.decided');
  };
  const reject = (e: FormEvent) => {
    e.preventDefault();
    void run(() => projectApi.decide(ficheId, { status: 'rejected', reason }), 'projects.decided');
  };
  const open = dto.proposals.filter((p) => p.state === 'open');
  const title = live.title || t('projects.untitled');

  return (
    <article className="chapter-page fiche-page" aria-labelledby="fiche-title">
      <div className="chapter-head">
        <div>
          <p className="muted"><AppLink href={paths.package(dto.strategyId)}>{t('projects.backToPackage')}</AppLink></p>
          <h1 id="fiche-title">{t('projects.ficheHeading', { title })}</h1>
          <p className="fiche-status">
            {t('projects.status')}: {t(STATUS_KEYS[dto.status])}
            {dto.resolutionNumber && ` · ${t('projects.resolution', { number: dto.resolutionNumber, date: dto.resolutionDate ?? '' })}`}
            {dto.rejectionReason && ` · ${t('projects.rejectedBecause', { reason: dto.rejectionReason })}`}
          </p>
        </div>
        <SaveStatusIndicator status={snapshot.status} />
      </div>
      <PresenceAvatars provider={snapshot.provider} />
      <ChapterNotices frozen={frozenInfo} readOnly={!canEdit && !canSuggest} notice={snapshot.notice} />
      <FormError message={actionError} />

      {dto.permissions.decide && dto.status === 'proposed' && (
        <section aria-labelledby="decision-title" className="card">
          <h2 id="decision-title">{t('projects.decisionTitle')}</h2>
          {dto.problems.length > 0 && (
            <div role="note">
              <p>{t('projects.notReady')}</p>
              <ul>{dto.problems.map((p) => <li key={p}>{t(PROBLEM_KEYS[p] ?? 'projects.problem.cost')}</li>)}</ul>
            </div>
          )}
          <form className="inline-form" onSubmit={accept}>
            <label htmlFor="res-number">{t('projects.resolutionNumber')}</label>
            <input id="res-number" required value={resolution.number} onChange={(e) => setResolution({ ...resolution, number: e.target.value })} />
            <label htmlFor="res-date">{t('projects.resolutionDate')}</label>
            <input id="res-date" type="date" required value={resolution.date} onChange={(e) => setResolution({ ...resolution, date: e.target.value })} />
            <button type="submit">{t('projects.accept')}</button>
          </form>
          <form className="inline-form" onSubmit={reject}>
            <label htmlFor="reject-reason">{t('projects.rejectReason')}</label>
            <input id="reject-reason" required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="submit">{t('projects.reject')}</button>
          </form>
        </section>
      )}
      {dto.permissions.decide && dto.status === 'accepted' && (
        <p><button type="button" onClick={() => void run(() => projectApi.decide(ficheId, { status: 'in_package' }), 'projects.decided')}>{t('projects.toPackage')}</button></p>
      )}

      {proposing && (
        <p className="muted">{t('projects.expertHint')}</p>
      )}
      <FicheForm fields={shown} organizations={dto.organizations} links={links} disabled={!canEdit && !proposing} commit={commit}
        comments={(field, label) => <FieldComments field={field} label={label} state={fieldComments} />} />
      {proposing && drafted.length > 0 && (
        <section aria-labelledby="draft-title" className="card">
          <h2 id="draft-title">{t('projects.draftTitle', { count: drafted.length })}</h2>
          <ul>{drafted.map((k) => <li key={k}>{t(FIELD_KEYS[k])}: {describe(draft[k], orgs)}</li>)}</ul>
          <label htmlFor="proposal-note">{t('projects.proposalNote')}</label>
          <textarea id="proposal-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={FicheLimits.note} />
          <p>
            <button type="button" onClick={() => void sendProposals()}>{t('projects.sendProposals')}</button>{' '}
            <button type="button" onClick={() => setDraft({})}>{t('projects.discardDraft')}</button>
          </p>
        </section>
      )}
      <section aria-labelledby="proposals-title">
        <h2 id="proposals-title">{t('projects.proposals', { count: open.length })}</h2>
        {open.length === 0 ? <p>{t('projects.noProposals')}</p> : (
          <ul className="proposal-list">
            {open.map((p) => (
              <li key={p.id}>
                <strong>{t(FIELD_KEYS[p.field])}</strong>: {describe(p.value, orgs)}
                {' — '}{p.author.name}{p.author.organization ? ` · ${p.author.organization}` : ''}
                {p.note && <> („{p.note}”)</>}
                {canReview && (
                  <>
                    {' '}
                    <button type="button" onClick={() => void run(() => projectApi.decideProposal(ficheId, p.id, true), 'projects.proposalAccepted')}>
                      {t('projects.acceptProposal', { field: t(FIELD_KEYS[p.field]) })}
                    </button>{' '}
                    <button type="button" onClick={() => void run(() => projectApi.decideProposal(ficheId, p.id, false), 'projects.proposalRejected')}>
                      {t('projects.rejectProposal', { field: t(FIELD_KEYS[p.field]) })}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>{t('projects.texts')}</h2>
      <ChapterEditor key={snapshot.generation} doc={snapshot.doc} provider={snapshot.provider} user={user} editable={(canEdit || canSuggest) && !snapshot.resetting} title={title}
        sideTabs={[historyTab(t, { chapterId: ficheId, chapterTitle: title, events: connection.events, canEdit, canSaveVersion: canReview, canManage: dto.permissions.decide, frozen: frozenInfo })]}
        comments={{
          chapterId: ficheId, partnershipId: dto.partnershipId, events: connection.events, myId: me.user.id, frozen: !!frozen,
          canComment, threads: fieldThreads.threads,
        }}
        suggestions={{
          chapterId: ficheId, partnershipId: dto.partnershipId, events: connection.events, myId: me.user.id, frozen: !!frozen,
          suggestLock: state ? state.suggestLock : false,
          permissions: { edit: canEdit, suggest: canSuggest, review: canReview, manage: dto.permissions.decide },
        }} />
    </article>
  );
}
