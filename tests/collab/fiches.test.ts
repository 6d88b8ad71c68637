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
import type { FicheDto, PackageDto } from '../../shared/projects/api.ts';
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

describe('the demo package, seeded as on `npm start`', () => {
  it('links the demo fiches to the goals and directions of the demo text', async () => {
    const strategies = (await (await api('GET', '/strategies', DEMO.coordinator)).json()) as { id: string }[];
    const pkg = (await (await api('GET', `/strategies/${strategies[0].id}/projects`, DEMO.coordinator)).json()) as PackageDto;
    const demo = pkg.rows.filter((r) => r.ficheId !== ficheId);
    expect(demo.length).toBeGreaterThanOrEqual(2);
    for (const r of demo) {
      expect(r.goal).toMatch(/^Cel strategiczny \d\. /);
      expect(r.direction).toMatch(/^Do celu \d\. /);
      expect(r.balanced).toBe(true);
    }
  });
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

  it('refuses a leader or partner from outside the partnership, live and in proposals', async () => {
    const { partnerships } = server.services.stores;
    const fiche = server.services.stores.projects.byId(ficheId)!;
    const own = server.services.stores.chapters.strategyById(fiche.strategy_id)!.partnership_id;
    const ours = partnerships.organizations(own).filter((o) => o.isPartner);
    // An organisation of the other demo partnership (Pojezierze Drawskie): a real id, just not this partnership's.
    const foreignOrg = server.services.stores.people.userByEmail(DEMO.otherPartnership)!.organization_id;
    expect(partnerships.hasOrganization(own, foreignOrg)).toBe(false);

    const a = client(DEMO.editorTuczno);
    await a.synced();
    a.doc.getMap(FICHE_MAP).set('leaderId', foreignOrg);
    await waitFor(() => a.received.rejected.length > 0, 'a foreign leader is refused');
    expect(a.received.rejected[0]).toBe(RejectReason.Invalid);
    const b = client(DEMO.editorCzlopa);
    await b.synced();
    b.doc.getMap(FICHE_MAP).set('partners', [
      { organizationId: ours[0].id, role: 'lider', costGrosze: 500_000_00 }, { organizationId: foreignOrg, role: 'partner', costGrosze: 500_000_20 },
    ]);
    await waitFor(() => b.received.rejected.length > 0, 'a foreign partner is refused');
    expect(b.received.rejected[0]).toBe(RejectReason.Invalid);
    const probe = client(DEMO.coordinator);
    await probe.synced();
    expect(fields(probe.doc).leaderId).toBeNull();
    expect(fields(probe.doc).partners).toEqual([]);

    // The partnership's own organisations are accepted.
    const c = client(DEMO.editorTuczno);
    await c.synced();
    c.doc.getMap(FICHE_MAP).set('leaderId', ours[1].id);
    await waitFor(() => fields(probe.doc).leaderId === ours[1].id, 'an own leader reaches the others');
    expect(c.received.rejected).toEqual([]);

    // Proposals follow the same rule.
    const foreign = await api('POST', `/projects/${ficheId}/proposals`, DEMO.expert, { field: 'leaderId', value: foreignOrg });
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const foreignPartner = await api('POST', `/projects/${ficheId}/proposals`, DEMO.expert, {
      field: 'partners', value: [{ organizationId: foreignOrg, role: 'partner', costGrosze: 1 }],
    });
    expect(foreignPartner.status).toBe(400);
    const fine = await api('POST', `/projects/${ficheId}/proposals`, DEMO.expert, {
      field: 'partners', value: [{ organizationId: ours[2].id, role: 'partner', costGrosze: 1 }],
    });
    expect(fine.status).toBe(201);
  });

  it('keeps the backing chapter row named as the fiche is now (audit log, inbox, e-mails)', async () => {
    const chapterTitle = () => server.services.stores.chapters.chapterById(ficheId)!.title;
    expect(chapterTitle()).toBe('Wspólne centrum usług');
    const a = client(DEMO.editorTuczno);
    await a.synced();
    a.doc.getMap(FICHE_MAP).set('title', 'Centrum usług wspólnych Powiatu Wałeckiego');
    await waitFor(() => chapterTitle() === 'Centrum usług wspólnych Powiatu Wałeckiego', 'the chapter row follows the title');
    // An emptied title (being retyped) keeps the last one.
    a.doc.getMap(FICHE_MAP).set('title', '');
    const probe = client(DEMO.coordinator);
    await waitFor(() => fields(probe.doc).title === '', 'the empty title is stored');
    expect(chapterTitle()).toBe('Centrum usług wspólnych Powiatu Wałeckiego');
    // A title set by accepting an expert's proposal (a change the server makes) is followed too.
    const proposed = await api('POST', `/projects/${ficheId}/proposals`, DEMO.expert, { field: 'title', value: 'Wspólne centrum usług publicznych' });
    const { id } = (await proposed.json()) as { id: string };
    expect((await api('POST', `/projects/${ficheId}/proposals/${id}/accept`, DEMO.editorCzlopa)).status).toBe(200);
    expect(chapterTitle()).toBe('Wspólne centrum usług publicznych');
    // The audit log names the fiche by its current title.
    const fiche = server.services.stores.projects.byId(ficheId)!;
    const partnershipId = server.services.stores.chapters.strategyById(fiche.strategy_id)!.partnership_id;
    const audit = (await (await api('GET', `/partnerships/${partnershipId}/audit`, DEMO.coordinator)).json()) as { entries: { action: string; chapterTitle: string | null }[] };
    expect(audit.entries.find((e) => e.action === 'fiche.created')?.chapterTitle).toBe('Wspólne centrum usług publicznych');
  });
});
