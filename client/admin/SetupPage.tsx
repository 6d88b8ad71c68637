/**
 * /konfiguracja/:token — a one-time setup link printed by the server or `npm run admin`:
 * creates the installation's first administrator, or sets an administrator's password.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { EMAIL_MAX, ORGANIZATION_NAME_MAX, PERSON_NAME_MAX, type SetupLinkDto } from '../../shared/apiTypes.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { NewPasswordFields, newPasswordProblem } from '../pages/NewPasswordFields.tsx';
import { navigate } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { adminApi } from './adminApi.ts';
import './admin.css';

export function SetupPage({ token }: { token: string }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [link, setLink] = useState<SetupLinkDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [organization, setOrganization] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useApiAction();

  useEffect(() => {
    let live = true;
    adminApi.setupLink(token).then(
      (value) => live && setLink(value),
      (e: unknown) => live && setLoadError(t(errorMessageKey(e))),
    );
    return () => {
      live = false;
    };
  }, [token, t]);

  const first = link?.purpose === 'first-admin';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (first && (!email.trim() || !name.trim())) return setError(t('setup.required'));
    const problem = newPasswordProblem(password, repeat);
    if (problem) return setError(t(problem));
    const body = first
      ? { email: email.trim(), name: name.trim(), password, ...(organization.trim() ? { organizationName: organization.trim() } : {}) }
      : { password };
    if ((await run(() => adminApi.completeSetup(token, body))) === undefined) return;
    await refresh();
    navigate(paths.admin(), { replace: true });
  };

  return (
    <section className="narrow card" aria-labelledby="setup-title">
      <h1 id="setup-title">{first || !link ? t('setup.title') : t('setup.passwordTitle')}</h1>
      {loadError && <p role="alert" className="form-error">{loadError}</p>}
      {!link && !loadError && <p role="status">{t('app.loading')}</p>}
      {link && (
        <>
          <p>{first ? t('setup.intro') : t('setup.passwordIntro', { name: link.name ?? '', email: link.email ?? '' })}</p>
          <form onSubmit={submit} noValidate>
            {first && (
              <>
                <label htmlFor="setup-name">{t('setup.name')}</label>
                <input id="setup-name" autoComplete="name" required maxLength={PERSON_NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} />
                <label htmlFor="setup-email">{t('setup.email')}</label>
                <input id="setup-email" type="email" autoComplete="email" required maxLength={EMAIL_MAX} value={email} onChange={(e) => setEmail(e.target.value)} />
                <label htmlFor="setup-org">{t('setup.organization')}</label>
                <input id="setup-org" aria-describedby="setup-org-hint" maxLength={ORGANIZATION_NAME_MAX} value={organization} onChange={(e) => setOrganization(e.target.value)} />
                <p id="setup-org-hint" className="muted">{t('setup.organizationHint')}</p>
              </>
            )}
            <NewPasswordFields idPrefix="setup" label="setup.password" repeatLabel="setup.passwordRepeat"
              password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
            <FormError message={error} />
            <button type="submit" className="button-primary" disabled={busy}>{first ? t('setup.submit') : t('setup.passwordSubmit')}</button>
          </form>
        </>
      )}
    </section>
  );
}
