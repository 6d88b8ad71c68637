/**
 * Yjs document storage: an append-only update log per chapter plus one compacted state row.
 * Loading = state row + every later update. Compaction replaces both in one transaction.
 */
import type { Db } from './db.ts';

export interface StoredUpdate {
  chapterId: string;
  data: Uint8Array;
  userId: string | null;
  at: number;
  /** Yjs client ids this update wrote new content with (recorded for attribution). */
  clientIds?: number[];
}

export interface LoadedDocument {
  state: Uint8Array | null;
  updates: Uint8Array[];
  /** Highest update id included, for compaction. */
  lastUpdateId: number;
}

/** Hook points for tests that simulate crashes or storage failures at exact steps. */
export interface DocumentStoreHooks {
  /** Called between the steps of compaction ('state-written'); may throw or block. */
  compactionStep?: (step: 'state-written') => void;
  /** Called before each write transaction; may throw to simulate a failing disk. */
  beforeWrite?: () => void;
}

/**
 * The transaction that stores a batch of updates: one row per update, who edited in which
 * minute, which client ids write for whom, and the chapter's last change. Used by the store
 * and by the commit worker (appendWorker.ts), which runs it on its own connection.
 */
export function appendTransaction(db: Db): (batch: StoredUpdate[]) => void {
  const insertUpdate = db.prepare(`INSERT INTO doc_updates (chapter_id, data, user_id, created_at) VALUES (?, ?, ?, ?)`);
  const touchChapter = db.prepare(`UPDATE chapters SET last_change_at = ?, last_change_by = ? WHERE id = ?`);
  const recordClient = db.prepare(`INSERT OR IGNORE INTO doc_clients (chapter_id, client_id, user_id, opened_at) VALUES (?, ?, ?, ?)`);
  const recordEdit = db.prepare(`INSERT OR IGNORE INTO chapter_edit_log (chapter_id, user_id, minute) VALUES (?, ?, ?)`);
  return db.transaction((batch: StoredUpdate[]) => {
    const last = new Map<string, StoredUpdate>();
    for (const u of batch) {
      insertUpdate.run(u.chapterId, u.data, u.userId, u.at);
      if (u.userId) {
        recordEdit.run(u.chapterId, u.userId, Math.floor(u.at / 60_000));
        for (const c of u.clientIds ?? []) recordClient.run(u.chapterId, c, u.userId, u.at);
      }
      last.set(u.chapterId, u);
    }
    for (const u of last.values()) touchChapter.run(u.at, u.userId, u.chapterId);
  });
}

/**
 * The transaction that replaces a chapter's log up to `upToId` by `state` (which must contain
 * all of it): a crash at any point leaves either the old rows or the new state, never neither.
 * Used by the store and by the commit worker.
 */
export function compactTransaction(db: Db, hooks: DocumentStoreHooks = {}): (chapterId: string, state: Uint8Array, upToId: number) => void {
  const upsertState = db.prepare(
    `INSERT INTO doc_states (chapter_id, data, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(chapter_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const deleteUpTo = db.prepare(`DELETE FROM doc_updates WHERE chapter_id = ? AND id <= ?`);
  return db.transaction((chapterId: string, state: Uint8Array, upToId: number) => {
    upsertState.run(chapterId, state, Date.now());
    hooks.compactionStep?.('state-written');
    deleteUpTo.run(chapterId, upToId);
  });
}

export function createDocumentStore(db: Db, hooks: DocumentStoreHooks = {}) {
  const clientsOf = db.prepare<[string], { client_id: number; user_id: string }>(
    `SELECT client_id, user_id FROM doc_clients WHERE chapter_id = ?`,
  );
  const getState = db.prepare<[string], { data: Buffer }>(`SELECT data FROM doc_states WHERE chapter_id = ?`);
  const getUpdates = db.prepare<[string], { id: number; data: Buffer }>(
    `SELECT id, data FROM doc_updates WHERE chapter_id = ? ORDER BY id`,
  );
  const openedSince = db.prepare<[string, number], { user_id: string; opened_at: number }>(
    `SELECT user_id, opened_at FROM doc_clients WHERE chapter_id = ? AND opened_at > ? ORDER BY opened_at`,
  );
  const countUpdates = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM doc_updates WHERE chapter_id = ?`);
  const maxId = db.prepare<[string], { id: number | null }>(`SELECT MAX(id) AS id FROM doc_updates WHERE chapter_id = ?`);

  const appendBatch = appendTransaction(db);

  const compactTx = compactTransaction(db, hooks);

  return {
    /** Commits a batch of updates in one transaction (durable when this returns). */
    append(batch: StoredUpdate[]): void {
      if (batch.length === 0) return;
      hooks.beforeWrite?.();
      appendBatch(batch);
    },
    /**
     * Runs the checks that precede every write (the test hook that simulates a failing disk),
     * for a batch that the commit worker stores on its own connection. Throws if the write
     * must fail.
     */
    beforeBackgroundWrite(): void {
      hooks.beforeWrite?.();
    },
    load(chapterId: string): LoadedDocument {
      const state = getState.get(chapterId);
      const rows = getUpdates.all(chapterId);
      return {
        state: state ? new Uint8Array(state.data) : null,
        updates: rows.map((r) => new Uint8Array(r.data)),
        lastUpdateId: rows.length ? rows[rows.length - 1].id : 0,
      };
    },
    /** Client ids people first wrote with since `since` (ms), oldest first (ClientIdBudget). */
    clientsOpenedSince(chapterId: string, since: number): { userId: string; at: number }[] {
      return openedSince.all(chapterId, since).map((r) => ({ userId: r.user_id, at: r.opened_at }));
    },
    /** Yjs client id → user id, for attributing text. */
    clientAuthors(chapterId: string): Map<number, string> {
      return new Map(clientsOf.all(chapterId).map((r) => [r.client_id, r.user_id]));
    },
    updateCount: (chapterId: string) => countUpdates.get(chapterId)?.n ?? 0,
    lastUpdateId: (chapterId: string) => maxId.get(chapterId)?.id ?? 0,
    /**
     * Replaces the log up to `upToId` by `state` (which must contain all of it), atomically:
     * a crash at any point leaves either the old rows or the new state, never neither.
     */
    compact(chapterId: string, state: Uint8Array, upToId: number): void {
      hooks.beforeWrite?.();
      compactTx(chapterId, state, upToId);
    },
  };
}
export type DocumentStore = ReturnType<typeof createDocumentStore>;
