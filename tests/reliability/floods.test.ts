/**
 * Floods against the collaboration endpoint (in-process server):
 * - a frame announcing more than Limits.maxFrameBytes is refused from its header alone;
 * - 5,000 frames per second from one socket are slowed to the sustained rate, in order, without
 *   closing the socket (a stock client never reconnects after a 44xx close);
 * - one address opening 500 sockets gets Limits.maxSocketsPerAddress of them, the rest 429;
 * - meanwhile people on other chapters keep editing with their updates relayed.
 * The attacker connects from 127.0.0.2 (another loopback address), the honest people from 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, waitFor } from '../helpers/server.ts';
import { chapterIds, DEMO } from '../helpers/demo.ts';
import { appendParagraph, connectClient, type TestClient } from '../helpers/yclient.ts';
import * as frames from '../helpers/frames.ts';
import { COLLAB_PATH, MessageType } from '../../shared/protocol.ts';
import { Limits } from '../../shared/limits.ts';
import { rawTcpUpgrade } from '../helpers/reliability/fuzz.ts';
import { usedMemoryMiB } from '../helpers/reliability/watchdog.ts';
import { figure, r1 } from '../helpers/reliability/figures.ts';

const ATTACKER = '127.0.0.2';
let server: InProcessServer;
let cookie: string;
let chapters: string[];
let honest: TestClient[] = [];

beforeAll(async () => {
  server = await startInProcessServer();
  cookie = await login(server.url, DEMO.editorTuczno);
  chapters = await chapterIds(server.url, cookie);
  const other = await login(server.url, DEMO.editorCzlopa);
  honest = [connectClient(server.wsUrl, chapters[10], { cookie: other }), connectClient(server.wsUrl, chapters[10], { cookie })];
  await Promise.all(honest.map((c) => c.synced()));
});
afterAll(async () => {
  for (const c of honest) c.destroy();
  await server.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Honest people on another chapter still see each other's edits promptly. */
async function honestRelayMs(label: string): Promise<number> {
  const t0 = performance.now();
  appendParagraph(honest[0].doc, label);
  await waitFor(() => honest[1].text().includes(label), `relay of "${label}"`, 2000, 5);
  return performance.now() - t0;
}

function attackerSocket(chapterId: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}${COLLAB_PATH}/${chapterId}`, { headers: { cookie }, localAddress: ATTACKER });
    ws.binaryType = 'arraybuffer';
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}

describe('floods', () => {
  it('refuses a frame announcing more than the limit from its header, before any payload arrives', async () => {
    const memBefore = usedMemoryMiB();
    const socket = await rawTcpUpgrade(Number(new URL(server.url).port), chapters[4], cookie);
    const t0 = performance.now();
    const size = Limits.maxFrameBytes + 1;
    // Binary frame, masked, 64-bit length; only the header and 4 payload bytes are ever sent.
    const header = Buffer.alloc(14);
    header[0] = 0x82;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(size), 2);
    header.writeUInt32BE(0x01020304, 10);
    const answer = new Promise<{ code: number; ms: number }>((resolve) => {
      socket.on('data', (d: Buffer) => {
        if ((d[0] & 0x0f) === 0x08) resolve({ code: d.readUInt16BE(2), ms: performance.now() - t0 });
      });
      socket.on('error', () => {});
    });
    socket.write(Buffer.concat([header, Buffer.from([1, 2, 3, 4])]));
    const { code, ms } = await answer;
    socket.destroy();
    expect(code).toBe(1009); // message too big
    expect(ms).toBeLessThan(100);
    const grewMiB = usedMemoryMiB() - memBefore;
    expect(grewMiB).toBeLessThan(Limits.maxFrameBytes / 1024 / 1024 / 2);
    figure('flood: oversized frame', { announcedBytes: size, closeCode: code, refusedAfterMs: r1(ms), memoryGrowthMiB: r1(grewMiB), relayMs: r1(await honestRelayMs('po dużej ramce')) });
  });

  it('slows a socket sending 5,000 frames per second to the sustained rate, in order and without closing it; others are unaffected', async () => {
    const ws = await attackerSocket(chapters[4]);
    let closedWith: number | null = null;
    ws.once('close', (code) => (closedWith = code));
    const got = frames.recorder(ws);
    ws.send(frames.hello());
    let sent = 0;
    const t0 = performance.now();
    // 50 frames every 10 ms = 5,000 per second, for 3 s.
    const timer = setInterval(() => {
      for (let i = 0; i < 50 && ws.readyState === ws.OPEN; i++) ws.send(frames.saveQuery(++sent));
    }, 10);
    const relayMs = await honestRelayMs('w czasie zalewu');
    await sleep(3000 - (performance.now() - t0));
    clearInterval(timer);
    const seconds = (performance.now() - t0) / 1000;
    const nonces = got.filter((f) => f.type === MessageType.Saved).map((f) => f.nonce!);
    expect(closedWith).toBeNull();
    expect(ws.readyState).toBe(ws.OPEN);
    expect(nonces).toEqual(nonces.map((_, i) => i + 1));
    const ceiling = Limits.messageBurst + Math.ceil(Limits.messagesPerSecond * seconds * 1.2);
    expect(nonces.length).toBeLessThanOrEqual(ceiling);
    expect(sent).toBeGreaterThan(ceiling);
    ws.terminate();
    figure('flood: 5,000 frames/s', { seconds: r1(seconds), framesSent: sent, answered: nonces.length, answeredCeiling: ceiling, closed: closedWith ?? 'no', honestRelayDuringMs: r1(relayMs) });
  });

  it(`limits one address opening 500 sockets to ${Limits.maxSocketsPerAddress}; other addresses and chapters are unaffected`, async () => {
    const opened: WebSocket[] = [];
    const statuses = new Map<number, number>();
    const t0 = performance.now();
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => attackerSocket(chapters[(batch * 50 + i) % 8])));
      for (const r of results) {
        if (r.status === 'fulfilled') opened.push(r.value);
        else statuses.set((r.reason as { status?: number }).status ?? 0, (statuses.get((r.reason as { status?: number }).status ?? 0) ?? 0) + 1);
      }
    }
    const openMs = performance.now() - t0;
    expect(opened.length).toBe(Limits.maxSocketsPerAddress);
    expect(Object.fromEntries(statuses)).toEqual({ 429: 500 - Limits.maxSocketsPerAddress });
    // Another address still gets in, and people on another chapter keep editing.
    const fresh = connectClient(server.wsUrl, chapters[11], { cookie });
    await fresh.synced();
    fresh.destroy();
    const relayMs = await honestRelayMs('przy 500 gniazdach');
    for (const ws of opened) ws.terminate();
    await waitFor(() => server.collab.registry.connections.size === honest.length, 'attacker sockets to be gone', 5000);
    // The address's count is released: it may connect again.
    const again = await attackerSocket(chapters[5]);
    again.close();
    figure('flood: 500 sockets from one address', { opened: opened.length, refused429: statuses.get(429) ?? 0, openSeconds: r1(openMs / 1000), honestRelayMs: r1(relayMs) });
  });
});
