/**
 * What the collaboration layer asks of key-project fiches (issue 19, docs/projects.md), for every
 * chapter room (a fiche's document is a chapter document):
 * - whether an organisation id belongs to the chapter's partnership (the live check refuses a
 *   leader or partner from elsewhere, server/collab/ficheCheck.ts);
 * - after changes were stored (once per commit, not per keystroke): the backing chapter row takes
 *   the fiche's current title, so the audit log, the inbox and e-mails name the fiche as it is
 *   called now.
 */
import type * as Y from 'yjs';
import { FICHE_MAP } from '../../shared/projects/fiche.ts';
import type { Stores } from '../services.ts';

export interface FicheRoomHooks {
  isOrganization(chapterId: string, organizationId: string): boolean;
  documentChanged(chapterId: string, doc: Y.Doc): void;
}

export function ficheRoomHooks(stores: Pick<Stores, 'chapters' | 'partnerships' | 'projects'>): FicheRoomHooks {
  return {
    isOrganization(chapterId, organizationId) {
      const chapter = stores.chapters.chapterById(chapterId);
      const strategy = chapter && stores.chapters.strategyById(chapter.strategy_id);
      return !!strategy && stores.partnerships.hasOrganization(strategy.partnership_id, organizationId);
    },
    documentChanged(chapterId, doc) {
      // Only fiche documents have the map; looking it up must not create it in a chapter's.
      if (!doc.share.has(FICHE_MAP)) return;
      const title = doc.getMap(FICHE_MAP).get('title');
      // An empty title (being retyped) keeps the last one the row had.
      if (typeof title === 'string' && title.trim() !== '') stores.projects.syncTitle(chapterId, title);
    },
  };
}
