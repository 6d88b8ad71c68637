/**
 * Sets, changes or removes the link on the selection. Accepts only http(s) and mailto links
 * (shared/editor/links.ts); Escape returns to the text without changes.
 */
import type { Editor } from '@tiptap/core';
import { useState, type FormEvent } from 'react';
import { normalizeLinkInput } from '../../shared/editor/links.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormError } from '../ui/FormError.tsx';

export function LinkForm({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState<string>(() => (editor.getAttributes('link').href as string | undefined) ?? '');
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const href = normalizeLinkInput(value);
    if (!href) return setError(t('link.invalid'));
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <form className="link-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && close()} aria-label={t('link.title')}>
      <label htmlFor="link-url">{t('link.url')}</label>
      <input id="link-url" type="text" inputMode="url" autoFocus value={value} onChange={(e) => setValue(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? 'link-error' : undefined} />
      <button type="submit" className="button-primary">{t('link.apply')}</button>
      {editor.isActive('link') && <button type="button" onClick={remove}>{t('link.remove')}</button>}
      <button type="button" onClick={close}>{t('app.cancel')}</button>
      <FormError id="link-error" message={error} />
    </form>
  );
}
