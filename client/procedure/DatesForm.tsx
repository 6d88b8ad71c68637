/**
 * The procedure's steps as an ordered list: the recorded date of each (or „nie wpisano”), and
 * for coordinators a date field per step with one save. A refused consultation length comes
 * back with the earliest lawful end, shown in the message.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessageKey } from '../apiClient/errors.ts';
import type { ProcedureDto } from '../../shared/procedure/api.ts';
import { ENVIRONMENTAL_STEPS, PROCEDURE_STEPS, type ProcedureStep } from '../../shared/procedure/stages.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { procedureApi } from './api.ts';
import { formatCalendarDate } from './format.ts';

export function DatesForm({ procedure, onSaved }: { procedure: ProcedureDto; onSaved: (p: ProcedureDto) => void }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...procedure.dates }));
  const [environmental, setEnvironmental] = useState(procedure.environmental);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const steps = PROCEDURE_STEPS.filter((s) => environmental || !ENVIRONMENTAL_STEPS.includes(s));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const dates: Partial<Record<ProcedureStep, string | null>> = {};
    for (const step of PROCEDURE_STEPS) dates[step] = values[step] ? values[step] : null;
    try {
      const saved = await procedureApi.update(procedure.strategyId, { dates, environmental });
      onSaved(saved);
      announce(t('procedure.saved'));
    } catch (e) {
      const earliest = e instanceof ApiError ? (e.details as { earliestEnd?: unknown } | undefined)?.earliestEnd : undefined;
      setError(t(errorMessageKey(e), typeof earliest === 'string' ? { earliestEnd: formatCalendarDate(earliest, lang) } : undefined));
    } finally {
      setBusy(false);
    }
  };

  if (!procedure.canEdit) {
    return (
      <ol className="procedure-steps">
        {steps.map((step) => (
          <li key={step}>
            <span className="procedure-step-name">{t(`procedure.step.${step}`)}</span>
            {procedure.dates[step] ? <time dateTime={procedure.dates[step]}>{formatCalendarDate(procedure.dates[step], lang)}</time> : <span className="muted">{t('procedure.notEntered')}</span>}
          </li>
        ))}
      </ol>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p className="field-check">
        <input id="procedure-env" type="checkbox" checked={environmental} onChange={(e) => setEnvironmental(e.target.checked)} />
        <label htmlFor="procedure-env">{t('procedure.environmental')}</label>
      </p>
      <ol className="procedure-steps">
        {steps.map((step) => (
          <li key={step}>
            <label htmlFor={`step-${step}`} className="procedure-step-name">{t(`procedure.step.${step}`)}</label>
            <input
              id={`step-${step}`}
              type="date"
              value={values[step] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [step]: e.target.value }))}
            />
          </li>
        ))}
      </ol>
      {error && <p role="alert" className="form-error">{error}</p>}
      <button type="submit" className="button-primary" disabled={busy}>{busy ? t('procedure.saving') : t('procedure.save')}</button>
    </form>
  );
}
