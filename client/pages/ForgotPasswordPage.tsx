/**
 * /nie-pamietam-hasla — asks for a reset link by e-mail. The answer is the same whether or
 * not the address has an account, so the page says "if there is an account…".
 */
import { useState, type FormEvent } from 'react';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const { busy, error, setError, run } = useApiAction();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) return setError(t('forgot.invalidEmail'));
    if ((await run(() => api.requestPasswordReset(address))) !== undefined) setSentTo(address);
  };

  return (
    <section className="narrow card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgot.title')}</h1>
      {sentTo ? (
        <p className="notice" role="status">{t('forgot.sent', { email: sentTo })}</p>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <form onSubmit={submit} noValidate aria-describedby={error ? 'forgot-error' : undefined}>
            <label htmlFor="forgot-email">{t('login.email')}</label>
            <input id="forgot-email" name="email" type="email" autoComplete="username" required
              value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={error ? true : undefined} />
            <FormError id="forgot-error" message={error} />
            <button type="submit" className="button-primary" disabled={busy}>{t('forgot.submit')}</button>
          </form>
        </>
      )}
      <p><AppLink href={paths.login()}>{t('forgot.backToLogin')}</AppLink></p>
    </section>
  );
}
