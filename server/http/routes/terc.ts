/**
 * GET /api/terc?q=…|code=…: powiats and gminas of the TERC list (issue 16), for
 * administrators and coordinators adding a local government to a partnership. Matches the
 * code's beginning or the name (ignoring case and Polish diacritics).
 */
import { Hono } from 'hono';
import { TercQuery } from '../../../shared/api.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { foldForSearch } from '../../comments/mentionable.ts';
import { TERC_SEARCH_MAX } from '../../storage/terc.ts';
import { requireTercLookup } from '../../auth/access.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { fieldIssues } from '../validate.ts';
import { validationFailed } from '../../errors.ts';

export function tercRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    requireTercLookup(services, currentUser(c));
    const parsed = TercQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(fieldIssues(parsed.error));
    const { q, code } = parsed.data;
    const { terc } = services.stores;
    if (code) {
      const unit = terc.byCode(code);
      return c.json(unit ? [unit] : []);
    }
    const needle = foldForSearch(q ?? '');
    const hits = terc.all().filter((u) => needle === '' || u.code.startsWith(needle) || foldForSearch(`${u.name} ${u.description}`).includes(needle));
    return c.json(hits.slice(0, TERC_SEARCH_MAX));
  });
  return app;
}
