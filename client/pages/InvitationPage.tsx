/** /zaproszenie/:token — shows who is invited where, then sets the password and accepts. */
import { useEffect, useState, type FormEvent } from 'react';
import type { InvitationDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useSession } from '../auth/SessionProvider.tsx';
import { navigate } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields.tsx';

export function InvitationPage({ token }: { token: string }) {
  const { t } = useI18n();
  const [invitation, setInvitation] = useState<InvitationDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useApiAction();
  const { refresh } = useSession();

  useEffect(() => {
    let live = true;
    api.invitation(token).then(
      (value) => live && setInvitation(value),
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
    // Accepting logs the person in (the server sets the session cookie).
    if ((await run(() => api.acceptInvitation(token, { password }))) === undefined) return;
    await refresh();
    navigate(paths.dashboard(), { replace: true });
  };

  return (
    <section className="narrow card" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('invite.title')}</h1>
      {loadError && <p role="alert" className="form-error">{loadError}</p>}
      {!invitation && !loadError && <p role="status">{t('invite.loading')}</p>}
      {invitation && (
        <>
          <p>{t('invite.details', {
            name: invitation.name, email: invitation.email, organization: invitation.organizationName,
            role: t(`role.${invitation.role}`), partnership: invitation.partnershipName,
          })}</p>
          <form onSubmit={submit} noValidate>
            <NewPasswordFields idPrefix="invite" label="invite.password" repeatLabel="invite.passwordRepeat"
              password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
            <FormError message={error} />
            <button type="submit" className="button-primary" disabled={busy}>{t('invite.submit')}</button>
          </form>
        </>
      )}
    </section>
  );
}
