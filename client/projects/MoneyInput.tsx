/** An amount in złote typed the Polish way („1 234,50”), kept as grosze; committed on leaving the field. */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { formatPln, parsePln } from '../../shared/projects/money.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** `extra`: shown under the input (the field's comments on the fiche page). */
export function MoneyInput({ label, grosze, disabled, onCommit, extra }: {
  label: string; grosze: number; disabled: boolean; onCommit: (grosze: number) => void; extra?: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(() => formatPln(grosze, { unit: false }));
  const focused = useRef(false);
  const [error, setError] = useState<string | null>(null);
  // Someone else's change shows at once, unless this person is typing here.
  useEffect(() => {
    if (!focused.current) {
      setText(formatPln(grosze, { unit: false }));
      setError(null);
    }
  }, [grosze]);
  const commit = () => {
    focused.current = false;
    const r = parsePln(text);
    if (!r.ok) {
      setError(t(r.error === 'precision' ? 'projects.money.precision' : r.error === 'range' ? 'projects.money.range' : 'projects.money.format'));
      return;
    }
    setError(null);
    if (r.grosze !== grosze) onCommit(r.grosze);
    setText(formatPln(r.grosze, { unit: false }));
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label} <span className="muted">(zł)</span></label>
      <input id={id} inputMode="decimal" value={text} disabled={disabled} aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onFocus={() => { focused.current = true; }} onChange={(e) => setText(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} />
      {error && <span id={`${id}-error`} className="form-error" role="alert">{error}</span>}
      {extra}
    </div>
  );
}
