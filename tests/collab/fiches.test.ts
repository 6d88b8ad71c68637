/**
 * A key-project fiche edited live (issue 19), over real sockets: an in-process server on port 0
 * and unmodified y-websocket clients. Two editors and an expert work on one fiche at once:
 * - the editors' text (in the fiche's sections) and structured fields (the `fiche` map) converge
 *   at every client and in storage;
 * - the expert's text change is a tracked suggestion, accepted like in a chapter;
 * - the expert's direct change of an amount, written by hand into the map, is refused and never
 *   reaches anyone; an editor's invalid value (a fractional amount) is refused too;
 * - the expert proposes the amount over HTTP and an editor's acceptance reaches every client live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD, RejectReason } from '../../shared/protocol.ts';
import { SUGGESTION_INSERT_MARK } from '../../shared/annotations.ts';
import { FICHE_MAP } from '../../shared/projects/fiche.ts';
import type { FicheDto } from '../../shared/projects/api.ts';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, waitFor } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { DEMO } from '../helpers/demo.ts';

let server: InProcessServer;
const cookie: Record<string, string> = {};
const all: TestClient[] = [];
let ficheId: string;
let expertId: string;

function client(who: string): TestClient {
  const c = connectClient(server.wsUrl, ficheId, { cookie: cookie[who], extended: true });
  all.push(c);
  return c;
}

async function api(method: string, path: string, who: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method,
    headers: { cookie: cookie[who], ...(body === undefined ? {} : { 'content-type': 'application/json' }), origin: server.url },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The paragraph under the section heading `title` of a fiche's text. */
function sectionText(doc: Y.Doc, title: string): Y.XmlText {
  const nodes = doc.getXmlFragment(DOCUMENT_FIELD).toArray() as Y.XmlElement[];
  const i = nodes.findIndex((n) => n.nodeName === 'heading' && n.toString().includes(title));
  const p = nodes[i + 1];
  let t = p.get(0) as Y.XmlText | undefined;
  if (!t) {
    t = new Y.XmlText();
    p.insert(0, [t]);
  }
  return t;
}

const fields = (doc: Y.Doc) => doc.getMap(FICHE_MAP).toJSON() as Record<string, unknown>;

beforeAll(async () => {
  server = await startInProcessServer({ env: { LOG_LEVEL: process.env.TEST_LOG ?? 'error' } });
  for (const who of [DEMO.editorTuczno, DEMO.editorCzlopa, DEMO.expert, DEMO.coordinator]) cookie[who] = await login(server.url, who);
  const me = (await (await api('GET', '/auth/me', DEMO.expert)).json()) as { user: { id: string } };
  expertId = me.user.id;
  const strategies = (await (await api('GET', '/strategies', DEMO.editorTuczno)).json()) as { id: string }[];
  const created = await api('POST', `/strategies/${strategies[0].id}/projects`, DEMO.editorTuczno, { title: 'Wspólne centrum usług' });
  expect(created.status).toBe(201);
  ficheId = ((await created.json()) as { id: string }).id;
});

afterAll(async () => {
  for (const c of all) c.destroy();
  await server.close();
});

describe('a fiche co-edited by two editors and an expert', () => {
  it('converges text and structured fields, keeps the expert to suggestions and proposals', async () => {
    const a = client(DEMO.editorTuczno);
    const b = client(DEMO.editorCzlopa);
    const e = client(DEMO.expert);
    await Promise.all([a.synced(), b.synced(), e.synced()]);
    expect(fields(a.doc).title).toBe('Wspólne centrum usług');

    // At once: A writes the problem, B the scope, A sets the cost, B the funding, E suggests in the objective.
    sectionText(a.doc, 'Problem i uzasadnienie').insert(0, 'Brak wspólnego punktu obsługi mieszkańców.');
    sectionText(b.doc, 'Zakres rzeczowy').insert(0, 'Remont budynku i wyposażenie.');
    a.doc.getMap(FICHE_MAP).set('totalCostGrosze', 1_000_000_30);
    b.doc.getMap(FICHE_MAP).set('funding', { eu: 850_000_00, national: 0, kpo: 0, own: 150_000_20, other: 10 });
    sectionText(e.doc, 'Cel projektu').insert(0, 'Skrócenie czasu obsługi.', {
      [SUGGESTION_INSERT_MARK]: { id: 'fiche-sugestia-1', authorId: expertId, createdAt: new Date().toISOString() },
    });

    const same = () => {
      const docs = [a.doc, b.doc, e.doc];
      const texts = docs.map((d) => d.getXmlFragment(DOCUMENT_FIELD).toString());
      const maps = docs.map((d) => JSON.stringify(fields(d), Object.keys(fields(d)).sort()));
      return texts.every((t) => t === texts[0]) && maps.every((m) => m === maps[0])
        && texts[0].includes('Brak wspólnego') && texts[0].includes('Remont budynku') && texts[0].includes('Skrócenie czasu')
        && fields(a.doc).totalCostGrosze === 1_000_000_30 && (fields(a.doc).funding as { other: number }).other === 10;
    };
    await waitFor(same, 'text and fields converge at the three clients');
    expect([a, b, e].flatMap((c) => c.received.rejected)).toEqual([]);

    // Stored: a fresh client and the API read the same.
    const fresh = client(DEMO.coordinator);
    await fresh.synced();
    expect(fresh.doc.getXmlFragment(DOCUMENT_FIELD).toString()).toBe(a.doc.getXmlFragment(DOCUMENT_FIELD).toString());
    const dto = (await (await api('GET', `/projects/${ficheId}`, DEMO.coordinator)).json()) as FicheDto;
    expect(dto.fields.totalCostGrosze).toBe(1_000_000_30);
    expect(dto.balance.fundingDifference).toBe(0);
    expect(dto.balance.partnersDifference).toBe(-1_000_000_30);

    // The expert's suggestion is accepted like any chapter suggestion.
    const decided = await api('POST', `/chapters/${ficheId}/suggestions/decide`, DEMO.editorTuczno, { decision: 'accept', all: true });
    expect(decided.status).toBe(200);
    await waitFor(() => !a.doc.getXmlFragment(DOCUMENT_FIELD).toString().includes(SUGGESTION_INSERT_MARK), 'suggestion accepted at the editor');
  });

  it('refuses the expert’s hand-written change of an amount, and an editor’s fractional amount', async () => {
    const a = client(DEMO.editorTuczno);
    await a.synced();
    const before = JSON.stringify(fields(a.doc));

    const e = client(DEMO.expert);
    await e.synced();
    e.doc.getMap(FICHE_MAP).set('totalCostGrosze', 1);
    await waitFor(() => e.received.rejected.length > 0, 'the expert is refused');
    expect(e.received.rejected[0]).toBe(RejectReason.SuggestOnly);

    const bad = client(DEMO.editorCzlopa);
    await bad.synced();
    bad.doc.getMap(FICHE_MAP).set('totalCostGrosze', 10.5);
    await waitFor(() => bad.received.rejected.length > 0, 'the fractional amount is refused');
    expect(bad.received.rejected[0]).toBe(RejectReason.Invalid);

    await new Promise((r) => setTimeout(r, 150));
    expect(JSON.stringify(fields(a.doc))).toBe(before);
    const probe = client(DEMO.coordinator);
    await probe.synced();
    expect(fields(probe.doc).totalCostGrosze).toBe(1_000_000_30);

    // The expert's way: a proposal over HTTP, accepted by an editor, reaches every open client.
    const proposed = await api('POST', `/projects/${ficheId}/proposals`, DEMO.expert, { field: 'totalCostGrosze', value: 1_000_000_20, note: 'Bez rezerwy' });
    expect(proposed.status).toBe(201);
    const { id } = (await proposed.json()) as { id: string };
    expect((await api('POST', `/projects/${ficheId}/proposals/${id}/accept`, DEMO.editorCzlopa)).status).toBe(200);
    await waitFor(() => fields(a.doc).totalCostGrosze === 1_000_000_20 && fields(probe.doc).totalCostGrosze === 1_000_000_20, 'accepted proposal at the clients');
  });
});
