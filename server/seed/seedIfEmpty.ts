/**
 * Seeds the demo data on first start: only when SEED_DEMO is on and the database holds no
 * partnership yet, so restarts and real installations are never touched.
 */
import type { Services } from '../services.ts';
import { seedDemo, type DemoLogin, type WriteInitialText } from './demo.ts';

export type { DemoLogin, WriteInitialText };

export interface SeedOptions {
  /** Writes demo chapter text into the chapter's Yjs document (from the collaboration layer). */
  writeInitialText: WriteInitialText;
}

/**
 * @returns the demo logins to print, or null when nothing was seeded
 * @example const logins = await seedIfEmpty(services, { writeInitialText });
 */
export async function seedIfEmpty(services: Services, opts: SeedOptions): Promise<DemoLogin[] | null> {
  if (!services.config.seedDemo) return null;
  if (services.stores.partnerships.count() > 0) return null;
  const { logins } = await seedDemo(services, opts.writeInitialText);
  services.log.info(`seeded demo data: ${logins.length} accounts`);
  return logins;
}
