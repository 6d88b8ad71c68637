/**
 * The partnership's audit log for coordinators: filtered JSON and a CSV download.
 * `GET /api/partnerships/:id/audit?chapterId=&action=&from=&to=&limit=` and `…/audit.csv`.
 */
import { Hono, type Context } from 'hono';
import { AuditQuery } from '../../../shared/api.ts';
import type { AuditEntryDto, AuditListResponse } from '../../../shared/apiTypes.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import type { AuditFilter } from '../../storage/audit.ts';
import { auditCsv } from '../../audit/csv.ts';
import { personLookup } from '../../versions/dto.ts';
import { requirePartnership } from '../../auth/access.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readQuery } from './versions.ts';

const DAY_MS = 24 * 3600_000;
/** Most entries one CSV download holds (newest first). */
const CSV_MAX_ENTRIES = 100_000;

/** A day means that whole UTC day: from its start, to (exclusive) the next day's start. */
function timeOf(value: string | undefined, end: boolean): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return value.length === 10 && end ? ms + DAY_MS : ms;
}

export function auditRoutes(services: Services): Hono<AppEnv> {
  const { audit, chapters } = services.stores;
  const versions = services.stores.versions;
  const app = new Hono<AppEnv>();

  const request = (c: Context<AppEnv>) => {
    const { partnership } = requirePartnership(services, currentUser(c), c.req.param('id') ?? '', 'read-audit');
    const q = readQuery(c, AuditQuery);
    const filter: AuditFilter = {
      partnershipId: partnership.id,
      chapterId: q.chapterId,
      action: q.action,
      since: timeOf(q.from, false),
      until: timeOf(q.to, true),
    };
    return { partnership, filter, limit: q.limit };
  };

  const toDtos = (records: ReturnType<typeof audit.list>): AuditEntryDto[] => {
    const person = personLookup(versions);
    const titles = new Map<string, string | null>();
    const title = (id: string | null) => {
      if (!id) return null;
      if (!titles.has(id)) titles.set(id, chapters.chapterById(id)?.title ?? null);
      return titles.get(id) ?? null;
    };
    return records.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      action: r.action,
      actor: person(r.userId),
      chapterId: r.chapterId,
      chapterTitle: title(r.chapterId),
      details: r.details,
    }));
  };

  app.get('/partnerships/:id/audit', (c) => {
    const { partnership, filter, limit } = request(c);
    const body: AuditListResponse = { partnershipId: partnership.id, entries: toDtos(audit.list({ ...filter, limit: limit ?? 100 })) };
    return c.json(body);
  });

  app.get('/partnerships/:id/audit.csv', (c) => {
    const { filter } = request(c);
    const records: ReturnType<typeof audit.list> = [];
    // Page through by id: the store returns at most 1000 entries at a time.
    for (;;) {
      const page = audit.list({ ...filter, limit: 1000, beforeId: records.at(-1)?.id });
      records.push(...page);
      if (page.length < 1000 || records.length >= CSV_MAX_ENTRIES) break;
    }
    const day = new Date(services.clock()).toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="dziennik-zdarzen-${day}.csv"`);
    return c.body(auditCsv(toDtos(records)));
  });

  return app;
}
