/**
 * "Kompletność strategii": each statutory element, the chapter that holds it (the
 * coordinator's choice, else the chapter titled as in the template), its state and the checks
 * of its stored text (docs/procedure.md).
 */
import * as Y from 'yjs';
import type { CompletenessElementDto, ElementCheckResult, ElementState } from '../../shared/procedure/api.ts';
import { chapterContentFacts, type ChapterContentFacts, type PmNode } from '../../shared/procedure/contentChecks.ts';
import { STATUTORY_ELEMENTS, type ElementCheck } from '../../shared/procedure/elements.ts';
import type { Services } from '../services.ts';
import type { ChapterRow } from '../storage/chapters.ts';
import { documentToJson } from '../versions/document.ts';

const normalTitle = (title: string) => title.trim().toLowerCase().replace(/\s+/g, ' ');

/** The chapter's text as stored (compacted state plus the update log), as ProseMirror JSON. */
function storedChapterJson(services: Services, chapterId: string): PmNode {
  const loaded = services.stores.documents.load(chapterId);
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (loaded.state) Y.applyUpdate(doc, loaded.state);
      for (const u of loaded.updates) Y.applyUpdate(doc, u);
    });
    return documentToJson(doc) as PmNode;
  } finally {
    doc.destroy();
  }
}

function checkResult(check: ElementCheck, facts: ChapterContentFacts): ElementCheckResult {
  if (check === 'figure') return { check, passed: facts.hasFigure, missing: [] };
  const missing = check === 'indicator_table' ? facts.missingIndicatorColumns : facts.missingGoalDimensions;
  return { check, passed: missing.length === 0, missing };
}

/** The completeness of a strategy's text, element by element, in the law's order. */
export function strategyCompleteness(services: Services, strategyId: string): CompletenessElementDto[] {
  const chapters = services.stores.chapters.chaptersOfStrategy(strategyId);
  const byId = new Map(chapters.map((c) => [c.id, c]));
  const chosen = services.stores.procedure.chapterMapping(strategyId);
  return STATUTORY_ELEMENTS.map((element) => {
    let chapter: ChapterRow | undefined;
    const isChosen = chosen.has(element.key);
    if (isChosen) {
      const id = chosen.get(element.key);
      chapter = id ? byId.get(id) : undefined;
    } else {
      chapter = chapters.find((c) => normalTitle(c.title) === normalTitle(element.templateTitle));
    }
    if (!chapter) {
      return { key: element.key, chapter: null, chosen: isChosen, state: 'no_chapter', checks: element.checks.map((check) => ({ check, passed: false, missing: [] })), complete: false };
    }
    const facts = chapterContentFacts(storedChapterJson(services, chapter.id));
    const state: ElementState = !facts.hasContent ? 'empty' : chapter.frozen_at !== null ? 'frozen' : 'writing';
    const checks = element.checks.map((check) => checkResult(check, facts));
    return {
      key: element.key,
      chapter: { id: chapter.id, title: chapter.title },
      chosen: isChosen,
      state,
      checks,
      complete: facts.hasContent && checks.every((c) => c.passed),
    };
  });
}
