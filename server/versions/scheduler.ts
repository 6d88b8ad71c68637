/**
 * Automatic versions. Every VERSION_SCAN_SECONDS the scheduler asks the database which
 * chapters changed after their latest version and either have been quiet for
 * VERSION_IDLE_MINUTES (an editing burst ended) or have had unversioned changes for a day
 * (someone edits without pausing), and stores a version of each from its live document.
 */
import type { CollabControl } from '../context.ts';
import type { Services } from '../services.ts';
import { saveVersion } from './service.ts';

/** No change stays without a version for longer than this, however long the burst (24 h). */
export const AUTO_VERSION_MAX_AGE_MS = 24 * 3600_000;

/**
 * Stores the automatic versions due at `now` (ms). Returns the chapters versioned.
 * Chapters are done one after another so a scan never loads many documents at once.
 */
export async function runAutoVersions(services: Services, collab: CollabControl, now = services.clock()): Promise<string[]> {
  const due = services.stores.versions.dueForAutoVersion(now - services.config.versionIdleMs, now - AUTO_VERSION_MAX_AGE_MS);
  const done: string[] = [];
  for (const { id } of due) {
    const chapter = services.stores.chapters.chapterById(id);
    const partnershipId = chapter && services.stores.chapters.strategyById(chapter.strategy_id)?.partnership_id;
    if (!partnershipId) continue;
    try {
      if (await saveVersion({ services, collab }, id, { kind: 'auto', name: null, userId: null, partnershipId })) done.push(id);
    } catch (err) {
      services.log.error(`automatic version of chapter ${id} failed`, err);
    }
  }
  return done;
}

/**
 * Starts the scheduler; returns a function that stops it. A scan never overlaps the previous one.
 * @example const stopVersions = startVersionScheduler(services, collab.control); // … stopVersions()
 */
export function startVersionScheduler(services: Services, collab: CollabControl): () => void {
  let running = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = true;
    runAutoVersions(services, collab)
      .catch((err) => services.log.error('automatic version scan failed', err))
      .finally(() => {
        running = false;
      });
  }, services.config.versionScanMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
