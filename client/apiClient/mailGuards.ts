/** Shape checks of the accounts-and-e-mail responses (issue 16). */
import { NOTIFICATION_MODES, type NotificationSettingsDto, type PasswordResetDto } from '../../shared/apiTypes.ts';
import { isRecord } from './http.ts';

export function isNotificationSettings(v: unknown): v is NotificationSettingsDto {
  return isRecord(v) && typeof v.mode === 'string' && (NOTIFICATION_MODES as readonly string[]).includes(v.mode) && typeof v.emailEnabled === 'boolean';
}

export function isPasswordReset(v: unknown): v is PasswordResetDto {
  return isRecord(v) && typeof v.email === 'string';
}
