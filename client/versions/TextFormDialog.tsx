/**
 * A small modal form of one or two text fields (version name, freeze note, unfreeze reason,
 * milestone name and note). Required fields are checked here with a message tied to the field
 * (`aria-invalid`, `aria-describedby`) and focus moved to it; the server checks them again.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Modal } from './Modal.tsx';

export interface TextField {
  name: string;
  label: string;
  /** Shown under the label (an example such as „Uchwała Rady Partnerstwa nr 3/2021 z 12.10.2021”). */
  hint?: string;
  multiline?: boolean;
  /** Message when left empty; absent = optional. */
  requiredMessage?: string;
  maxLength: number;
}

export interface TextFormDialogProps {
  title: string;
  intro?: ReactNode;
  fields: TextField[];
  submitLabel: string;
  /** Extra class of the submit button (`button-danger` for unfreezing). */
  submitClass?: string;
  busy: boolean;
  /** A translated API error to show, or null. */
  error: string | null;
  onSubmit: (values: Record<string, string>) => void;
  onClose: () => void;
}

export function TextFormDialog(props: TextFormDialogProps) {
  const { t } = useI18n();
  const baseId = useId();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(props.fields.map((f) => [f.name, ''])));
  const [missing, setMissing] = useState<string | null>(null);
  const fieldId = (name: string) => `${baseId}-${name}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const empty = props.fields.find((f) => f.requiredMessage && !values[f.name].trim());
    if (empty) {
      setMissing(empty.name);
      document.getElementById(fieldId(empty.name))?.focus();
      return;
    }
    setMissing(null);
    props.onSubmit(Object.fromEntries(props.fields.map((f) => [f.name, values[f.name].trim()])));
  };

  return (
    <Modal title={props.title} onClose={props.onClose}>
      <form onSubmit={submit} noValidate className="dialog-form">
        {props.intro && <div className="dialog-intro">{props.intro}</div>}
        {props.fields.map((f) => {
          const id = fieldId(f.name);
          const hintId = f.hint ? `${id}-hint` : undefined;
          const errorId = missing === f.name ? `${id}-error` : undefined;
          const common = {
            id,
            value: values[f.name],
            maxLength: f.maxLength,
            'aria-required': f.requiredMessage ? true : undefined,
            'aria-invalid': missing === f.name ? true : undefined,
            'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
            onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f.name]: e.target.value })),
          };
          return (
            <div key={f.name} className="dialog-field">
              <label htmlFor={id}>
                {f.label}
                {f.requiredMessage ? <span aria-hidden="true"> *</span> : <span className="muted"> {t('versions.optional')}</span>}
              </label>
              {f.hint && <p id={hintId} className="muted field-hint">{f.hint}</p>}
              {f.multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
              {errorId && <FormError id={errorId} message={f.requiredMessage ?? null} />}
            </div>
          );
        })}
        <FormError message={props.error} />
        <div className="dialog-actions">
          <button type="submit" className={props.submitClass ?? 'button-primary'} disabled={props.busy}>{props.submitLabel}</button>
          <button type="button" onClick={props.onClose}>{t('app.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}
