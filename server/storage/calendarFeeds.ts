/**
 * Personal calendar feed addresses (migration 040). Only the SHA-256 of a feed's token is
 * stored (like sessions and invitations): the database alone does not give anyone a feed.
 * A person has at most one active feed per partnership; a new one revokes the old one.
 */
import type { Db } from './db.ts';

export interface CalendarFeedRow {
  id: string;
  user_id: string;
  partnership_id: string;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export function createCalendarFeedStore(db: Db) {
  const insert = db.prepare(`INSERT INTO calendar_feeds (id, user_id, partnership_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)`);
  const revoke = db.prepare(`UPDATE calendar_feeds SET revoked_at = ? WHERE user_id = ? AND partnership_id = ? AND revoked_at IS NULL`);
  const active = db.prepare<[string, string], CalendarFeedRow>(
    `SELECT * FROM calendar_feeds WHERE user_id = ? AND partnership_id = ? AND revoked_at IS NULL`,
  );
  const byHash = db.prepare<[string], CalendarFeedRow>(`SELECT * FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL`);
  return {
    /** Replaces the person's active feed of the partnership with a new one. */
    create: db.transaction((f: { id: string; userId: string; partnershipId: string; tokenHash: string; at: number }): void => {
      revoke.run(f.at, f.userId, f.partnershipId);
      insert.run(f.id, f.userId, f.partnershipId, f.tokenHash, f.at);
    }),
    /** Revokes the person's active feed of the partnership; false when there was none. */
    revoke: (userId: string, partnershipId: string, at: number): boolean => revoke.run(at, userId, partnershipId).changes > 0,
    active: (userId: string, partnershipId: string) => active.get(userId, partnershipId),
    /** An active feed by its token's hash. */
    byHash: (tokenHash: string) => byHash.get(tokenHash),
  };
}
export type CalendarFeedStore = ReturnType<typeof createCalendarFeedStore>;
