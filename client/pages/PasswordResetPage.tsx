/**
 * /nowe-haslo/:token — the link from the "forgot password" e-mail: choose a new password.
 * Afterwards every session of the account has ended; the person logs in with the new one.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields.tsx';

export function PasswordResetPage({ token }: { token: string }) {
  const { t } = useI18n();
  const [email, setEmail] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useApiAction();

  useEffect(() => {
    let live = true;
    api.passwordReset(token).then(
      (value) => live && setEmail(value.email),
      (e: unknown) => live && setLoadError(t(errorMessageKey(e))),
    );
    return () => {
      live = false;
    };
  }, [token, t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordProblem(password, repeat);
    if (problem) return setError(t(problem));
    if ((await run(() => api.confirmPasswordReset(token, password))) !== undefined) setDone(true);
  };

  return (
    <section className="narrow card" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.title')}</h1>
      {loadError && (
        <>
          <p role="alert" className="form-error">{loadError}</p>
          <p><AppLink href={paths.forgotPassword()}>{t('reset.askAgain')}</AppLink></p>
        </>
      )}
      {!email && !loadError && <p role="status">{t('app.loading')}</p>}
      {email && done && (
        <>
          <p className="notice" role="status">{t('reset.done')}</p>
          <p><AppLink href={paths.login()}>{t('reset.toLogin')}</AppLink></p>
        </>
      )}
      {email && !done && (
        <>
          <p>{t('reset.intro', { email })}</p>
          <form onSubmit={submit} noValidate>
            <NewPasswordFields idPrefix="reset" label="password.new" repeatLabel="password.repeat"
              password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
            <FormError message={error} />
            <button type="submit" className="button-primary" disabled={busy}>{t('reset.submit')}</button>
          </form>
        </>
      )}
    </section>
  );
}
