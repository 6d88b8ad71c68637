/**
 * Fuzzing the collaboration socket while 5 honest people edit one chapter (in-process server,
 * so the watchdog measures the server's own event loop). Seeded; the seed is printed.
 *
 * Hostile frames come from writer and viewer sockets (tests/helpers/reliability/fuzz.ts):
 * random bytes, truncated and bit-flipped valid updates, empty updates, huge length prefixes,
 * every message type 0–255, garbage state vectors and awareness, and public crash reproducers.
 * After each hostile frame the lane sends a SaveQuery probe: the socket either answers it
 * (it survived a harmless frame) or is closed; the server's close frame must arrive within
 * 100 ms. The lanes and the honest people run in worker threads (fuzzLanes.ts, remoteCrowd.ts)
 * so that neither the attack's own work nor the people's editors load the event loop being
 * measured.
 * 10^4 frames in tier A, 10^5 in tier B, 100 per second.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, waitFor } from '../helpers/server.ts';
import { DEMO } from '../helpers/demo.ts';
import { appendParagraph, rawSocket } from '../helpers/yclient.ts';
import * as frames from '../helpers/frames.ts';
import { startRemoteCrowd, type RemoteCrowd } from '../helpers/reliability/remoteCrowd.ts';
import { rawTcpUpgrade, WS_FRAME_REPRODUCERS } from '../helpers/reliability/fuzz.ts';
import { openLaneSocket, runLanesInWorker } from '../helpers/reliability/fuzzLanes.ts';
import { activeHandleCount, startWatchdog, usedMemoryMiB } from '../helpers/reliability/watchdog.ts';
import { figure, LONG, percentile, r1, tier } from '../helpers/reliability/figures.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 9001);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? tier(10_000, 100_000));
const LANES = 4;
/**
 * Hostile frames per second over all lanes. The fuzzer is about what a frame contains; sheer
 * volume from one socket is cut off by the rate limit (floods.test.ts). The attacker runs on
 * the same two cores as the server, so an unpaced attacker would measure CPU sharing, not the
 * server's handling of bad input.
 */
const FRAMES_PER_SECOND = 100;
/** Latencies below this are timer and scheduling noise on a 2-core machine; the 2× rule applies above it. */
const LATENCY_FLOOR_MS = 10;

let server: InProcessServer | null = null;
let crowd: RemoteCrowd | null = null;
afterAll(async () => {
  await crowd?.close();
  await server?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`fuzzing the collaboration socket (seed ${SEED}, ${FRAMES} frames)`, () => {
  // Found by this fuzzer: the answer to sync step 1 waits for pending writes, and was encoded
  // from the client's state vector only then — a garbage vector threw inside the room's flush
  // (an uncaught exception) and withheld every other waiter's confirmation.
  it('a garbage state vector sent while writes are pending closes that socket only; others still get confirmations', async () => {
    let failing = false;
    const hooked = await startInProcessServer({ documentHooks: { beforeWrite: () => { if (failing) throw new Error('simulated'); } } });
    try {
      const cookie = await login(hooked.url, DEMO.editorTuczno);
      const chapterId = (await fetch(`${hooked.url}/api/strategies`, { headers: { cookie } }).then((r) => r.json()) as { chapters: { id: string }[] }[])[0].chapters[8].id;
      const honest = await openLaneSocket(hooked.wsUrl, chapterId, cookie);
      const hostile = await openLaneSocket(hooked.wsUrl, chapterId, cookie);
      await sleep(100);
      failing = true;
      const doc = new Y.Doc();
      appendParagraph(doc, 'czeka na zapis');
      honest.ws.send(frames.update(Y.encodeStateAsUpdate(doc)));
      const confirmed = new Promise<void>((r) => honest.saved.set(1, r));
      honest.ws.send(frames.saveQuery(1));
      hostile.ws.send(Uint8Array.from([0, 0, 2, 5, 1])); // sync step 1, state vector "5 clients" cut short
      const hostileClosed = await Promise.race([hostile.closed.then(() => true), sleep(1000).then(() => false)]);
      expect(hostileClosed).toBe(true);
      failing = false;
      await Promise.race([confirmed, sleep(5000).then(() => Promise.reject(new Error('honest confirmation withheld')))]);
      expect(honest.ws.readyState).toBe(honest.ws.OPEN);
      honest.ws.close();
    } finally {
      await hooked.close();
    }
  });

  // Found by this fuzzer: a bit-flipped update whose item has the same origin on both sides
  // was integrated order-dependently, so live editors and freshly loaded ones showed different
  // text although they held the same items. Such an update is refused and never stored.
  it('refuses an update whose items contradict their own neighbours, closing that socket and storing nothing', async () => {
    const inconsistent = Buffer.from(
      '0109948e9b97080007010764656661756c7403097061726167726170680700948e9b970800060400948e9b97080106726f7a77c3b384948e9b970806016ac4948e9b970806948e9b97080605676d696e6184948e9b97080707726f7a77c3b36a47948e9b97080003097061726167726170680700948e9b970813060400948e9b97081402c58200',
      'hex',
    );
    const s = await startInProcessServer();
    try {
      const cookie = await login(s.url, DEMO.editorTuczno);
      const chapterId = (await fetch(`${s.url}/api/strategies`, { headers: { cookie } }).then((r) => r.json()) as { chapters: { id: string }[] }[])[0].chapters[9].id;
      const sock = await openLaneSocket(s.wsUrl, chapterId, cookie);
      await sleep(100);
      const rowsBefore = s.services.stores.documents.updateCount(chapterId);
      sock.ws.send(frames.update(inconsistent));
      const closed = await Promise.race([sock.closed.then(() => true), sleep(2000).then(() => false)]);
      expect(closed).toBe(true);
      expect(s.services.stores.documents.updateCount(chapterId)).toBe(rowsBefore);
      expect(s.collab.registry.rooms.get(chapterId)?.doc.store.clients.has(2196162324) ?? false).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('never crashes or stalls, closes offenders within 100 ms, honest people converge at near-normal latency, memory returns', async () => {
    server = await startInProcessServer();
    // Baseline: the server alone. The chapter legitimately grows while people type, so memory
    // is compared once everyone has left and the chapter is unloaded again.
    const memBefore = usedMemoryMiB();
    // The honest people type from a worker thread: their editors are not the server's work.
    crowd = await startRemoteCrowd({ url: server.url, wsUrl: server.wsUrl, count: 5, chapterCount: 1 });
    const chapterId = crowd.chapters[0];
    const writerCookie = await login(server.url, DEMO.editorCzlopa);
    const viewerCookie = await login(server.url, DEMO.viewer);

    // Undisturbed run: the honest latency baseline.
    const baselineMs = tier(4000, 15_000);
    await crowd.startTyping(SEED);
    await sleep(baselineMs);
    const undisturbed = await crowd.stopTyping();
    await crowd.convergence(5000);
    const handlesBefore = activeHandleCount();

    const watchdog = startWatchdog();
    await crowd.startTyping(SEED + 1);
    const t0 = performance.now();
    const lanes = await runLanesInWorker(
      Array.from({ length: LANES }, (_, i) => ({
        wsUrl: server!.wsUrl,
        chapterId,
        cookie: i % 2 === 0 ? writerCookie : viewerCookie,
        seed: SEED * 100 + i,
        count: FRAMES / LANES,
        perSecond: FRAMES_PER_SECOND / LANES,
      })),
    );
    const fuzzMs = performance.now() - t0;
    const disturbed = await crowd.stopTyping();
    const convergeMs = await crowd.convergence(5000);
    const maxStallMs = watchdog.maxStallMs();
    watchdog.stop();

    await waitFor(() => server!.collab.registry.connections.size === crowd!.size, 'fuzz sockets to be gone', 5000);
    await sleep(200);
    const handlesAfter = activeHandleCount();
    const health = await fetch(`${server.url}/api/health`);
    await crowd.close();
    crowd = null;
    await waitFor(() => server!.collab.registry.rooms.size === 0 && server!.collab.registry.connections.size === 0, 'the chapter to unload', 10_000);
    await sleep(200);
    const memAfter = usedMemoryMiB();

    const closes = lanes.flatMap((l) => l.closes);
    const stuck = lanes.flatMap((l) => l.stuck);
    const byKind: Record<string, string> = {};
    for (const l of lanes) for (const [k, v] of Object.entries(l.byKind)) {
      const [s, c] = (byKind[k] ?? '0/0').split('/').map(Number);
      byKind[k] = `${s + v.sent}/${c + v.closed}`;
    }
    const p99Before = percentile(undisturbed, 99);
    const p99During = percentile(disturbed, 99);
    const result = {
      seed: SEED,
      frames: lanes.reduce((n, l) => n + l.sent, 0),
      fuzzSeconds: r1(fuzzMs / 1000),
      closed: closes.length,
      survived: lanes.reduce((n, l) => n + l.survived, 0),
      stuck: stuck.length,
      closeP99Ms: r1(percentile(closes, 99)),
      closeMaxMs: r1(Math.max(...closes)),
      maxStallMs: r1(maxStallMs),
      honestP99BeforeMs: r1(p99Before),
      honestP99DuringMs: r1(p99During),
      honestP99Ratio: r1(p99During / Math.max(p99Before, LATENCY_FLOOR_MS)),
      honestConvergeMs: r1(convergeMs),
      memoryBeforeMiB: r1(memBefore),
      memoryAfterMiB: r1(memAfter),
      handlesBefore,
      handlesAfter,
      sentClosedByKind: byKind,
    };
    figure('fuzzing', result);

    expect(health.status).toBe(200);
    expect(stuck, 'frames after which the socket neither answered nor closed').toEqual([]);
    expect(result.frames).toBe(FRAMES);
    expect(closes.length).toBeGreaterThan(FRAMES / 10);
    expect(maxStallMs).toBeLessThan(1000);
    expect(memAfter - memBefore).toBeLessThan(20);
    expect(percentile(closes, 99)).toBeLessThan(100);
    // The strict timing promises (every close within 100 ms; honest p99 within 2x of the
    // undisturbed run) are enforced in tier B, which is meant for a quiet machine. In tier A the
    // suite shares two cores with other test projects, so they are printed, not enforced
    // (docs/reliability.md records the latest values).
    if (LONG) {
      expect(Math.max(...closes)).toBeLessThan(100);
      expect(p99During).toBeLessThanOrEqual(2 * Math.max(p99Before, LATENCY_FLOOR_MS));
    }
  }, (FRAMES / FRAMES_PER_SECOND) * 1000 + 120_000);

  it('survives WebSocket framing errors from public crash reports, closing only that socket within 100 ms', async () => {
    server ??= await startInProcessServer();
    const cookie = await login(server.url, DEMO.editorTuczno);
    const chapterId = (await fetch(`${server.url}/api/strategies`, { headers: { cookie } }).then((r) => r.json()) as { chapters: { id: string }[] }[])[0].chapters[2].id;
    const port = Number(new URL(server.url).port);
    const times: Record<string, number> = {};
    for (const r of WS_FRAME_REPRODUCERS) {
      const socket = await rawTcpUpgrade(port, chapterId, cookie);
      const t0 = performance.now();
      // Closed = the server's close frame (opcode 8) arrives, or the TCP connection ends.
      const closed = new Promise<number>((resolve) => {
        socket.once('close', () => resolve(performance.now() - t0));
        socket.on('data', (d: Buffer) => {
          if ((d[0] & 0x0f) === 0x08) resolve(performance.now() - t0);
        });
      });
      socket.on('error', () => {});
      socket.write(r.bytes);
      const ms = await Promise.race([closed, sleep(1000).then(() => Infinity)]);
      socket.destroy();
      times[r.source] = r1(ms);
      expect(ms, r.source).toBeLessThan(100);
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    figure('fuzzing: WebSocket framing reproducers', { closeMs: times });
  });
});
