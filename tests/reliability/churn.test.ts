/**
 * Churn: many short connections over 100 chapters (in-process server), including refused
 * upgrades (anonymous 401, another partnership 404), failed loads (the loader throws for 5 of
 * the chapters), sockets dropped without a close frame and sockets closed before their
 * chapter finished loading. Afterwards no room is loaded, no connection is tracked, the number
 * of live handles is back to where it was and memory is back within 30 MiB.
 * Tier A: 5,000 connections (scaled down to keep `npm test` short); tier B: 10,000 (the figure).
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { getJson, login, waitFor } from '../helpers/server.ts';
import { DEMO } from '../helpers/demo.ts';
import { socketClass } from '../helpers/yclient.ts';
import * as frames from '../helpers/frames.ts';
import * as Y from 'yjs';
import { COLLAB_PATH } from '../../shared/protocol.ts';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import { activeHandleCount, usedMemoryMiB } from '../helpers/reliability/watchdog.ts';
import { figure, r1, tier } from '../helpers/reliability/figures.ts';
import { mulberry32 } from '../helpers/random.ts';

const CONNECTIONS = tier(5000, 10_000);
const LANES = 20;
const broken = new Set<string>();
let server: InProcessServer | null = null;
afterAll(async () => {
  await server?.close();
});

type Outcome = 'synced' | 'refused-401' | 'refused-404' | 'load-failed' | 'dropped' | 'early-close' | 'other';

/** One short visit: open, ask for the document, leave in the given manner. */
function visit(wsUrl: string, chapterId: string, cookie: string | undefined, manner: 'normal' | 'drop' | 'early'): Promise<Outcome> {
  return new Promise((resolve) => {
    const Cls = socketClass({ cookie });
    const ws = new Cls(`${wsUrl}${COLLAB_PATH}/${chapterId}`);
    ws.binaryType = 'arraybuffer';
    const done = (o: Outcome) => {
      resolve(o);
    };
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      done(res.statusCode === 401 ? 'refused-401' : res.statusCode === 404 ? 'refused-404' : 'other');
    });
    ws.once('error', () => done('other'));
    ws.once('open', () => {
      if (manner === 'early') {
        ws.close();
        ws.once('close', () => done('early-close'));
        return;
      }
      ws.send(frames.syncStep1(new Y.Doc()));
      ws.once('close', (code) => done(code === 4001 ? 'load-failed' : 'other'));
      ws.once('message', () => {
        ws.removeAllListeners('close');
        if (manner === 'drop') {
          ws.terminate();
          done('dropped');
        } else {
          ws.close();
          ws.once('close', () => done('synced'));
        }
      });
    });
  }) as Promise<Outcome>;
}

describe(`churn: ${CONNECTIONS} connections over 100 chapters`, () => {
  it('leaves no room loaded, no connection, no handle and no memory behind', async () => {
    server = await startInProcessServer({
      beforeLoad: (id) => {
        if (broken.has(id)) throw new Error('simulated unreadable document');
      },
    });
    const coordinator = await login(server.url, DEMO.coordinator);
    const editor = await login(server.url, DEMO.editorTuczno);
    const outsider = await login(server.url, DEMO.otherPartnership);
    const strategy = (await getJson<StrategyDto[]>(server.url, '/api/strategies', coordinator))[0];
    for (let i = strategy.chapters.length; i < 100; i++) {
      const res = await fetch(`${server.url}/api/strategies/${strategy.id}/chapters`, {
        method: 'POST',
        headers: { cookie: coordinator, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Rozdział ${i + 1}` }),
      });
      expect(res.status).toBeLessThan(300);
    }
    const chapters = (await getJson<StrategyDto[]>(server.url, '/api/strategies', coordinator))[0].chapters.map((c) => c.id);
    expect(chapters).toHaveLength(100);
    for (const id of chapters.slice(95)) broken.add(id);

    // Warm up (module caches, prepared statements), then take the baseline.
    for (let i = 0; i < 50; i++) await visit(server.wsUrl, chapters[i % 90], editor, 'normal');
    await waitFor(() => server!.collab.registry.rooms.size === 0, 'warm-up rooms to unload');
    const memBefore = usedMemoryMiB();
    const handlesBefore = activeHandleCount();

    const rnd = mulberry32(4242);
    const counts: Record<Outcome, number> = { synced: 0, 'refused-401': 0, 'refused-404': 0, 'load-failed': 0, dropped: 0, 'early-close': 0, other: 0 };
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (next < CONNECTIONS) {
          const i = next++;
          const chapterId = chapters[i % 100];
          const r = rnd();
          const who = r < 0.1 ? undefined : r < 0.2 ? outsider : editor;
          const manner = rnd() < 0.15 ? 'drop' : rnd() < 0.1 ? 'early' : 'normal';
          counts[await visit(server!.wsUrl, chapterId, who, manner)]++;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await waitFor(
      () => server!.collab.registry.rooms.size === 0 && server!.collab.registry.connections.size === 0,
      'every room to unload and every connection to be forgotten',
      10_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const handlesAfter = activeHandleCount();
    const memAfter = usedMemoryMiB();
    figure('churn', {
      connections: CONNECTIONS,
      seconds: r1(seconds),
      outcomes: counts,
      roomsLoadedAfter: server.collab.registry.rooms.size,
      handlesBefore,
      handlesAfter,
      memoryBeforeMiB: r1(memBefore),
      memoryAfterMiB: r1(memAfter),
    });
    expect(counts.other).toBe(0);
    expect(counts['refused-401']).toBeGreaterThan(0);
    expect(counts['refused-404']).toBeGreaterThan(0);
    expect(counts['load-failed']).toBeGreaterThan(0);
    expect(counts.dropped).toBeGreaterThan(0);
    expect(handlesAfter).toBeLessThanOrEqual(handlesBefore);
    expect(memAfter - memBefore).toBeLessThan(30);
  });
});
