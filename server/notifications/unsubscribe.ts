/**
 * Unsubscribe links that work without logging in: the token is the person's id and an
 * HMAC-SHA256 of it under the installation's own key (server_secrets 'unsubscribe'), so a
 * link cannot be forged for someone else, and needs no table of its own.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAC_CHARS = 32;
const TOKEN = /^([a-z2-7]{1,64})\.([A-Za-z0-9_-]{32})$/;

const mac = (key: Buffer, userId: string) => createHmac('sha256', key).update(`unsubscribe:${userId}`).digest('base64url').slice(0, MAC_CHARS);

export function unsubscribeToken(key: Buffer, userId: string): string {
  return `${userId}.${mac(key, userId)}`;
}

/** The person a token is for, or null when it is malformed or not signed with `key`. */
export function verifyUnsubscribeToken(key: Buffer, token: string): string | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const expected = Buffer.from(mac(key, m[1]));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : null;
}
