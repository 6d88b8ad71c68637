/**
 * The TERC list of powiats and gminas (issue 16, docs/administration.md), keyed by the code.
 */
import type { Db } from './db.ts';
import type { TercUnitDto } from '../../shared/apiTypes.ts';

export interface TercUnit {
  code: string;
  kind: 'powiat' | 'gmina';
  name: string;
  description: string;
  asOf: string;
}

interface Row {
  code: string;
  kind: 'powiat' | 'gmina';
  name: string;
  description: string;
  as_of: string;
}

const toDto = (r: Row): TercUnitDto => ({ code: r.code, kind: r.kind, name: r.name, description: r.description, asOf: r.as_of });

/** Units returned by one search at most. */
export const TERC_SEARCH_MAX = 30;

export function createTercStore(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO terc_units (code, kind, name, description, as_of, source) VALUES (@code, @kind, @name, @description, @asOf, @source)
     ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name = excluded.name, description = excluded.description,
       as_of = excluded.as_of, source = excluded.source`,
  );
  const insertIfAbsent = db.prepare(
    `INSERT OR IGNORE INTO terc_units (code, kind, name, description, as_of, source) VALUES (@code, @kind, @name, @description, @asOf, @source)`,
  );
  const byCode = db.prepare<[string], Row>(`SELECT * FROM terc_units WHERE code = ?`);
  const all = db.prepare<[], Row>(`SELECT * FROM terc_units ORDER BY code`);
  const count = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM terc_units`);

  return {
    /** Writes units from the official file: they replace what was there (the GUS file is the source of truth). */
    importOfficial: (units: readonly TercUnit[], source: string): number =>
      db.transaction(() => units.reduce((n, u) => n + upsert.run({ ...u, source }).changes, 0))(),
    /** Adds shipped units that are not there yet (never overwrites an imported unit). */
    addIfAbsent: (units: readonly TercUnit[], source: string): number =>
      db.transaction(() => units.reduce((n, u) => n + insertIfAbsent.run({ ...u, source }).changes, 0))(),
    byCode(code: string): TercUnitDto | undefined {
      const r = byCode.get(code);
      return r ? toDto(r) : undefined;
    },
    /** Every unit, for searching in memory (a full list is about 2,900 rows). */
    all: (): TercUnitDto[] => all.all().map(toDto),
    count: () => count.get()?.n ?? 0,
  };
}
export type TercStore = ReturnType<typeof createTercStore>;
