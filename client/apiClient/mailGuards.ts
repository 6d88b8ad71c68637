/** Shape checks of the accounts-and-e-mail responses (issue 16). */
import type { NotificationSettingsDto, PasswordResetDto } from '../../shared/api.ts';
import { isRecord } from './http.ts';

const MODES: readonly string[] = ['off', 'immediate', 'digest'];

export function isNotificationSettings(v: unknown): v is NotificationSettingsDto {
  return isRecord(v) && typeof v.mode === 'string' && MODES.includes(v.mode) && typeof v.emailEnabled === 'boolean';
}

export function isPasswordReset(v: unknown): v is PasswordResetDto {
  return isRecord(v) && typeof v.email === 'string';
}
