/**
 * An accessible modal dialog on the native <dialog> element: `showModal()` makes the rest of the
 * page inert (so Tab stays inside: a real focus trap) and puts it in the top layer; Escape closes
 * it; on close, focus returns to the element that had it before (the button that opened it).
 * The first element marked `data-autofocus` (or the dialog's first field) gets focus on open.
 * A dialog opened from the chapter text passes `focusOpener`: a plain `focus()` on the editor
 * puts the browser's caret at the start of the text, and the editor would take that as the new
 * selection (a selected figure lost, the page scrolled to the top).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** `wide` for the version viewer and the compare view. */
  size?: 'narrow' | 'wide';
  /** Optional id of an element describing the dialog. */
  describedBy?: string;
  /** Gives focus back to the opener on close, instead of its plain `focus()`. */
  focusOpener?: (opener: HTMLElement) => void;
}

export function Modal({ title, onClose, children, size = 'narrow', describedBy, focusOpener }: ModalProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const focusOpenerRef = useRef(focusOpener);
  focusOpenerRef.current = focusOpener;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]')
      ?? dialog.querySelector<HTMLElement>('input, textarea, select')
      ?? dialog.querySelector<HTMLElement>('button');
    first?.focus();
    // Escape fires `cancel`; close through React so the parent's state stays the truth.
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // The opener may have been re-rendered away (the freeze button becomes „Odmroź”): then focus
      // goes to the nearest stable landmark marked data-modal-fallback (the panel's heading).
      if (opener?.isConnected) (focusOpenerRef.current ?? ((el: HTMLElement) => el.focus()))(opener);
      else document.querySelector<HTMLElement>('[data-modal-fallback]')?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`modal modal-${size}`} aria-labelledby={titleId} aria-describedby={describedBy}>
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('app.close')} title={t('app.close')} onClick={onClose}>✕</button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
