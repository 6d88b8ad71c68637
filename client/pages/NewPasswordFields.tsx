/** "New password" and "repeat" fields with the length rule of the API (NEW_PASSWORD_MIN, shared/apiTypes.ts). */
import { NEW_PASSWORD_MIN } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/pl.ts';

/** The message key of a problem with the pair, or null when it is acceptable. */
export function newPasswordProblem(password: string, repeat: string): MessageKey | null {
  if (password.length < NEW_PASSWORD_MIN) return 'password.tooShort';
  if (password !== repeat) return 'password.mismatch';
  return null;
}

export function NewPasswordFields(props: {
  idPrefix: string;
  label: MessageKey;
  repeatLabel: MessageKey;
  password: string;
  repeat: string;
  onPassword(value: string): void;
  onRepeat(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor={`${props.idPrefix}-new`}>{t(props.label)}</label>
      <input id={`${props.idPrefix}-new`} type="password" autoComplete="new-password" required minLength={NEW_PASSWORD_MIN}
        value={props.password} onChange={(e) => props.onPassword(e.target.value)} />
      <label htmlFor={`${props.idPrefix}-repeat`}>{t(props.repeatLabel)}</label>
      <input id={`${props.idPrefix}-repeat`} type="password" autoComplete="new-password" required
        value={props.repeat} onChange={(e) => props.onRepeat(e.target.value)} />
    </>
  );
}
