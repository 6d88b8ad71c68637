/**
 * The WebSocket upgrade as an access boundary (real sockets against the in-process server):
 *
 * - matrix: every chapter of both demo partnerships plus an unknown id × coordinator, editor,
 *   expert, viewer, member of another partnership, anonymous × read and write. Refusals are
 *   plain HTTP answers before the upgrade (401 anonymous; 404 for another partnership's
 *   chapter, byte-identical to an unknown id; no document bytes); admitted readers get the
 *   text; writes are stored only for roles with edit rights; experts' direct edits and
 *   viewers' edits are refused and never stored;
 * - a logged-out session cannot open a socket;
 * - cross-site WebSocket hijacking: a valid cookie with a foreign Origin, `null`, a look-alike
 *   domain, another scheme or port is refused with 403 before the upgrade; the app's own
 *   Origin and a non-browser client without Origin work; with PUBLIC_URL only it works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { getJson, login, waitFor } from '../helpers/server.ts';
import { DEMO } from '../helpers/demo.ts';
import { appendParagraph, rawSocket } from '../helpers/yclient.ts';
import * as frames from '../helpers/frames.ts';
import { MessageType } from '../../shared/protocol.ts';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import { figure } from '../helpers/reliability/figures.ts';
import { ACTOR_EMAIL, ACTOR_KINDS, type ActorKind } from '../helpers/demo.ts';

type Actor = ActorKind;
const ACTORS = ACTOR_KINDS;
const EMAIL = ACTOR_EMAIL;

let server: InProcessServer;
const cookies = new Map<Actor, string | undefined>();
let walcz: string[];
let drawsko: string[];
beforeAll(async () => {
  server = await startInProcessServer();
  for (const a of ACTORS) cookies.set(a, a === 'anonymous' ? undefined : await login(server.url, EMAIL[a as Exclude<Actor, 'anonymous'>]));
  walcz = (await getJson<StrategyDto[]>(server.url, '/api/strategies', cookies.get('coordinator')!))[0].chapters.map((c) => c.id);
  drawsko = (await getJson<StrategyDto[]>(server.url, '/api/strategies', cookies.get('other')!))[0].chapters.map((c) => c.id);
});
afterAll(async () => {
  await server.close();
});

interface Refusal {
  status: number;
  body: string;
}

async function open(chapterId: string, cookie: string | undefined, origin?: string): Promise<WebSocket | Refusal> {
  try {
    return await rawSocket(server.wsUrl, chapterId, { cookie, origin });
  } catch (err) {
    const e = err as { status?: number; body?: string };
    if (e.status === undefined) throw err;
    return { status: e.status, body: e.body ?? '' };
  }
}

const isSocket = (x: WebSocket | Refusal): x is WebSocket => 'readyState' in x;

/** Reads what an admitted socket gets: the server's sync step 2 (the text) and verdicts on a write. */
async function readAndWrite(ws: WebSocket, marker: string, write: boolean) {
  const got = frames.recorder(ws);
  ws.send(frames.hello());
  ws.send(frames.syncStep1(new Y.Doc()));
  await waitFor(() => got.some((f) => f.type === MessageType.Sync && f.syncType === 1), 'sync step 2', 5000);
  const step2 = got.find((f) => f.type === MessageType.Sync && f.syncType === 1)!;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, step2.payload!);
  const textBytes = doc.getXmlFragment('default').toString().length;
  let verdict: 'stored' | 'refused' | null = null;
  if (write) {
    const local = new Y.Doc();
    Y.applyUpdate(local, step2.payload!);
    const before = Y.encodeStateVector(local);
    appendParagraph(local, marker);
    ws.send(frames.update(Y.encodeStateAsUpdate(local, before)));
    ws.send(frames.saveQuery(7));
    await waitFor(() => got.some((f) => f.type === MessageType.Saved || f.type === MessageType.Rejected), 'verdict', 5000);
    await waitFor(() => got.some((f) => f.type === MessageType.Saved), 'saved', 5000);
    verdict = got.some((f) => f.type === MessageType.Rejected) ? 'refused' : 'stored';
  }
  ws.close();
  return { textBytes, verdict };
}

function storedText(chapterId: string): string {
  const loaded = server.services.stores.documents.load(chapterId);
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return doc.getXmlFragment('default').toString();
}

function expected(actor: Actor, chapterOf: 'walcz' | 'drawsko' | 'unknown'): { status: 'open' | 401 | 404; write: 'stored' | 'refused' } {
  if (actor === 'anonymous') return { status: 401, write: 'refused' };
  if (chapterOf === 'unknown') return { status: 404, write: 'refused' };
  const member = chapterOf === 'drawsko' ? actor === 'other' : actor !== 'other';
  if (!member) return { status: 404, write: 'refused' };
  // partner@inne.example is an editor in Drawsko.
  const canEdit = actor === 'coordinator' || actor === 'editor' || actor === 'other';
  return { status: 'open', write: canEdit ? 'stored' : 'refused' };
}

describe('WebSocket access matrix', () => {
  it('admits, refuses and stores exactly as the access policy says, for every chapter × person × read/write', async () => {
    const unknownBody = await open('nieznany1234567', cookies.get('viewer'));
    expect(isSocket(unknownBody)).toBe(false);
    let attempts = 0;
    const failures: string[] = [];
    const chapters: [string, 'walcz' | 'drawsko' | 'unknown'][] = [
      ...walcz.map((id) => [id, 'walcz'] as [string, 'walcz']),
      ...drawsko.map((id) => [id, 'drawsko'] as [string, 'drawsko']),
      ['nieznany1234567', 'unknown'],
      ['..%2F..%2Fetc', 'unknown'],
    ];
    for (const [chapterId, of] of chapters) {
      for (const actor of ACTORS) {
        for (const write of [false, true]) {
          attempts++;
          const exp = expected(actor, of);
          const marker = `wpis-${actor}-${attempts}`;
          const res = await open(chapterId, cookies.get(actor));
          const label = `${actor} ${write ? 'writes' : 'reads'} ${of} chapter ${chapterId}`;
          if (!isSocket(res)) {
            if (res.status !== exp.status) failures.push(`${label}: ${res.status}, expected ${exp.status}`);
            // A refusal carries no document bytes (node-ws answers refused upgrades with an empty body).
            if (res.body !== '' && !/^\{"error":\{"code":"[a-z_]+","message":"[a-z ]+"\}\}$/.test(res.body)) failures.push(`${label}: body ${res.body.slice(0, 80)}`);
            if (exp.status === 404 && res.body !== (unknownBody as Refusal).body) failures.push(`${label}: 404 body differs from an unknown id's`);
            continue;
          }
          if (exp.status !== 'open') {
            failures.push(`${label}: admitted, expected ${exp.status}`);
            res.terminate();
            continue;
          }
          const { verdict } = await readAndWrite(res, marker, write);
          if (write) {
            const stored = storedText(chapterId).includes(marker);
            if (verdict !== exp.write || stored !== (exp.write === 'stored')) failures.push(`${label}: ${verdict}, stored=${stored}, expected ${exp.write}`);
          }
        }
      }
    }
    figure('WebSocket access matrix', { attempts, wrong: failures.length, chapters: chapters.length, actors: ACTORS.length });
    expect(failures).toEqual([]);
    expect(attempts).toBeGreaterThanOrEqual(400);
  });

  it('refuses a logged-out session’s cookie at the upgrade (401)', async () => {
    const cookie = await login(server.url, DEMO.editorCzlopa);
    const ws = await open(walcz[2], cookie);
    expect(isSocket(ws)).toBe(true);
    (ws as WebSocket).close();
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    const again = await open(walcz[2], cookie);
    expect(isSocket(again)).toBe(false);
    expect((again as Refusal).status).toBe(401);
  });
});

describe('cross-site WebSocket hijacking', () => {
  const own = () => `http://127.0.0.1:${new URL(server.url).port}`;
  it.each([
    ['a foreign site', () => 'http://evil.example'],
    ['null (sandboxed frame, file://)', () => 'null'],
    ['a look-alike domain', () => `http://127.0.0.1:${new URL(server.url).port}.evil.example`],
    ['another scheme', () => `https://127.0.0.1:${new URL(server.url).port}`],
    ['another port', () => `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`],
  ])('refuses a valid session with the Origin of %s (403, before the upgrade)', async (_label, origin) => {
    const res = await open(walcz[3], cookies.get('editor'), origin());
    expect(isSocket(res)).toBe(false);
    expect((res as Refusal).status).toBe(403);
    expect((res as Refusal).body).not.toContain('<');
  });

  it('admits the app’s own Origin, and a non-browser client without one', async () => {
    for (const origin of [own(), undefined]) {
      const res = await open(walcz[3], cookies.get('editor'), origin);
      expect(isSocket(res)).toBe(true);
      (res as WebSocket).close();
    }
  });

  it('with PUBLIC_URL admits only the public origin, whatever the Host header says', async () => {
    const pub = await startInProcessServer({ env: { PUBLIC_URL: 'https://strategia.walcz.example', SEED_DEMO: '1' } });
    try {
      const cookie = await login(pub.url, DEMO.editorTuczno);
      const id = (await getJson<StrategyDto[]>(pub.url, '/api/strategies', cookie))[0].chapters[3].id;
      const ok = await rawSocket(pub.wsUrl, id, { cookie, origin: 'https://strategia.walcz.example' });
      ok.close();
      await expect(rawSocket(pub.wsUrl, id, { cookie, origin: `http://127.0.0.1:${new URL(pub.url).port}` })).rejects.toMatchObject({ status: 403 });
    } finally {
      await pub.close();
    }
  });
});
