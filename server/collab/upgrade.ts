/**
 * The WebSocket upgrade: authentication and authorization happen here, before any
 * document is loaded or any byte of it is sent. Refusals are plain HTTP answers:
 * 401 without a session, 403 for a foreign browser Origin, 404 for a chapter the person
 * cannot reach (whether or not it exists), 429 past the per-address socket limit.
 */
import type { Context, Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { AppEnv } from '../context.ts';
import type { Services } from '../services.ts';
import { COLLAB_PATH } from '../../shared/protocol.ts';
import { Limits } from '../../shared/limits.ts';
import { chapterPermissions } from '../auth/policy.ts';
import { isAllowedOrigin } from '../auth/origin.ts';
import { Connection } from './connection.ts';
import { colorFor } from './identity.ts';
import type { RoomRegistry } from './registry.ts';

const CHAPTER_ID = /^[a-z0-9_-]{1,64}$/i;

export interface UpgradeDeps {
  services: Services;
  registry: RoomRegistry;
  upgradeWebSocket: UpgradeWebSocket<WebSocket>;
  socketsByAddress: Map<string, number>;
}

function refuse(c: Context<AppEnv>, status: 401 | 403 | 404 | 426 | 429, code: string) {
  return c.json({ error: { code, message: code.replace(/_/g, ' ') } }, status);
}

export function mountCollabRoute(app: Hono<AppEnv>, deps: UpgradeDeps): void {
  const { services, registry, socketsByAddress } = deps;
  app.get(`${COLLAB_PATH}/:chapterId`, async (c, next) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return refuse(c, 426, 'upgrade_required');
    const origin = c.req.header('origin');
    if (origin !== undefined && !isAllowedOrigin(origin, c.req.header('host'), services.config)) {
      return refuse(c, 403, 'bad_origin');
    }
    const user = c.get('user');
    if (!user) return refuse(c, 401, 'unauthenticated');
    const chapterId = c.req.param('chapterId');
    if (!CHAPTER_ID.test(chapterId)) return refuse(c, 404, 'not_found');
    const facts = services.stores.chapters.accessFacts(chapterId, user.id);
    if (!facts || !facts.role || !chapterPermissions(facts).read) return refuse(c, 404, 'not_found');
    const address = c.get('clientIp');
    if ((socketsByAddress.get(address) ?? 0) >= Limits.maxSocketsPerAddress) return refuse(c, 429, 'rate_limited');
    const role = facts.role;

    // The events factory must stay free of side effects: node-ws may call it for plain GETs.
    const handler = deps.upgradeWebSocket(() => {
      let conn: Connection | null = null;
      return {
        onOpen(_evt, ws) {
          socketsByAddress.set(address, (socketsByAddress.get(address) ?? 0) + 1);
          conn = new Connection({
            ws: ws.raw as WebSocket,
            chapterId,
            partnershipId: facts.partnershipId,
            role,
            identity: { userId: user.id, name: user.name, organization: user.org_name, color: colorFor(user.id) },
            address,
            log: services.log,
          });
          void registry.join(conn);
        },
        onMessage(evt) {
          conn?.receive(evt.data);
        },
        onClose() {
          if (!conn) return;
          const n = (socketsByAddress.get(address) ?? 1) - 1;
          if (n <= 0) socketsByAddress.delete(address);
          else socketsByAddress.set(address, n);
          registry.leave(conn);
          conn = null;
        },
      };
    });
    return handler(c, next);
  });
}
