/**
 * The dialogs that change something: save a named version, restore a version (confirmation),
 * „Zatwierdź i zamroź” with a required note, „Odmroź” with a required reason. Each calls the
 * API, announces success politely, and reports success to the caller (which re-reads the list).
 */
import { useState } from 'react';
import { FREEZE_NOTE_MAX, VERSION_NAME_MAX } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { Modal } from './Modal.tsx';
import { TextFormDialog } from './TextFormDialog.tsx';

interface DoneProps { onClose: () => void; onDone: () => void }

export function SaveVersionDialog({ chapterId, onClose, onDone }: DoneProps & { chapterId: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, run } = useApiAction();
  return (
    <TextFormDialog
      title={t('versions.saveTitle')}
      intro={<p>{t('versions.saveIntro')}</p>}
      fields={[{ name: 'name', label: t('versions.nameLabel'), hint: t('versions.nameHint'), requiredMessage: t('versions.nameRequired'), maxLength: VERSION_NAME_MAX }]}
      submitLabel={t('versions.save')}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={async ({ name }) => {
        if (await run(() => api.saveVersion(chapterId, name))) {
          announce(t('versions.saved', { name }));
          onDone();
        }
      }}
    />
  );
}

export function FreezeDialog({ chapterId, chapterTitle, onClose, onDone }: DoneProps & { chapterId: string; chapterTitle: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, run } = useApiAction();
  return (
    <TextFormDialog
      title={t('freeze.title', { title: chapterTitle })}
      intro={<p>{t('freeze.intro')}</p>}
      fields={[{ name: 'note', label: t('freeze.noteLabel'), hint: t('freeze.noteHint'), requiredMessage: t('freeze.noteRequired'), multiline: true, maxLength: FREEZE_NOTE_MAX }]}
      submitLabel={t('freeze.submit')}
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={async ({ note }) => {
        if (await run(() => api.freezeChapter(chapterId, note))) {
          announce(t('freeze.done', { title: chapterTitle }));
          onDone();
        }
      }}
    />
  );
}

export function UnfreezeDialog({ chapterId, chapterTitle, onClose, onDone }: DoneProps & { chapterId: string; chapterTitle: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, run } = useApiAction();
  return (
    <TextFormDialog
      title={t('unfreeze.title', { title: chapterTitle })}
      intro={<p>{t('unfreeze.intro')}</p>}
      fields={[{ name: 'reason', label: t('unfreeze.reasonLabel'), requiredMessage: t('unfreeze.reasonRequired'), multiline: true, maxLength: FREEZE_NOTE_MAX }]}
      submitLabel={t('unfreeze.submit')}
      submitClass="button-danger"
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        if (await run(() => api.unfreezeChapter(chapterId, reason))) {
          announce(t('unfreeze.done', { title: chapterTitle }));
          onDone();
        }
      }}
    />
  );
}

export function RestoreDialog({ versionId, title, onClose, onDone }: DoneProps & { versionId: string; title: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, run } = useApiAction();
  const [descId] = useState(() => `restore-desc-${versionId}`);
  const confirm = async () => {
    if (await run(() => api.restoreVersion(versionId))) {
      announce(t('versions.restored', { title }));
      onDone();
    }
  };
  return (
    <Modal title={t('versions.restoreTitle', { title })} onClose={onClose} describedBy={descId}>
      <p id={descId}>{t('versions.restoreExplain')}</p>
      <FormError message={error} />
      <div className="dialog-actions">
        <button type="button" className="button-primary" data-autofocus disabled={busy} onClick={() => void confirm()}>{t('versions.restoreConfirm')}</button>
        <button type="button" onClick={onClose}>{t('app.cancel')}</button>
      </div>
    </Modal>
  );
}
