/**
 * The account page: the change-password form (the server keeps this session and ends every
 * other session of the user: other browsers must log in again with the new password), and the
 * e-mail notification settings below it.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields.tsx';
import { NotificationSettings } from '../account/NotificationSettings.tsx';

export function AccountPage() {
  const { t } = useI18n();
  const { busy, error, setError, run } = useApiAction();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordProblem(password, repeat);
    setDone(false);
    if (problem) return setError(t(problem));
    const ok = await run(() => api.changePassword({ currentPassword: current, newPassword: password }));
    if (ok !== undefined) {
      setCurrent('');
      setPassword('');
      setRepeat('');
      setDone(true);
    }
  };

  return (
    <>
    <section className="narrow card" aria-labelledby="account-title">
      <h1 id="account-title">{t('password.title')}</h1>
      <form onSubmit={submit} noValidate>
        <label htmlFor="account-current">{t('password.current')}</label>
        <input id="account-current" type="password" autoComplete="current-password" required
          value={current} onChange={(e) => setCurrent(e.target.value)} />
        <NewPasswordFields idPrefix="account" label="password.new" repeatLabel="password.repeat"
          password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
        <FormError message={error} />
        {done && <p className="notice" role="status">{t('password.changed')}</p>}
        <button type="submit" className="button-primary" disabled={busy}>{t('password.submit')}</button>
      </form>
    </section>
    <NotificationSettings />
    </>
  );
}
