/** Log in with e-mail and password; API error codes become Polish messages. */
import { useState, type FormEvent } from 'react';
import { api } from '../apiClient/endpoints.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import type { MessageKey } from '../i18n/pl.ts';

export function LoginPage({ notice }: { notice: MessageKey | null }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const { busy, error, run } = useApiAction();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(() => api.login({ email: email.trim(), password }));
    if (ok !== undefined) await refresh();
  };

  return (
    <section className="narrow card" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      {notice && <p className="notice" role="status">{t(notice)}</p>}
      <form onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
        <label htmlFor="login-email">{t('login.email')}</label>
        <input id="login-email" name="email" type="email" autoComplete="username" required
          value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={error ? true : undefined} />
        <label htmlFor="login-password">{t('login.password')}</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={error ? true : undefined} />
        <FormError id="login-error" message={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p><AppLink href={paths.forgotPassword()}>{t('login.forgot')}</AppLink></p>
    </section>
  );
}
