/**
 * Personal calendar feeds of a partnership's procedure (docs/procedure.md "Calendar feed"):
 * - GET /partnerships/:id/calendar-feed: whether the person has one (members);
 * - POST /partnerships/:id/calendar-feed: makes a new secret address (the old one stops working);
 *   the address is in this answer only — the server keeps its hash;
 * - DELETE /partnerships/:id/calendar-feed: revokes it (the address then answers 404);
 * - GET /public/calendar/:token.ics: the feed, without a session (calendar apps have none),
 *   rate-limited per address; an unknown, malformed or revoked token, or a person who is no
 *   longer a member, answers the same 404.
 */
import { Hono, type Context } from 'hono';
import { CALENDAR_FEED_PATH, CALENDAR_FEED_TOKEN, CalendarFeedLimits, type CalendarFeedDto, type CreatedCalendarFeedDto } from '../../../shared/procedure/calendarFeed.ts';
import { mayInPartnership } from '../../auth/policy.ts';
import { BucketMap } from '../../auth/rateLimit.ts';
import { generateToken, hashToken } from '../../auth/sessions.ts';
import type { AppEnv } from '../../context.ts';
import { partnershipCalendar } from '../../procedure/calendarFeed.ts';
import type { Services } from '../../services.ts';
import type { CalendarFeedRow } from '../../storage/calendarFeeds.ts';
import { newId } from '../../storage/ids.ts';
import { requirePartnership } from '../../auth/access.ts';
import { notFound, rateLimited } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';

/** Random bytes of a feed token (256 bits). */
const FEED_TOKEN_BYTES = 32;

/**
 * The base of printed addresses: PUBLIC_URL, or without it (a developer's machine, tests on a
 * random port) the address this request came to.
 */
const baseOf = (services: Services, c: Context<AppEnv>) => services.config.publicOrigin ?? new URL(c.req.url).origin;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const toDto = (partnershipId: string, row: CalendarFeedRow | undefined): CalendarFeedDto => ({
  partnershipId,
  active: row !== undefined,
  createdAt: iso(row?.created_at ?? null),
});

export function calendarFeedRoutes(services: Services): Hono<AppEnv> {
  const { calendarFeeds, audit, partnerships } = services.stores;
  const reads = new BucketMap(CalendarFeedLimits.perAddress, services.clock);
  const app = new Hono<AppEnv>();

  app.get('/partnerships/:id/calendar-feed', (c) => {
    const user = currentUser(c);
    const { partnership } = requirePartnership(services, user, c.req.param('id'), 'read');
    return c.json(toDto(partnership.id, calendarFeeds.active(user.id, partnership.id)));
  });

  app.post('/partnerships/:id/calendar-feed', (c) => {
    const user = currentUser(c);
    const { partnership } = requirePartnership(services, user, c.req.param('id'), 'read');
    const token = generateToken(FEED_TOKEN_BYTES);
    const replaced = calendarFeeds.active(user.id, partnership.id) !== undefined;
    calendarFeeds.create({ id: newId(), userId: user.id, partnershipId: partnership.id, tokenHash: hashToken(token), at: services.clock() });
    audit.append({ userId: user.id, partnershipId: partnership.id, action: 'calendar_feed.created', details: { replaced } });
    const body: CreatedCalendarFeedDto = {
      ...toDto(partnership.id, calendarFeeds.active(user.id, partnership.id)),
      url: `${baseOf(services, c)}${CALENDAR_FEED_PATH}${token}.ics`,
    };
    return c.json(body, 201);
  });

  app.delete('/partnerships/:id/calendar-feed', (c) => {
    const user = currentUser(c);
    const { partnership } = requirePartnership(services, user, c.req.param('id'), 'read');
    if (!calendarFeeds.revoke(user.id, partnership.id, services.clock())) throw notFound('No calendar feed to revoke.');
    audit.append({ userId: user.id, partnershipId: partnership.id, action: 'calendar_feed.revoked', details: {} });
    return c.body(null, 204);
  });

  app.get('/public/calendar/:file', async (c) => {
    const address = c.get('clientIp') ?? 'unknown';
    if (!reads.take(address)) throw rateLimited(Math.max(1, Math.ceil(reads.waitMs(address) / 1000)));
    const file = c.req.param('file');
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    if (!CALENDAR_FEED_TOKEN.test(token)) throw notFound('No such calendar.');
    const feed = calendarFeeds.byHash(hashToken(token));
    // A person who left the partnership (or was deactivated) no longer reads its calendar.
    if (!feed || !mayInPartnership(partnerships.roleOf(feed.partnership_id, feed.user_id), 'read')) throw notFound('No such calendar.');
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Content-Disposition', 'inline; filename="procedura.ics"');
    c.header('X-Robots-Tag', 'noindex');
    return c.body(await partnershipCalendar(services, feed.partnership_id, baseOf(services, c)));
  });

  return app;
}
