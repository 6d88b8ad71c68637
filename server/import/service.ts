/**
 * DOCX import (issue 15; docs/import.md): preview, then confirm.
 *
 * Preview reads the file in a worker (runner.ts) and answers what it holds and what will not
 * come through; nothing is written, the read file is held in memory for the confirmation
 * (per person and chapter, IMPORT_LIMITS.previewTtlMs). Confirm stores the figures' images,
 * then, synchronously inside the chapter room's server change (the way a restore is made):
 * keeps the current text as a named automatic version, builds the content (build.ts), judges
 * it with the change check when the importer may only suggest, writes it, creates the comment
 * threads, remembers the author links and audits the file's name and SHA-256. The room stores
 * the change before relaying it, so everyone in the chapter sees the import as one change.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { CollabControl } from '../context.ts';
import type { Services } from '../services.ts';
import type { UserRow } from '../storage/people.ts';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { Limits } from '../../shared/limits.ts';
import { normaliseText } from '../../shared/text.ts';
import {
  IMPORT_LOSS_KINDS, type ImportConfirmRequest, type ImportPreviewDto, type ImportResultDto, type ImportStrategyRequest, type ImportStrategyResultDto,
} from '../../shared/import.ts';
import { requireChapter, requireStrategy } from '../auth/access.ts';
import { ApiError, chapterFrozen, forbidden, validationFailed } from '../errors.ts';
import { cleanImage, ImageRejected } from '../files/cleanImage.ts';
import { storeFile } from '../storage/files.ts';
import { createImportStore } from '../storage/imports.ts';
import { newId } from '../storage/ids.ts';
import { captureContent } from '../versions/capture.ts';
import { collectChangeSet, judgeChange } from '../collab/changeCheck.ts';
import { matchAuthor, normaliseName } from './authors.ts';
import { buildContent, sectionsOf, type FigureRef } from './build.ts';
import { IMPORT_LIMITS } from './limits.ts';
import type { Block, ImportedDocument } from './model.ts';
import { ImportRefused } from './refusal.ts';
import { parseInWorker } from './runner.ts';
import { insertContent } from './yjsWrite.ts';

interface Held {
  userId: string;
  chapterId: string;
  fileName: string;
  sha256: string;
  doc: ImportedDocument;
  expires: number;
}

const STATUS: Record<ImportRefused['code'], 400 | 413 | 415 | 422> = {
  import_not_docx: 415,
  import_encrypted: 422,
  import_too_large: 413,
  import_zip_bomb: 413,
  import_too_many_entries: 413,
  import_xml_forbidden: 422,
  import_xml_too_deep: 422,
  import_too_many_paragraphs: 413,
  import_too_many_images: 413,
  import_unreadable: 422,
};

export function refusalToApi(e: ImportRefused): ApiError {
  return new ApiError(STATUS[e.code], e.code, e.message, e.details);
}

export const previewExpired = () =>
  new ApiError(410, 'import_preview_expired', 'The preview of this file is no longer held: upload the file again.');
export const chapterNotEmpty = () => new ApiError(409, 'import_chapter_not_empty', 'The chapter already has text: import at its end instead.');

/** True when the chapter holds no text and no figure. */
export function fragmentEmpty(fragment: Y.XmlFragment): boolean {
  const empty = (n: Y.XmlElement | Y.XmlText | Y.XmlHook): boolean =>
    n instanceof Y.XmlText ? n.length === 0 : n instanceof Y.XmlElement ? n.nodeName !== 'figure' && n.toArray().every((c) => empty(c as Y.XmlElement)) : true;
  return fragment.toArray().every((n) => empty(n as Y.XmlElement));
}

function countBlocks(blocks: Block[], acc = { paragraphs: 0, headings: 0, tables: 0 }) {
  for (const b of blocks) {
    if (b.type === 'table') {
      acc.tables++;
      for (const r of b.rows) for (const c of r.cells) countBlocks(c.blocks, acc);
    } else {
      acc.paragraphs++;
      if (b.heading) acc.headings++;
    }
  }
  return acc;
}

function changeCounts(blocks: Block[]) {
  const seen = new Set<unknown>();
  const out = { insertions: 0, deletions: 0, moves: 0, paragraphs: 0 };
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === 'table') {
        for (const r of b.rows) {
          if (r.change) out.paragraphs++;
          for (const c of r.cells) walk(c.blocks);
        }
        continue;
      }
      if (b.mark) out.paragraphs++;
      for (const i of b.inlines) {
        if (!i.change || seen.has(i.change)) continue;
        seen.add(i.change);
        if (i.change.move) out.moves++;
        else if (i.change.kind === 'insert') out.insertions++;
        else out.deletions++;
      }
    }
  };
  walk(blocks);
  return out;
}

/** Every Word author named in the body's changes or the comments, with counts. */
function authorsOf(doc: ImportedDocument): Map<string, { changes: number; comments: number }> {
  const out = new Map<string, { changes: number; comments: number }>();
  const get = (n: string) => out.get(n) ?? (out.set(n, { changes: 0, comments: 0 }), out.get(n)!);
  const seen = new Set<unknown>();
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === 'table') {
        for (const r of b.rows) {
          if (r.change && !seen.has(r.change)) (seen.add(r.change), get(r.change.author).changes++);
          for (const c of r.cells) walk(c.blocks);
        }
        continue;
      }
      for (const ch of [b.mark, ...b.inlines.map((i) => i.change)]) if (ch && !seen.has(ch)) (seen.add(ch), get(ch.author).changes++);
    }
  };
  walk(doc.blocks);
  for (const c of doc.comments) get(c.author).comments++;
  return out;
}

const sameTitle = (a: string, b: string) => normaliseName(a) === normaliseName(b);

interface Target {
  /** The chapter, or the strategy for a whole-strategy import. */
  chapterId?: string;
  strategyId?: string;
}

export function createImportService(services: Services, collab: CollabControl) {
  const { db, stores, clock } = services;
  const store = createImportStore(db);
  const held = new Map<string, Held>();

  const imageBytes = (h: Held) => h.doc.images.reduce((n, im) => n + im.bytes.byteLength, 0);
  /** Drops expired previews, then the oldest ones (the person's own first) until `next` fits. */
  const prune = (userId: string, next: number) => {
    const now = clock();
    for (const [k, v] of held) if (v.expires < now) held.delete(k);
    const mine = [...held].filter(([, v]) => v.userId === userId);
    while (mine.length >= IMPORT_LIMITS.maxPendingPreviewsPerPerson) held.delete(mine.shift()![0]);
    let bytes = [...held.values()].reduce((n, v) => n + imageBytes(v), 0) + next;
    while (held.size > 0 && (held.size >= IMPORT_LIMITS.maxPendingPreviews || bytes > IMPORT_LIMITS.maxHeldImageBytes)) {
      const [k, v] = held.entries().next().value!;
      held.delete(k);
      bytes -= imageBytes(v);
    }
  };

  function access(user: UserRow, chapterId: string) {
    const { facts, permissions } = requireChapter(services, user, chapterId, 'read');
    if (facts.frozen) throw chapterFrozen();
    if (!permissions.edit && !permissions.suggest) throw forbidden();
    return { facts, restricted: !permissions.edit };
  }

  function take(user: UserRow, token: string, scope: string): Held {
    const h = held.get(token);
    if (!h || h.userId !== user.id || h.chapterId !== scope || h.expires < clock()) throw previewExpired();
    return h;
  }

  async function read(user: UserRow, scope: string, bytes: Uint8Array, fileName: string): Promise<{ token: string; h: Held }> {
    let doc: ImportedDocument;
    try {
      doc = await parseInWorker(bytes);
    } catch (e) {
      if (e instanceof ImportRefused) throw refusalToApi(e);
      throw e;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const token = randomBytes(16).toString('hex');
    const h: Held = { userId: user.id, chapterId: scope, fileName, sha256, doc, expires: clock() + IMPORT_LIMITS.previewTtlMs };
    prune(user.id, imageBytes(h));
    held.set(token, h);
    return { token, h };
  }

  function previewDto(token: string, h: Held, o: { partnershipId: string; strategyId: string; restricted: boolean; chapterEmpty: boolean }): ImportPreviewDto {
    const { doc } = h;
    const members = stores.partnerships.members(o.partnershipId);
    const remembered = store.links(o.partnershipId);
    const chapters = stores.chapters.chaptersOfStrategy(o.strategyId);
    const counts = countBlocks(doc.blocks);
    return {
      token,
      fileName: h.fileName,
      sha256: h.sha256,
      paragraphs: counts.paragraphs,
      headings: counts.headings,
      tables: counts.tables,
      changes: changeCounts(doc.blocks),
      comments: { threads: doc.comments.filter((c) => !c.parentId).length, replies: doc.comments.filter((c) => c.parentId).length },
      images: doc.images.map((im, index) => ({ index, alt: im.alt })),
      losses: IMPORT_LOSS_KINDS.filter((k) => doc.losses[k]).map((kind) => ({ kind, count: doc.losses[kind]! })),
      authors: [...authorsOf(doc)].map(([name, n]) => ({ name, ...n, ...(o.restricted ? { userId: null, match: 'none' as const, candidates: [] } : matchAuthor(name, members, remembered)) })),
      sections: sectionsOf(doc.blocks).map((s) => ({
        index: s.index,
        title: s.title,
        paragraphs: countBlocks(s.blocks).paragraphs,
        chapterId: s.title ? (chapters.find((c) => sameTitle(c.title, s.title!))?.id ?? null) : null,
      })),
      chapterEmpty: o.chapterEmpty,
      asSuggestions: o.restricted,
    };
  }

  /**
   * Writes `blocks` into one chapter as one server change (see the module comment).
   * `mode` 'auto': into the chapter if it is empty, else at its end.
   */
  async function importBlocks(
    user: UserRow,
    chapterId: string,
    h: Held,
    blocks: Block[],
    o: { mode: 'empty' | 'append' | 'auto'; authors: ImportConfirmRequest['authors']; alts: ImportConfirmRequest['alts']; strategyImport?: boolean },
  ): Promise<ImportResultDto> {
    const { facts, restricted } = access(user, chapterId);
    const { doc } = h;

    // Authors: a member of this partnership, or null (keep the name from the file).
    const members = stores.partnerships.members(facts.partnershipId).filter((m) => !m.deactivated);
    const remembered = store.links(facts.partnershipId);
    const chosenAuthors = new Map<string, string | null>();
    o.authors.forEach((a, i) => {
      if (a.userId !== null && !members.some((m) => m.userId === a.userId)) {
        throw validationFailed([{ path: `authors.${i}.userId`, message: 'not a member of this partnership' }]);
      }
      chosenAuthors.set(a.name, a.userId);
    });
    const resolved = new Map<string, string | null>();
    for (const name of authorsOf(doc).keys()) {
      resolved.set(name, chosenAuthors.has(name) ? chosenAuthors.get(name)! : matchAuthor(name, members, remembered).userId);
    }
    const author = (name: string) => {
      const id = restricted ? null : (resolved.get(name) ?? null);
      return id ? { authorId: id } : { authorId: user.id, sourceAuthor: name };
    };

    // Figures: every image used needs a text alternative (from the file or given now).
    const used = new Set<number>();
    const collect = (bs: Block[]) => {
      for (const b of bs) {
        if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) collect(c.blocks);
        else for (const i of b.inlines) if (i.type === 'image') used.add(i.image);
      }
    };
    collect(blocks);
    const alts = new Map(o.alts.map((a) => [a.index, normaliseText(a.alt, { lines: false })]));
    const missing = [...used].filter((i) => !(alts.get(i) || doc.images[i]?.alt));
    if (missing.length) throw validationFailed(missing.map((i) => ({ path: `alts.${i}`, message: 'a text alternative is required' })));
    const figures = new Map<number, FigureRef>();
    for (const i of used) {
      try {
        const image = await cleanImage(Buffer.from(doc.images[i].bytes), { fileName: doc.images[i].part });
        storeFile(db, image, { partnershipId: facts.partnershipId, userId: user.id }, clock());
        figures.set(i, { fileId: image.id, width: image.width, height: image.height, alt: (alts.get(i) || doc.images[i].alt).slice(0, Limits.maxFigureAltLength) });
      } catch (e) {
        if (!(e instanceof ImageRejected)) throw e;
      }
    }

    // Threads for root comments; replies join their root's thread.
    const threadIds = new Map<string, string>();
    for (const c of doc.comments) if (!c.parentId) threadIds.set(c.id, newId());
    const now = clock();
    let versionId: string | null = null;
    let built: { content: ProseMirrorJson[]; quotes: Map<string, string> } = { content: [], quotes: new Map() };

    await collab.documents.change(chapterId, user.id, (ydoc) => {
      const current = stores.chapters.accessFacts(chapterId, user.id);
      if (!current || current.frozen) throw chapterFrozen();
      const fragment = ydoc.getXmlFragment(DOCUMENT_FIELD);
      const empty = fragmentEmpty(fragment);
      if (o.mode === 'empty' && !empty) throw chapterNotEmpty();
      const intoEmpty = o.mode === 'empty' || (o.mode === 'auto' && empty);
      built = buildContent(blocks, { author, restrictedTo: restricted ? user.id : null, threads: threadIds, figures, now: new Date(now).toISOString() });
      if (restricted) {
        // The change check decides, on a copy, exactly as for the importer's typing.
        const copy = new Y.Doc({ gc: false });
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
        let verdict = { ok: true, empty: true } as ReturnType<typeof judgeChange>;
        const origin = { importJudge: true };
        copy.on('afterTransaction', (tr: Y.Transaction) => {
          if (tr.origin === origin) verdict = judgeChange(collectChangeSet(tr), { userId: user.id, permissions: { comment: true, suggest: true, edit: false }, importing: true });
        });
        copy.transact(() => {
          const f = copy.getXmlFragment(DOCUMENT_FIELD);
          insertContent(f, f.length, built.content);
        }, origin);
        copy.destroy();
        if (!verdict.ok) throw forbidden(`The change check refused the import (${verdict.item}).`);
      }
      const content = captureContent(ydoc);
      const quotes = built.quotes;
      db.transaction(() => {
        versionId = stores.versions.insert({
          chapterId, kind: 'auto', name: `Przed importem: ${h.fileName}`.slice(0, 200), note: null, createdAt: now, createdBy: user.id,
          state: content.state, json: JSON.stringify(content.json), html: content.html, sha256: content.sha256, milestoneId: null,
        });
        for (const c of doc.comments) {
          const threadId = threadIds.get(c.parentId ?? c.id);
          if (!threadId || !quotes.has(threadId)) continue;
          const who = restricted ? { authorId: user.id, sourceAuthor: c.author } : author(c.author);
          const at = c.date ? Date.parse(c.date) : now;
          if (!c.parentId) {
            store.insertThread({ id: threadId, chapterId, createdBy: who.authorId, at, quote: quotes.get(threadId)!.slice(0, Limits.maxCommentQuoteLength) });
          }
          const body = normaliseText(c.text, { lines: true }).slice(0, Limits.maxCommentLength) || '—';
          store.insertComment({ id: newId(), threadId, authorId: who.authorId, body, at, sourceAuthor: 'sourceAuthor' in who ? (who.sourceAuthor ?? null) : null });
        }
        if (!restricted) for (const [name, id] of chosenAuthors) store.remember(facts.partnershipId, name, id, now);
        stores.audit.append({
          userId: user.id, partnershipId: facts.partnershipId, chapterId, action: 'chapter.imported',
          details: { fileName: h.fileName, sha256: h.sha256, mode: intoEmpty ? 'empty' : 'append', versionId, asSuggestions: restricted, wholeStrategy: !!o.strategyImport },
        });
      })();
      // Editors replace an empty chapter's placeholder paragraph; a suggester appends after it.
      if (intoEmpty && !restricted && fragment.length > 0) fragment.delete(0, fragment.length);
      insertContent(fragment, fragment.length, built.content);
    });
    collab.notifyChapter(chapterId, { type: 'versions-changed' });
    collab.notifyChapter(chapterId, { type: 'comments-changed' });
    return { chapterId, versionId, suggestions: countSuggestions(built.content), threads: built.quotes.size, figures: figures.size };
  }

  return {
    /** Access check before the body is read. */
    mayImport(user: UserRow, target: Target): void {
      if (target.chapterId) access(user, target.chapterId);
      else requireStrategy(services, user, target.strategyId!, 'manage-chapters');
    },

    async preview(user: UserRow, chapterId: string, bytes: Uint8Array, fileName: string): Promise<ImportPreviewDto> {
      const { facts, restricted } = access(user, chapterId);
      const { token, h } = await read(user, chapterId, bytes, fileName);
      const chapterEmpty = await collab.documents.read(chapterId, (d) => fragmentEmpty(d.getXmlFragment(DOCUMENT_FIELD)));
      return previewDto(token, h, { partnershipId: facts.partnershipId, strategyId: facts.strategyId, restricted, chapterEmpty });
    },

    async confirm(user: UserRow, chapterId: string, req: ImportConfirmRequest): Promise<ImportResultDto> {
      access(user, chapterId);
      const h = take(user, req.token, chapterId);
      const chapter = stores.chapters.chapterById(chapterId)!;
      // What to import: chosen sections; a section titled like the chapter drops its title.
      const sections = sectionsOf(h.doc.blocks);
      const chosen = req.sections ? sections.filter((s) => req.sections!.includes(s.index)) : sections;
      if (chosen.length === 0) throw validationFailed([{ path: 'sections', message: 'choose at least one section' }]);
      const blocks: Block[] = chosen.flatMap((s) => (s.heading && !(s.title && sameTitle(s.title, chapter.title)) ? [s.heading, ...s.blocks] : s.blocks));
      const result = await importBlocks(user, chapterId, h, blocks, { mode: req.mode, authors: req.authors, alts: req.alts });
      held.delete(req.token);
      return result;
    },

    /** Whole-strategy import: the coordinator's preview of a file to be split by its top-level headings. */
    async previewStrategy(user: UserRow, strategyId: string, bytes: Uint8Array, fileName: string): Promise<ImportPreviewDto> {
      const { strategy } = requireStrategy(services, user, strategyId, 'manage-chapters');
      const { token, h } = await read(user, `strategy:${strategyId}`, bytes, fileName);
      return previewDto(token, h, { partnershipId: strategy.partnership_id, strategyId, restricted: false, chapterEmpty: false });
    },

    /**
     * Writes each mapped section into its chapter (at its end, or into it when empty) or into a
     * new chapter titled by the section; sections left out of the mapping are skipped.
     */
    async confirmStrategy(user: UserRow, strategyId: string, req: ImportStrategyRequest): Promise<ImportStrategyResultDto> {
      const { strategy } = requireStrategy(services, user, strategyId, 'manage-chapters');
      const h = take(user, req.token, `strategy:${strategyId}`);
      const sections = sectionsOf(h.doc.blocks);
      const ofStrategy = new Set(stores.chapters.chaptersOfStrategy(strategyId).map((c) => c.id));
      req.mapping.forEach((m, i) => {
        if (!sections[m.section]) throw validationFailed([{ path: `mapping.${i}.section`, message: 'no such section' }]);
        if (m.chapterId !== null && !ofStrategy.has(m.chapterId)) throw validationFailed([{ path: `mapping.${i}.chapterId`, message: 'not a chapter of this strategy' }]);
      });
      // Everything that could refuse is checked before the first chapter is written: access to
      // each target chapter (frozen, no edit or suggest right) and the text alternatives.
      for (const m of req.mapping) if (m.chapterId !== null) access(user, m.chapterId);
      const given = new Set(req.alts.map((a) => a.index));
      const used = new Set<number>();
      const collect = (bs: Block[]) => {
        for (const b of bs) {
          if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) collect(c.blocks);
          else for (const i of b.inlines) if (i.type === 'image') used.add(i.image);
        }
      };
      for (const m of req.mapping) collect(sections[m.section].blocks);
      const missing = [...used].filter((i) => !given.has(i) && !h.doc.images[i]?.alt);
      if (missing.length) throw validationFailed(missing.map((i) => ({ path: `alts.${i}`, message: 'a text alternative is required' })));
      held.delete(req.token);
      const results: ImportResultDto[] = [];
      for (const m of req.mapping) {
        const s = sections[m.section];
        let chapterId = m.chapterId;
        if (chapterId === null) {
          const title = normaliseText(m.title ?? s.title ?? h.fileName.replace(/\.docx$/i, ''), { lines: false }).slice(0, 200) || 'Rozdział z importu';
          chapterId = stores.chapters.appendChapter(strategyId, title, clock());
          stores.audit.append({ userId: user.id, partnershipId: strategy.partnership_id, chapterId, action: 'chapter.created', details: { title, imported: h.fileName } });
        }
        results.push(await importBlocks(user, chapterId, h, s.blocks, { mode: 'auto', authors: req.authors, alts: req.alts, strategyImport: true }));
      }
      return { chapters: results };
    },
  };
}

function countSuggestions(nodes: ProseMirrorJson[]): number {
  const ids = new Set<string>();
  const walk = (n: ProseMirrorJson) => {
    const s = n.attrs?.suggestion as { id?: string } | undefined;
    if (s?.id) ids.add(s.id);
    for (const m of n.marks ?? []) if (m.type.startsWith('suggestion') && typeof m.attrs?.id === 'string') ids.add(m.attrs.id);
    n.content?.forEach(walk);
  };
  nodes.forEach(walk);
  return ids.size;
}
