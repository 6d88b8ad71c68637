/** A coordinator adds a chapter at the end of a strategy. */
import { useState, type FormEvent } from 'react';
import { Limits } from '../../shared/limits.ts';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';

export function AddChapterForm({ strategyId, reload }: { strategyId: string; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, run } = useApiAction();
  const [title, setTitle] = useState('');
  const inputId = `new-chapter-${strategyId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = title.trim();
    if (!clean) return;
    if ((await run(() => api.createChapter(strategyId, { title: clean }))) !== undefined) {
      setTitle('');
      await reload();
      announce(t('chapters.added', { title: clean }));
    }
  };

  return (
    <form onSubmit={submit} className="inline-form add-chapter">
      <label htmlFor={inputId}>{t('chapters.newTitle')}</label>
      <input id={inputId} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={Limits.maxTitleLength} />
      <button type="submit" disabled={busy || !title.trim()}>{t('chapters.add')}</button>
      <FormError message={error} />
    </form>
  );
}
