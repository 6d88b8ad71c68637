/**
 * The identity a connection shows to others (presence avatars, named carets). It comes
 * from the session, never from the client, so nobody can appear under another's name.
 */
export interface PresenceIdentity {
  userId: string;
  name: string;
  organization: string;
  color: string;
}

/** Caret colours with at least 4.5:1 contrast against white text labels. */
const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4d7c0f', '#6d28d9', '#9f1239'];

/** Stable colour for a user id. */
export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
