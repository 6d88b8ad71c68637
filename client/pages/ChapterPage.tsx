/**
 * /rozdzial/:chapterId — the chapter's live editor (lazy-loaded: TipTap and Yjs stay out of
 * the login and dashboard bundle). Permissions come from the API first and then from the
 * server's live ChapterState.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ChapterDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
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
import { AppLink, navigate } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { historyTab } from '../versions/historyTab.tsx';
import { ExportLinks } from '../export/ExportLinks.tsx';
// Key-project fiches (issue 19): the key projects chapter shows the summary generated from the fiches.
import { PackageSummary, isKeyProjectsChapter } from '../projects/PackageSummary.tsx';
import { ImportButton } from '../import/ImportButton.tsx';

export default function ChapterPage({ chapterId }: { chapterId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const { sessionEnded } = useSession();
  const [chapter, setChapter] = useState<ChapterDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const user = useMemo<CollabUser>(
    () => ({ userId: me.user.id, name: me.user.name, organization: me.user.organization.name, color: colorForUser(me.user.id) }),
    [me.user.id, me.user.name, me.user.organization.name],
  );
  const { connection, snapshot } = useChapterConnection(chapterId, user);

  useEffect(() => {
    let live = true;
    setChapter(null);
    setError(null);
    api.chapter(chapterId).then((c) => {
      if (!live) return;
      // A key-project fiche opened by its chapter address (an old link): its page is the fiche's, with the same fragment.
      if (c.fiche) navigate(paths.fiche(c.id) + location.hash, { replace: true });
      else setChapter(c);
    }, (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [chapterId]);

  useEffect(() => {
    if (snapshot?.notice === 'sessionEnded') sessionEnded();
  }, [snapshot?.notice, sessionEnded]);

  if (error) {
    return (
      <section aria-labelledby="chapter-title">
        <h1 id="chapter-title">{t(errorMessageKey(error))}</h1>
        <p><AppLink href={paths.dashboard()}>{t('editor.back')}</AppLink></p>
      </section>
    );
  }
  if (!chapter || !connection || !snapshot) return <p role="status">{t('editor.loading')}</p>;

  const live = snapshot.live;
  const frozen = live ? live.frozen : chapter.frozen;
  const canEdit = (live ? live.permissions.edit : chapter.permissions.edit) && !frozen;
  // The server will take nothing more from this page (access withdrawn, or too many sessions).
  const stopped = snapshot.notice === 'accessLost' || snapshot.notice === 'tooManySessions';
  const editable = canEdit && !stopped && !snapshot.resetting;
  // Experts (and everyone under the suggest lock) type into the text too: their edits become suggestions.
  const canSuggest = (live ? live.permissions.suggest : chapter.permissions.suggest) && !frozen;
  const textEditable = (canEdit || canSuggest) && !stopped && !snapshot.resetting;
  // Deciding on suggestions and naming a version leave the text as it is: a suggest lock does not stop them.
  const canReview = (live ? live.permissions.review : chapter.permissions.review) && !frozen && !stopped;
  const canManage = live ? live.permissions.manage : chapter.permissions.manage;

  return (
    <article className="chapter-page" aria-labelledby="chapter-title">
      <div className="chapter-head">
        <div>
          <p className="muted">
            <AppLink href={paths.dashboard(chapter.partnershipId)}>{t('editor.back')}</AppLink> · {t('editor.chapterOf', { strategy: chapter.strategyTitle })}
          </p>
          <h1 id="chapter-title">{chapter.title}</h1>
        </div>
        <SaveStatusIndicator status={snapshot.status} />
      </div>
      <ExportLinks base={`/api/chapters/${chapter.id}/export`} label={t('export.chapter')} tracked />
      {textEditable && <ImportButton chapterId={chapter.id} chapterTitle={chapter.title} partnershipId={chapter.partnershipId} />}
      <PresenceAvatars provider={snapshot.provider} />
      <ChapterNotices frozen={frozen} readOnly={!canEdit && !canSuggest} notice={snapshot.notice} />
      {isKeyProjectsChapter(chapter.title) && <PackageSummary strategyId={chapter.strategyId} />}
      <ChapterEditor key={snapshot.generation} doc={snapshot.doc} provider={snapshot.provider} user={user} editable={textEditable} title={chapter.title}
        sideTabs={[historyTab(t, { chapterId: chapter.id, chapterTitle: chapter.title, events: connection.events, canEdit: editable, canSaveVersion: canReview, canManage, frozen })]}
        comments={{
          chapterId: chapter.id, partnershipId: chapter.partnershipId, events: connection.events, myId: me.user.id, frozen: !!frozen,
          canComment: (live ? live.permissions.comment : chapter.permissions.comment) && !stopped,
        }}
        suggestions={{
          chapterId: chapter.id, partnershipId: chapter.partnershipId, strategyId: chapter.strategyId, events: connection.events, myId: me.user.id, frozen: !!frozen,
          suggestLock: live ? live.suggestLock : chapter.suggestLock,
          permissions: { edit: canEdit, suggest: canSuggest, review: canReview, manage: canManage },
        }}
        figures={{ chapterId: chapter.id }} />
    </article>
  );
}
