/**
 * Chapter versions (docs/versions.md): list, save a named version, open one, compare two
 * (or one with the current text), restore one.
 *
 * Saving and restoring need the right to edit the text (editors and coordinators; never
 * experts or viewers); on a frozen chapter they are refused with 409 `chapter_frozen`.
 * Reading history needs only read access.
 */
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { CompareQuery, CreateVersionRequest } from '../../../shared/api.ts';
import type { RestoreResponse, VersionListResponse } from '../../../shared/apiTypes.ts';
import type { AppEnv, CollabControl, UserRow } from '../../context.ts';
import type { Services } from '../../services.ts';
import { chapterPermissions } from '../../auth/policy.ts';
import type { ChapterAccessRow } from '../../storage/chapters.ts';
import { compareVersions } from '../../versions/compare.ts';
import { versionDto, versionSummaries } from '../../versions/dto.ts';
import { restoreVersion, saveVersion } from '../../versions/service.ts';
import { requireChapter } from '../../auth/access.ts';
import { chapterFrozen, forbidden, internal, notFound, validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { fieldIssues, readJson } from '../validate.ts';

/** Parses the query string with `schema`; failures become 400 `validation_failed`. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationFailed(fieldIssues(parsed.error));
  return parsed.data;
}

/**
 * A change to the text by this person: their role must allow editing (the suggest lock too,
 * when `respectSuggestLock`); a frozen chapter answers 409 rather than 403, so the client can
 * say why.
 */
export function requireTextChange(services: Services, user: UserRow, chapterId: string, respectSuggestLock: boolean): ChapterAccessRow {
  const { facts } = requireChapter(services, user, chapterId, 'read');
  const unfrozen = chapterPermissions({ role: facts.role, frozen: false, suggestLock: respectSuggestLock && facts.suggestLock });
  if (!unfrozen.edit) throw forbidden();
  if (facts.frozen) throw chapterFrozen();
  return facts;
}

export function versionRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const store = services.stores.versions;
  const ctx = { services, collab };
  const app = new Hono<AppEnv>();

  app.get('/chapters/:id/versions', (c) => {
    const { facts } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
    const body: VersionListResponse = { chapterId: facts.chapterId, versions: versionSummaries(store, facts.chapterId) };
    return c.json(body);
  });

  app.post('/chapters/:id/versions', async (c) => {
    const user = currentUser(c);
    // Naming a version leaves the text as it is, so a suggest lock does not stop it.
    const facts = requireTextChange(services, user, c.req.param('id'), false);
    const { name } = await readJson(c, CreateVersionRequest);
    const id = await saveVersion(ctx, facts.chapterId, { kind: 'named', name, userId: user.id, partnershipId: facts.partnershipId });
    const row = id ? store.byId(id) : undefined;
    if (!row) throw internal();
    return c.json(versionDto(store, row), 201);
  });

  app.get('/chapters/:id/compare', async (c) => {
    const { facts } = requireChapter(services, currentUser(c), c.req.param('id'), 'read');
    const { from, to } = readQuery(c, CompareQuery);
    return c.json(await compareVersions(ctx, facts.chapterId, from, to));
  });

  const versionFor = (c: Context<AppEnv>) => {
    const row = store.byId(c.req.param('id') ?? '');
    if (!row) throw notFound('No such version.');
    return row;
  };

  app.get('/versions/:id', (c) => {
    const user = currentUser(c);
    const row = versionFor(c);
    requireChapter(services, user, row.chapter_id, 'read');
    return c.json(versionDto(store, row));
  });

  app.post('/versions/:id/restore', async (c) => {
    const user = currentUser(c);
    const row = versionFor(c);
    const facts = requireTextChange(services, user, row.chapter_id, true);
    const { previousVersionId } = await restoreVersion(ctx, row, { userId: user.id, partnershipId: facts.partnershipId });
    const body: RestoreResponse = { restoredVersionId: row.id, previousVersionId };
    return c.json(body);
  });

  return app;
}
