/**
 * Readiness: can this process take people's work right now? Three checks:
 * - `database`: a real write to the database file commits (storage/writeProbe.ts);
 * - `commitWorker`: the thread that commits document edits has started and is not stuck on
 *   one job (storage/backgroundAppend.ts); `none` (an in-memory database) passes;
 * - `documentWrites`: the last document commit did not fail (else edits wait for a retry).
 *
 * The write probe costs an fsync, and the endpoint is public, so its result is reused for
 * PROBE_REUSE_MS: a flood of probes cannot turn into a flood of disk writes. A failed probe
 * may have blocked the event loop for up to PROBE_BUSY_MS (a lock held elsewhere), so a
 * failure is reused for PROBE_FAILED_REUSE_MS: probing a locked database costs everyone at
 * most a fifth of the time.
 */
import type { CommitHealth } from '../context.ts';
import type { Logger } from '../log.ts';
import type { HealthCheckDto, HealthReadyResponse } from '../../shared/apiTypes.ts';
import type { Db } from '../storage/db.ts';
import { createWriteProbe, probeFailure } from '../storage/writeProbe.ts';

/** A passed database check younger than this is answered again without writing. */
export const PROBE_REUSE_MS = 1000;
/** A failed database check younger than this is answered again without probing. */
export const PROBE_FAILED_REUSE_MS = 5000;

export interface ReadinessDeps {
  db: Db;
  log: Logger;
  clock: () => number;
  commitHealth(): CommitHealth;
}

/** Returns a function that runs the checks and builds the answer. */
export function createReadiness(deps: ReadinessDeps): () => HealthReadyResponse {
  const probe = createWriteProbe(deps.db);
  let last: { at: number; check: HealthCheckDto } | null = null;

  const database = (): HealthCheckDto => {
    const now = deps.clock();
    const age = last ? now - last.at : Infinity;
    if (last && age >= 0 && age < (last.check.ok ? PROBE_REUSE_MS : PROBE_FAILED_REUSE_MS)) return last.check;
    let check: HealthCheckDto;
    try {
      probe(now);
      check = { ok: true };
    } catch (err) {
      check = { ok: false, error: probeFailure(err) };
      deps.log.warn(`readiness: the database does not take writes (${String(err)})`);
    }
    last = { at: now, check };
    return check;
  };

  return () => {
    const commits = deps.commitHealth();
    const checks: HealthReadyResponse['checks'] = {
      database: database(),
      // `starting`: the first write after an idle spell is starting it (those writes run on the main connection).
      commitWorker: { ok: commits.worker !== 'stuck' && commits.worker !== 'stopped', state: commits.worker },
      documentWrites: { ok: !commits.writesFailing },
    };
    const failed = (Object.keys(checks) as (keyof typeof checks)[]).filter((k) => !checks[k].ok);
    return { status: failed.length ? 'not_ready' : 'ready', checks, failed };
  };
}
