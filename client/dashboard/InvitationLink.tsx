/** Shows a new member's one-time invitation link in a read-only field with a copy button. */
import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function InvitationLink({ url, emailedTo }: { url: string; /** Set when the server is also e-mailing the link. */ emailedTo?: string | null }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      (document.getElementById('invitation-url') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="invitation-link">
      <label htmlFor="invitation-url">{t('members.invitationLink')}</label>
      <input id="invitation-url" readOnly value={url} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={copy}>{t('members.copy')}</button>
      <span role="status">{copied ? t('members.copied') : ''}</span>
      {emailedTo && <p className="notice">{t('members.invitationEmailed', { email: emailedTo })}</p>}
    </div>
  );
}
