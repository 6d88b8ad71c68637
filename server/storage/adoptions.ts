/** Milestone hashes and partners' adoptions (migration 031). */
import type { Db } from './db.ts';
import { newId } from './ids.ts';

export interface AdoptionRow {
  id: string;
  milestone_id: string;
  organization_id: string;
  org_name: string;
  org_terc: string | null;
  body: string;
  resolution_number: string;
  resolution_date: string;
  bip_url: string;
  recorded_at: number;
  /** SHA-256 of the attached signed resolution (PDF), null without one. */
  resolution_sha256: string | null;
  resolution_size: number | null;
}

export function createAdoptionStore(db: Db) {
  const hashOf = db.prepare<[string], { hash: string }>(`SELECT hash FROM milestone_hashes WHERE milestone_id = ?`);
  const byHash = db.prepare<[string], { milestone_id: string }>(`SELECT milestone_id FROM milestone_hashes WHERE hash = ?`);
  const insertHash = db.prepare(`INSERT OR IGNORE INTO milestone_hashes (milestone_id, hash) VALUES (?, ?)`);
  const withoutHash = db.prepare<[], { id: string }>(
    `SELECT m.id FROM milestones m LEFT JOIN milestone_hashes h ON h.milestone_id = m.id WHERE h.milestone_id IS NULL`,
  );
  const ofMilestone = db.prepare<[string], AdoptionRow>(
    `SELECT a.*, o.name AS org_name, o.terc AS org_terc, r.file_id AS resolution_sha256, f.byte_size AS resolution_size
       FROM adoptions a JOIN organizations o ON o.id = a.organization_id
       LEFT JOIN adoption_resolutions r ON r.adoption_id = a.id LEFT JOIN resolution_files f ON f.id = r.file_id
      WHERE a.milestone_id = ? ORDER BY o.name, a.recorded_at`,
  );
  const byId = db.prepare<[string], { id: string; milestone_id: string; organization_id: string; strategy_id: string; partnership_id: string }>(
    `SELECT a.id, a.milestone_id, a.organization_id, m.strategy_id, s.partnership_id
       FROM adoptions a JOIN milestones m ON m.id = a.milestone_id JOIN strategies s ON s.id = m.strategy_id WHERE a.id = ?`,
  );
  const insertResolutionFile = db.prepare(
    `INSERT INTO resolution_files (id, byte_size, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const attachResolution = db.prepare(
    `INSERT INTO adoption_resolutions (adoption_id, file_id, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (adoption_id) DO UPDATE SET file_id = excluded.file_id, uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at`,
  );
  const resolutionOf = db.prepare<[string], { file_id: string; bytes: Buffer }>(
    `SELECT r.file_id, f.bytes FROM adoption_resolutions r JOIN resolution_files f ON f.id = r.file_id WHERE r.adoption_id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO adoptions (id, milestone_id, organization_id, body, resolution_number, resolution_date, bip_url, recorded_by, recorded_at)
     VALUES (@id, @milestoneId, @organizationId, @body, @resolutionNumber, @resolutionDate, @bipUrl, @recordedBy, @recordedAt)`,
  );
  const exists = db.prepare<[string, string], { x: number }>(`SELECT 1 AS x FROM adoptions WHERE milestone_id = ? AND organization_id = ?`);
  const insertCompleteness = db.prepare(
    `INSERT OR IGNORE INTO milestone_completeness (milestone_id, complete_count, total, elements) VALUES (?, ?, ?, ?)`,
  );
  const completenessOf = db.prepare<[string], { complete_count: number; total: number }>(
    `SELECT complete_count, total FROM milestone_completeness WHERE milestone_id = ?`,
  );
  const milestoneById = db.prepare<[string], { id: string; strategy_id: string; name: string; created_at: number }>(
    `SELECT id, strategy_id, name, created_at FROM milestones WHERE id = ?`,
  );

  return {
    hashOf: (milestoneId: string) => hashOf.get(milestoneId)?.hash ?? null,
    milestoneByHash: (hash: string) => byHash.get(hash)?.milestone_id ?? null,
    saveHash: (milestoneId: string, hash: string) => void insertHash.run(milestoneId, hash),
    milestonesWithoutHash: () => withoutHash.all().map((r) => r.id),
    milestoneById: (id: string) => milestoneById.get(id),
    /** The strategy's completeness when the milestone was made (kept once). */
    saveCompleteness: (milestoneId: string, completeCount: number, total: number, elements: unknown) =>
      void insertCompleteness.run(milestoneId, completeCount, total, JSON.stringify(elements)),
    completenessOf: (milestoneId: string): { completeCount: number; total: number } | null => {
      const r = completenessOf.get(milestoneId);
      return r ? { completeCount: r.complete_count, total: r.total } : null;
    },
    ofMilestone: (milestoneId: string) => ofMilestone.all(milestoneId),
    /** An adoption with its milestone, strategy and partnership (for access checks). */
    byId: (adoptionId: string) => byId.get(adoptionId),
    /**
     * Stores the signed resolution's bytes once under their SHA-256 and makes it the adoption's
     * (replacing an earlier one); returns the previous file's hash, if any.
     */
    attachResolution: db.transaction((a: { adoptionId: string; sha256: string; bytes: Buffer; userId: string; at: number }): string | null => {
      const previous = resolutionOf.get(a.adoptionId)?.file_id ?? null;
      insertResolutionFile.run(a.sha256, a.bytes.length, a.bytes, a.at);
      attachResolution.run(a.adoptionId, a.sha256, a.userId, a.at);
      return previous;
    }),
    /** The adoption's signed resolution: its hash and bytes. */
    resolutionOf: (adoptionId: string) => resolutionOf.get(adoptionId),
    has: (milestoneId: string, organizationId: string) => exists.get(milestoneId, organizationId) !== undefined,
    record(a: {
      milestoneId: string; organizationId: string; body: string; resolutionNumber: string; resolutionDate: string;
      bipUrl: string; recordedBy: string; recordedAt: number;
    }): string {
      const id = newId();
      insert.run({ id, ...a });
      return id;
    },
  };
}

export type AdoptionStore = ReturnType<typeof createAdoptionStore>;
