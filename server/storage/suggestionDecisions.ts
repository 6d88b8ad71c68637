/**
 * The record of suggestion decisions, so a coordinator can answer "what did the experts
 * propose and what happened to it".
 */
import type { Db } from './db.ts';

export interface SuggestionDecisionRow {
  chapter_id: string;
  suggestion_id: string;
  kind: 'insert' | 'delete';
  scope: 'inline' | 'block';
  author_id: string | null;
  suggested_at: string;
  text: string;
  decision: 'accepted' | 'rejected' | 'withdrawn';
  decided_by: string | null;
  decided_at: number;
}

export function createSuggestionDecisionStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO suggestion_decisions (chapter_id, suggestion_id, kind, scope, author_id, suggested_at, text, decision, decided_by, decided_at)
     VALUES (@chapter_id, @suggestion_id, @kind, @scope, @author_id, @suggested_at, @text, @decision, @decided_by, @decided_at)`,
  );
  const list = db.prepare<[string], SuggestionDecisionRow>(
    `SELECT * FROM suggestion_decisions WHERE chapter_id = ? ORDER BY decided_at DESC, id DESC LIMIT 1000`,
  );
  const latest = db.prepare<[string, string], SuggestionDecisionRow>(
    `SELECT * FROM suggestion_decisions WHERE chapter_id = ? AND suggestion_id = ? ORDER BY decided_at DESC, id DESC LIMIT 1`,
  );
  const recordAll = db.transaction((rows: SuggestionDecisionRow[]) => {
    for (const r of rows) insert.run(r);
  });
  return {
    record: (rows: SuggestionDecisionRow[]) => recordAll(rows),
    list: (chapterId: string) => list.all(chapterId),
    /** The latest decision on one suggestion of a chapter (e.g. one made from a consultation remark), or null while it is open. */
    latestFor: (chapterId: string, suggestionId: string) => latest.get(chapterId, suggestionId) ?? null,
  };
}
