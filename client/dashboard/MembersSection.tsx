/** The partnership's members; a coordinator also changes roles, removes and adds members. */
import { useState } from 'react';
import type { MemberDto, PartnershipDto } from '../../shared/apiTypes.ts';
import type { Role } from '../../shared/domain.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { AddMemberForm } from './AddMemberForm.tsx';
import { adminApi } from '../admin/adminApi.ts';
import { MemberRow, type MemberActions } from './MemberRow.tsx';

export function MembersSection({ partnership, myUserId, reload }: { partnership: PartnershipDto; myUserId: string; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const manage = partnership.myRole === 'coordinator';

  async function perform(action: () => Promise<unknown>, success: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await reload();
      announce(success);
    } catch (e) {
      setError(t(errorMessageKey(e)));
    } finally {
      setBusy(false);
    }
  }

  const actions: MemberActions | null = manage ? {
    busy,
    changeRole: (m: MemberDto, role: Role) =>
      void perform(() => api.changeRole(partnership.id, m.userId, { role }), t('members.roleChanged', { name: m.name, role: t(`role.${role}`) })),
    setDeactivated: (m: MemberDto, deactivate: boolean) => {
      if (deactivate && !window.confirm(t('members.deactivateConfirm', { name: m.name }))) return;
      void perform(() => adminApi.setDeactivated(partnership.id, m.userId, deactivate),
        t(deactivate ? 'members.deactivatedDone' : 'members.reactivatedDone', { name: m.name }));
    },
    remove: (m: MemberDto) => {
      if (!window.confirm(t('members.removeConfirm', { name: m.name }))) return;
      void perform(() => api.removeMember(partnership.id, m.userId), t('members.removed', { name: m.name }));
    },
  } : null;

  return (
    <section aria-labelledby="members-title" className="card">
      <h2 id="members-title">{t('members.title')}</h2>
      <TableScroll label={t('members.title')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('members.name')}</th>
            <th scope="col">{t('members.email')}</th>
            <th scope="col">{t('members.organization')}</th>
            <th scope="col">{t('members.role')}</th>
            <th scope="col">{t('members.state')}</th>
            {manage && <th scope="col">{t('dashboard.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {partnership.members.map((m) => <MemberRow key={m.userId} member={m} actions={actions} isMe={m.userId === myUserId} />)}
        </tbody>
      </table>
      </TableScroll>
      <FormError message={error} />
      {manage && <AddMemberForm partnershipId={partnership.id} organizations={partnership.organizations} reload={reload} />}
    </section>
  );
}
