/**
 * The chapter's history panel (a tab of the editor's side area): the versions newest first with
 * their kind in words and who changed the text; save a named version; open, compare and restore
 * versions; a coordinator's „Zatwierdź i zamroź” and „Odmroź”. The list follows the server's
 * `versions-changed` pushes, so everyone's panel shows a new version at once.
 */
import { useState } from 'react';
import type { ChapterLiveState } from '../../shared/protocol.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { FreezeDialog, RestoreDialog, SaveVersionDialog, UnfreezeDialog } from './ActionDialogs.tsx';
import { CompareForm, CURRENT } from './CompareForm.tsx';
import { CompareView } from './CompareView.tsx';
import { versionTitle } from './labels.ts';
import { useVersionList, type CollabEvents } from './useVersionList.ts';
import { VersionListItem, type VersionItemActions } from './VersionListItem.tsx';
import { VersionViewer } from './VersionViewer.tsx';
import './versions.css';

export interface HistoryPanelProps {
  chapterId: string;
  chapterTitle: string;
  /** The chapter connection's events (`versions-changed`); null before it exists. */
  events: CollabEvents | null;
  /** May change the text now (edit right, not frozen, not under the suggest lock): restore. */
  canEdit: boolean;
  /** May name a version (an editor or coordinator, not frozen; the suggest lock does not stop it). */
  canSaveVersion: boolean;
  /** Coordinator of the partnership: may freeze and unfreeze. */
  canManage: boolean;
  frozen: ChapterLiveState['frozen'];
}

type Dialog =
  | null
  | { kind: 'save' }
  | { kind: 'view'; versionId: string }
  | { kind: 'compare'; from: string; to: string }
  | { kind: 'restore'; versionId: string; title: string }
  | { kind: 'freeze' }
  | { kind: 'unfreeze' };

export function HistoryPanel({ chapterId, chapterTitle, events, canEdit, canSaveVersion, canManage, frozen }: HistoryPanelProps) {
  const { t, formatDate } = useI18n();
  const { state, reload } = useVersionList(chapterId, events);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    void reload();
  };
  const actions: VersionItemActions = {
    open: (v) => setDialog({ kind: 'view', versionId: v.id }),
    compareWithCurrent: (v) => setDialog({ kind: 'compare', from: v.id, to: CURRENT }),
    restore: (v) => setDialog({ kind: 'restore', versionId: v.id, title: versionTitle(t, formatDate, v) }),
  };

  return (
    <section className="history-panel" aria-labelledby="history-title">
      <h2 id="history-title" tabIndex={-1} data-modal-fallback>{t('versions.title')}</h2>
      <div className="history-tools">
        {canSaveVersion && <button type="button" onClick={() => setDialog({ kind: 'save' })}>{t('versions.save')}</button>}
        {canManage && !frozen && (
          <button type="button" onClick={() => setDialog({ kind: 'freeze' })}><span aria-hidden="true">❄ </span>{t('freeze.open')}</button>
        )}
        {canManage && frozen && (
          <button type="button" className="button-danger" onClick={() => setDialog({ kind: 'unfreeze' })}>{t('unfreeze.open')}</button>
        )}
      </div>
      <LoadStatus state={state} onRetry={() => void reload()} />
      {state.status === 'ready' && (
        <>
          <CompareForm versions={state.versions} onCompare={(from, to) => setDialog({ kind: 'compare', from, to })} />
          {state.versions.length === 0 ? (
            <p className="muted">{t('versions.empty')}</p>
          ) : (
            <ol className="version-list" aria-label={t('versions.listLabel', { count: state.versions.length })}>
              {state.versions.map((v) => <VersionListItem key={v.id} version={v} canRestore={canEdit} actions={actions} />)}
            </ol>
          )}
        </>
      )}

      {dialog?.kind === 'save' && <SaveVersionDialog chapterId={chapterId} onClose={close} onDone={done} />}
      {dialog?.kind === 'freeze' && <FreezeDialog chapterId={chapterId} chapterTitle={chapterTitle} onClose={close} onDone={done} />}
      {dialog?.kind === 'unfreeze' && <UnfreezeDialog chapterId={chapterId} chapterTitle={chapterTitle} onClose={close} onDone={done} />}
      {dialog?.kind === 'restore' && <RestoreDialog versionId={dialog.versionId} title={dialog.title} onClose={close} onDone={done} />}
      {dialog?.kind === 'compare' && <CompareView chapterId={chapterId} from={dialog.from} to={dialog.to} onClose={close} />}
      {dialog?.kind === 'view' && (
        <VersionViewer
          versionId={dialog.versionId}
          canRestore={canEdit}
          onClose={close}
          onCompare={(v) => setDialog({ kind: 'compare', from: v.id, to: CURRENT })}
          onRestore={(v) => setDialog({ kind: 'restore', versionId: v.id, title: versionTitle(t, formatDate, v) })}
        />
      )}
    </section>
  );
}
