/**
 * Limits on "forgot password" requests, per normalised e-mail (known or not, so the limit
 * reveals nothing about which accounts exist) and per client address: each request costs a
 * token from both buckets (MailLimits in shared/mail.ts). In memory: a restart resets them.
 */
import { MailLimits } from '../../shared/mail.ts';
import type { Clock } from '../context.ts';
import { BucketMap } from './rateLimit.ts';

export interface PasswordResetThrottle {
  /** Takes one request for (e-mail, address): 0 when allowed, else seconds until one is. */
  take(email: string, address: string): number;
}

export function createPasswordResetThrottle(clock: Clock): PasswordResetThrottle {
  const emails = new BucketMap(MailLimits.resetPerEmail, clock);
  const addresses = new BucketMap(MailLimits.resetPerAddress, clock);
  return {
    take(email, address) {
      const key = email.trim().toLowerCase();
      const wait = Math.max(emails.waitMs(key), addresses.waitMs(address));
      if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
      emails.take(key);
      addresses.take(address);
      return 0;
    },
  };
}
