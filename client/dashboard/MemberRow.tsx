/** One member: name, e-mail, organisation, role (a select for coordinators), state, remove. */
import type { MemberDto } from '../../shared/apiTypes.ts';
import { ROLES, type Role } from '../../shared/domain.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface MemberActions {
  changeRole(member: MemberDto, role: Role): void;
  remove(member: MemberDto): void;
  /** Deactivates (or reactivates) the person in this partnership (issue 16). */
  setDeactivated(member: MemberDto, deactivate: boolean): void;
  busy: boolean;
}

export function MemberRow({ member, actions, isMe }: { member: MemberDto; actions: MemberActions | null; isMe: boolean }) {
  const { t } = useI18n();
  const editable = actions !== null && !isMe;
  return (
    <tr>
      <th scope="row">{member.name}</th>
      <td>{member.email}</td>
      <td>{member.organization.name}</td>
      <td>
        {editable ? (
          <select aria-label={t('members.roleOf', { name: member.name })} value={member.role} disabled={actions.busy}
            onChange={(e) => actions.changeRole(member, e.target.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        ) : (
          t(`role.${member.role}`)
        )}
      </td>
      <td>{member.deactivated ? t('members.deactivated') : member.active ? t('members.active') : t('members.invited')}</td>
      {actions && (
        <td>
          {editable && (
            <button type="button" disabled={actions.busy} onClick={() => actions.setDeactivated(member, !member.deactivated)}
              aria-label={t(member.deactivated ? 'members.reactivateLabel' : 'members.deactivateLabel', { name: member.name })}>
              {t(member.deactivated ? 'members.reactivate' : 'members.deactivate')}
            </button>
          )}{' '}
          {editable && (
            <button type="button" className="button-danger" disabled={actions.busy} onClick={() => actions.remove(member)}
              aria-label={t('members.remove', { name: member.name })}>
              {t('members.removeShort')}
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
