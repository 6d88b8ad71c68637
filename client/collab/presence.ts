/**
 * People in a chapter, read from Yjs awareness (`user` field: name, organisation, colour,
 * userId). Colours are only one of the cues: avatars also carry initials and full names.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface PresentPerson {
  userId: string;
  name: string;
  organization: string;
  color: string;
  /** This browser tab's own awareness entry. */
  isMe: boolean;
}

/** Colours dark enough for white text (contrast ≥ 4.5:1), assigned by user id. */
export const PRESENCE_COLORS = ['#1f5fa8', '#a3291f', '#2d6b2f', '#7a3e9d', '#8a4b00', '#006d75', '#b0265e', '#4d5b00', '#5b4bb7', '#8c2f39'] as const;

/** A stable colour for a user id. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length];
}

/** „Anna Nowak” → „AN”. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => p[0]?.toLocaleUpperCase('pl') ?? '').join('') || '?';
}

/** Black or white, whichever reads better on `background` (#rrggbb); white when unknown. */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const m = /^#([0-9a-f]{6})$/i.exec(background);
  if (!m) return '#ffffff';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

const isColor = (v: unknown): v is string => typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v);

/** Distinct people present (one entry per user, even with several tabs open), me first. */
export function presentPeople(awareness: Awareness): PresentPerson[] {
  const byUser = new Map<string, PresentPerson>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: Record<string, unknown> }).user;
    if (!user || typeof user.name !== 'string') continue;
    const userId = typeof user.userId === 'string' ? user.userId : `client-${clientId}`;
    const isMe = clientId === awareness.clientID;
    const existing = byUser.get(userId);
    if (existing && !isMe) continue;
    byUser.set(userId, {
      userId,
      name: user.name.slice(0, 120),
      organization: typeof user.organization === 'string' ? user.organization.slice(0, 200) : '',
      color: isColor(user.color) ? user.color : colorForUser(userId),
      isMe: isMe || existing?.isMe === true,
    });
  }
  return [...byUser.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name, 'pl'));
}
