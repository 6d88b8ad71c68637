/**
 * A strategy's procedure: recorded step dates, the environmental-assessment flag, and the
 * coordinator's chapter choices for the completeness check.
 */
import type { Db } from './db.ts';
import { PROCEDURE_STEPS, type ProcedureDates, type ProcedureStep } from '../../shared/procedure/stages.ts';

export function createProcedureStore(db: Db) {
  const dates = db.prepare<[string], { step: string; date: string }>(`SELECT step, date FROM procedure_dates WHERE strategy_id = ?`);
  const upsertDate = db.prepare(
    `INSERT INTO procedure_dates (strategy_id, step, date, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (strategy_id, step) DO UPDATE SET date = excluded.date, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  const withDates = db.prepare<[], { strategy_id: string }>(`SELECT DISTINCT strategy_id FROM procedure_dates ORDER BY strategy_id`);
  const deleteDate = db.prepare(`DELETE FROM procedure_dates WHERE strategy_id = ? AND step = ?`);
  const environmental = db.prepare<[string], { environmental: number }>(`SELECT environmental FROM procedure_settings WHERE strategy_id = ?`);
  const setEnvironmental = db.prepare(
    `INSERT INTO procedure_settings (strategy_id, environmental) VALUES (?, ?)
     ON CONFLICT (strategy_id) DO UPDATE SET environmental = excluded.environmental`,
  );
  const mapping = db.prepare<[string], { element: string; chapter_id: string | null }>(
    `SELECT element, chapter_id FROM completeness_chapters WHERE strategy_id = ?`,
  );
  const upsertMapping = db.prepare(
    `INSERT INTO completeness_chapters (strategy_id, element, chapter_id) VALUES (?, ?, ?)
     ON CONFLICT (strategy_id, element) DO UPDATE SET chapter_id = excluded.chapter_id`,
  );

  return {
    /** The recorded dates of a strategy (unknown step names from other versions are skipped). */
    /** Strategies with at least one recorded procedure date (for the daily reminders). */
    strategiesWithDates: (): string[] => withDates.all().map((r) => r.strategy_id),
    dates(strategyId: string): ProcedureDates {
      const out: ProcedureDates = {};
      for (const r of dates.all(strategyId)) {
        if ((PROCEDURE_STEPS as readonly string[]).includes(r.step)) out[r.step as ProcedureStep] = r.date;
      }
      return out;
    },
    environmental(strategyId: string): boolean {
      return environmental.get(strategyId)?.environmental === 1;
    },
    /** Applies a change in one transaction: a date sets a step, null clears it. */
    update(strategyId: string, change: { dates?: Partial<Record<ProcedureStep, string | null>>; environmental?: boolean }, userId: string, at: number): void {
      db.transaction(() => {
        for (const [step, date] of Object.entries(change.dates ?? {})) {
          if (date === null) deleteDate.run(strategyId, step);
          else upsertDate.run(strategyId, step, date, userId, at);
        }
        if (change.environmental !== undefined) setEnvironmental.run(strategyId, change.environmental ? 1 : 0);
      })();
    },
    /** Chapter choices per element; null: the coordinator said no chapter holds it. */
    chapterMapping(strategyId: string): Map<string, string | null> {
      return new Map(mapping.all(strategyId).map((r) => [r.element, r.chapter_id]));
    },
    setChapterMapping(strategyId: string, entries: readonly (readonly [string, string | null])[]): void {
      db.transaction(() => {
        for (const [element, chapterId] of entries) upsertMapping.run(strategyId, element, chapterId);
      })();
    },
  };
}

export type ProcedureStore = ReturnType<typeof createProcedureStore>;
