import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Random, unguessable identifier (80 bits), so ids reveal neither order nor count. */
export function newId(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
