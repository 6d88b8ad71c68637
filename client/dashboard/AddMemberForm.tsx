/**
 * A coordinator adds a member: e-mail, name, organisation, role, and either an initial
 * password or (left empty) a one-time invitation link shown here to copy.
 */
import { useState, type FormEvent } from 'react';
import { NEW_PASSWORD_MIN, PERSON_NAME_MAX, type PartnershipOrganizationDto } from '../../shared/apiTypes.ts';
import { ROLES, type Role } from '../../shared/domain.ts';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { InvitationLink } from './InvitationLink.tsx';

export function AddMemberForm(props: { partnershipId: string; organizations: PartnershipOrganizationDto[]; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, setError, run } = useApiAction();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [organizationId, setOrganizationId] = useState(props.organizations[0]?.id ?? '');
  const [role, setRole] = useState<Role>('editor');
  const [password, setPassword] = useState('');
  const [invitationUrl, setInvitationUrl] = useState<string | null>(null);
  const [emailedTo, setEmailedTo] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password && password.length < NEW_PASSWORD_MIN) return setError(t('password.tooShort'));
    const result = await run(() => api.addMember(props.partnershipId, {
      email: email.trim(), name: name.trim(), organizationId, role, ...(password ? { password } : {}),
    }));
    if (!result) return;
    setInvitationUrl(result.invitationUrl ? new URL(result.invitationUrl, location.origin).href : null);
    setEmailedTo(result.invitationEmailed ? result.member.email : null);
    announce(t('members.added', { name: result.member.name }));
    setEmail('');
    setName('');
    setPassword('');
    await props.reload();
  };

  return (
    <form onSubmit={submit} className="grid-form" aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('members.add')}</h3>
      <label htmlFor="member-email">{t('members.email')}</label>
      <input id="member-email" type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="member-name">{t('members.name')}</label>
      <input id="member-name" autoComplete="off" required maxLength={PERSON_NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="member-org">{t('members.organization')}</label>
      <select id="member-org" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
        {props.organizations.map((o) => <option key={o.id} value={o.id}>{o.terc ? `${o.name} (${o.terc})` : o.name}</option>)}
      </select>
      <label htmlFor="member-role">{t('members.role')}</label>
      <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
      </select>
      <label htmlFor="member-password">{t('members.passwordOptional')}</label>
      <input id="member-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <FormError message={error} />
      <button type="submit" className="button-primary" disabled={busy}>{t('members.add')}</button>
      {invitationUrl && <InvitationLink url={invitationUrl} emailedTo={emailedTo} />}
    </form>
  );
}
