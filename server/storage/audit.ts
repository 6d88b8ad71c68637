/**
 * The audit trail: append-only (the schema's triggers refuse UPDATE and DELETE), so "who
 * changed, approved or froze what and when" can be answered years later.
 */
import type { Db } from './db.ts';
import type { Clock } from '../context.ts';
import type { AuditAction } from '../../shared/audit/actions.ts';

export interface AuditEntry {
  userId: string | null;
  partnershipId?: string | null;
  chapterId?: string | null;
  action: AuditAction;
  /** JSON-serialisable facts (old and new values, target user…). */
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details' | 'action'>> {
  id: number;
  at: number;
  /** As stored: rows written by an older or newer version may carry other codes. */
  action: string;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  partnershipId?: string;
  chapterId?: string;
  userId?: string;
  action?: string;
  /** Only entries at or after this time (ms). */
  since?: number;
  /** Only entries before this time (ms). */
  until?: number;
  /** Only entries with a smaller id (paging through more than `limit`). */
  beforeId?: number;
  /** Newest first, at most this many (default 100, max 1000). */
  limit?: number;
}

export function createAuditStore(db: Db, clock: Clock = Date.now) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, user_id, partnership_id, chapter_id, action, details) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const list = db.prepare<
    {
      partnershipId: string | null; chapterId: string | null; userId: string | null; action: string | null;
      since: number | null; until: number | null; beforeId: number | null; limit: number;
    },
    { id: number; at: number; user_id: string | null; partnership_id: string | null; chapter_id: string | null; action: string; details: string }
  >(
    `SELECT * FROM audit_log
      WHERE (@partnershipId IS NULL OR partnership_id = @partnershipId)
        AND (@chapterId IS NULL OR chapter_id = @chapterId)
        AND (@userId IS NULL OR user_id = @userId)
        AND (@action IS NULL OR action = @action)
        AND (@since IS NULL OR at >= @since)
        AND (@until IS NULL OR at < @until)
        AND (@beforeId IS NULL OR id < @beforeId)
      ORDER BY id DESC LIMIT @limit`,
  );
  return {
    /** Appends one entry; returns its id. */
    append(e: AuditEntry): number {
      const r = insert.run(clock(), e.userId, e.partnershipId ?? null, e.chapterId ?? null, e.action, JSON.stringify(e.details ?? {}));
      return Number(r.lastInsertRowid);
    },
    /** Entries matching every given field, newest first. */
    list(filter: AuditFilter = {}): AuditRecord[] {
      return list
        .all({
          partnershipId: filter.partnershipId ?? null,
          chapterId: filter.chapterId ?? null,
          userId: filter.userId ?? null,
          action: filter.action ?? null,
          since: filter.since ?? null,
          until: filter.until ?? null,
          beforeId: filter.beforeId ?? null,
          limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
        })
        .map((r) => ({
          id: r.id,
          at: r.at,
          userId: r.user_id,
          partnershipId: r.partnership_id,
          chapterId: r.chapter_id,
          action: r.action,
          details: JSON.parse(r.details) as Record<string, unknown>,
        }));
    },
  };
}
export type AuditStore = ReturnType<typeof createAuditStore>;
