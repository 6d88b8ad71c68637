/**
 * „Wstaw rycinę” / „Zmień opis ryciny”: a modal dialog (native <dialog>, focus trapped, Escape
 * closes) with the image file, the required text alternative and the optional caption. With a
 * figure selected it changes that figure's alt and caption; otherwise it uploads the file and
 * inserts a new figure at the cursor (in suggesting mode the figure becomes a suggestion).
 * The alt text is checked here with a Polish message; the form does not rely on the browser's
 * own (English-only in some builds) validation bubbles.
 */
import type { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Modal } from '../versions/Modal.tsx';
import { FIGURE_NODE, type FigureAttrs } from '../../shared/editor/figureAttrs.ts';
import { IMAGE_ACCEPT } from '../../shared/files.ts';
import { Limits } from '../../shared/limits.ts';
import { uploadFigureImage } from './upload.ts';
import '../versions/versions.css';

const LIMIT_PARAMS = {
  maxMiB: String(Math.round(Limits.maxImageBytes / (1024 * 1024))),
  maxMpx: String(Math.round(Limits.maxImagePixels / 1_000_000)),
};

/** The selected figure's attributes, or null when no figure is selected. */
export function selectedFigure(editor: Editor): FigureAttrs | null {
  const sel = editor.state.selection;
  return sel instanceof NodeSelection && sel.node.type.name === FIGURE_NODE ? (sel.node.attrs as FigureAttrs) : null;
}

type FieldErrors = Partial<Record<'file' | 'alt' | 'form', string>>;

export function FigureDialog({ editor, chapterId, suggesting, onClose }: { editor: Editor; chapterId: string; suggesting: boolean; onClose(): void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [existing] = useState(() => selectedFigure(editor));
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState(existing?.alt ?? '');
  const [caption, setCaption] = useState(existing?.caption ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const altRef = useRef<HTMLInputElement>(null);
  const ids = { file: useId(), alt: useId(), altHint: useId(), altError: useId(), fileError: useId(), caption: useId(), captionHint: useId(), note: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const next: FieldErrors = {};
    if (!existing && !file) next.file = t('figure.fileRequired');
    else if (file && file.size > Limits.maxImageBytes) next.file = t('errors.image_too_large', LIMIT_PARAMS);
    if (alt.trim() === '') next.alt = t('figure.altRequired');
    setErrors(next);
    if (next.file) return fileRef.current?.focus();
    if (next.alt) return altRef.current?.focus();
    const text = { alt: alt.trim().slice(0, Limits.maxFigureAltLength), caption: caption.trim().slice(0, Limits.maxFigureCaptionLength) };
    if (existing) {
      editor.chain().focus().updateFigure(text).run();
      announce(t('figure.updated'));
      onClose();
      return;
    }
    setBusy(true);
    try {
      const uploaded = await uploadFigureImage(chapterId, file as File);
      editor.chain().focus().insertFigure({ fileId: uploaded.fileId, width: uploaded.width, height: uploaded.height, ...text }).run();
      announce(t('figure.inserted'));
      onClose();
    } catch (e) {
      const key = (e instanceof ApiError ? `errors.${e.code}` : 'errors.internal') as MessageKey;
      const message = t(key, LIMIT_PARAMS);
      setErrors(e instanceof ApiError && e.code.startsWith('image_') ? { file: message } : { form: message });
      setBusy(false);
      if (e instanceof ApiError && e.code.startsWith('image_')) fileRef.current?.focus();
    }
  };

  // Opened with the mouse, the dialog's opener is the chapter text (the button keeps the focus
  // there): ProseMirror's own focus() puts its selection back in the page (a selected figure
  // stays selected) where a plain focus() would leave the browser's caret at the text's start.
  const focusOpener = (opener: HTMLElement) => (opener === editor.view.dom ? editor.view.focus() : opener.focus());

  return (
    <Modal title={t(existing ? 'figure.editTitle' : 'figure.insertTitle')} onClose={onClose} describedBy={suggesting ? ids.note : undefined} focusOpener={focusOpener}>
      <form className="dialog-form figure-form" noValidate onSubmit={submit} aria-busy={busy || undefined}>
        {suggesting && <p id={ids.note} className="muted">{t('figure.suggestedNote')}</p>}
        {!existing && (
          <div className="dialog-field">
            <label htmlFor={ids.file}>{t('figure.file', LIMIT_PARAMS)}</label>
            <input ref={fileRef} id={ids.file} name="file" type="file" accept={IMAGE_ACCEPT} aria-required="true" data-autofocus
              aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? ids.fileError : undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <FormError id={ids.fileError} message={errors.file ?? null} />
          </div>
        )}
        <div className="dialog-field">
          <label htmlFor={ids.alt}>{t('figure.alt')}</label>
          <input ref={altRef} id={ids.alt} name="alt" type="text" value={alt} maxLength={Limits.maxFigureAltLength} aria-required="true"
            data-autofocus={existing ? true : undefined} aria-invalid={errors.alt ? true : undefined}
            aria-describedby={[ids.altHint, errors.alt ? ids.altError : ''].filter(Boolean).join(' ')}
            onChange={(e) => setAlt(e.target.value)} />
          <p id={ids.altHint} className="muted field-hint">{t('figure.altHint')}</p>
          <FormError id={ids.altError} message={errors.alt ?? null} />
        </div>
        <div className="dialog-field">
          <label htmlFor={ids.caption}>{t('figure.caption')}</label>
          <input id={ids.caption} name="caption" type="text" value={caption} maxLength={Limits.maxFigureCaptionLength} aria-describedby={ids.captionHint}
            onChange={(e) => setCaption(e.target.value)} />
          <p id={ids.captionHint} className="muted field-hint">{t('figure.captionHint')}</p>
        </div>
        <FormError message={errors.form ?? null} />
        {busy && <p role="status">{t('figure.uploading')}</p>}
        <div className="dialog-actions">
          <button type="submit" className="button-primary" disabled={busy}>{t(existing ? 'figure.save' : 'figure.insert')}</button>
          <button type="button" onClick={onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}
