/**
 * A new strategy of a partnership, by default with the 16 chapters of the legal template
 * (server/seed/template.ts), in one transaction.
 */
import type { Services } from '../services.ts';
import { STRATEGY_CHAPTER_TEMPLATE } from '../seed/template.ts';

export function createStrategy(services: Services, o: { partnershipId: string; title: string; template: boolean; actorId: string }): string {
  const { chapters, audit } = services.stores;
  const now = services.clock();
  return services.db.transaction((): string => {
    const id = chapters.createStrategy(o.partnershipId, o.title, now);
    if (o.template) for (const title of STRATEGY_CHAPTER_TEMPLATE) chapters.appendChapter(id, title, now);
    audit.append({ userId: o.actorId, partnershipId: o.partnershipId, action: 'strategy.created', details: { strategyId: id, title: o.title, template: o.template } });
    return id;
  })();
}
