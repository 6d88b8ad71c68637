/**
 * Key-project fiches and the package (issue 19): the overview's sums checked against sums the
 * test computes itself on a seeded package of 40 fiches; links to goals that survive a heading
 * rename; the status flow with the Rada Partnerstwa's decision (refused while the costs do not
 * add up), experts' proposals, the audit trail; CSV and XLSX exports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import * as Y from 'yjs';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { createFiche } from '../../server/projects/service.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { FUNDING_SOURCES, type FicheFields, type HeadingRef } from '../../shared/projects/fiche.ts';
import type { FicheDto, FicheLinkOptionsDto, PackageDto } from '../../shared/projects/api.ts';
import { mulberry32 } from '../helpers/random.ts';
import { readDocx } from '../helpers/docxXml.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MilestoneDto } from '../../shared/apiTypes.ts';

let t: TestContext;
afterEach(() => t?.close());

const GOALS = ['Cel 1. Dostępne usługi publiczne', 'Cel 2. Konkurencyjna gospodarka', 'Cel 3. Zielona przestrzeń'];

/** Writes headings into the goals chapter (tests' demo chapters start empty) and returns the link options. */
async function withGoalHeadings(tc: TestContext, cookie: string, strategyId = tc.demo.walcz.strategyId, author: string = DEMO.coordinator): Promise<FicheLinkOptionsDto> {
  const goals = tc.services.stores.chapters.chaptersOfStrategy(strategyId).find((c) => c.title === 'Cele strategiczne')!;
  await tc.collab.documents.change(goals.id, tc.userId(author), (doc) => {
    doc.getXmlFragment(DOCUMENT_FIELD).insert(0, GOALS.flatMap((g) => {
      const h = new Y.XmlElement('heading');
      h.setAttribute('level', 2 as unknown as string);
      h.insert(0, [new Y.XmlText(g)]);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Opis celu.')]);
      return [h, p];
    }));
  });
  const res = await tc.request('GET', `/api/strategies/${strategyId}/projects/links`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as FicheLinkOptionsDto;
}

const orgsOf = (tc: TestContext, partnershipId = tc.demo.walcz.partnershipId) => tc.services.stores.partnerships.organizations(partnershipId).filter((o) => o.terc);

describe('package of key projects', () => {
  it('sums 40 fiches per partner, per source and per goal exactly as computed independently', async () => {
    t = await createTestContext();
    // The second demo partnership has no demo fiches: its package is exactly the 40 made here.
    const { strategyId, partnershipId, chapterIds } = t.demo.drawsko;
    const cookie = await t.login(DEMO.otherPartnership);
    const links = await withGoalHeadings(t, cookie, strategyId, DEMO.otherPartnership);
    expect(links.goal.map((g) => g.text)).toEqual(GOALS);
    const strategy = t.services.stores.chapters.strategyById(strategyId)!;
    expect(t.services.stores.projects.ofStrategy(strategy.id)).toEqual([]);
    const orgs = orgsOf(t, partnershipId);
    expect(orgs.length).toBeGreaterThanOrEqual(3);
    const rnd = mulberry32(19);
    const pick = (n: number) => Math.floor(rnd() * n);
    // Independent expectations, kept as BigInt so that no float could sneak in.
    const perPartner = new Map<string, bigint>();
    const perSource = new Map<string, bigint>(FUNDING_SOURCES.map((s) => [s, 0n]));
    const perGoal = new Map<string, bigint>();
    let total = 0n;
    const statuses = ['proposed', 'accepted', 'in_package', 'rejected'] as const;
    for (let i = 0; i < 40; i++) {
      // Amounts that break floating point: many ending in 0,10 / 0,20 / 0,30 zł.
      const shares = Array.from({ length: 1 + pick(3) }, () => pick(5_000_000_00) + [10, 20, 30, 1, 99][pick(5)]);
      const partnerOrgs = [...orgs].sort(() => rnd() - 0.5).slice(0, shares.length);
      const cost = shares.reduce((a, b) => a + b, 0);
      const eu = Math.floor(cost * 0.85);
      const funding = { eu, national: 0, kpo: 0, own: cost - eu - 10, other: 10 };
      const goal: HeadingRef | null = i % 7 === 6 ? null : links.goal[i % 3].ref;
      const fields: Partial<FicheFields> = {
        leaderId: partnerOrgs[0].id,
        partners: partnerOrgs.map((o, k) => ({ organizationId: o.id, role: k === 0 ? 'lider' : 'partner', costGrosze: shares[k] })),
        totalCostGrosze: cost, funding, goal, readiness: 'documentation',
      };
      const id = createFiche(t.services, strategy, { title: `Projekt ${i + 1}`, fields }, t.userId(DEMO.otherPartnership));
      const status = statuses[i % 4];
      if (status !== 'proposed') t.services.stores.projects.decide(id, { status, userId: t.userId(DEMO.otherPartnership), at: t.clock.now, rejectionReason: status === 'rejected' ? 'Poza zakresem' : null });
      if (status === 'rejected') continue;
      total += BigInt(cost);
      partnerOrgs.forEach((o, k) => perPartner.set(o.id, (perPartner.get(o.id) ?? 0n) + BigInt(shares[k])));
      for (const s of FUNDING_SOURCES) perSource.set(s, perSource.get(s)! + BigInt(funding[s]));
      const gk = goal ? GOALS[i % 3] : '';
      perGoal.set(gk, (perGoal.get(gk) ?? 0n) + BigInt(cost));
    }
    const res = await t.request('GET', `/api/strategies/${strategy.id}/projects`, { cookie });
    expect(res.status).toBe(200);
    const pkg = (await res.json()) as PackageDto;
    expect(pkg.rows).toHaveLength(40);
    expect(pkg.rows.every((r) => r.balanced)).toBe(true);
    expect(BigInt(pkg.sums.totalGrosze)).toBe(total);
    expect(Object.fromEntries(pkg.sums.perPartner.map((p) => [p.key, BigInt(p.grosze)]))).toEqual(Object.fromEntries(perPartner));
    expect(Object.fromEntries(pkg.sums.perSource.map((p) => [p.key, BigInt(p.grosze)]))).toEqual(Object.fromEntries(perSource));
    expect(Object.fromEntries(pkg.sums.perGoal.map((p) => [p.label, BigInt(p.grosze)]))).toEqual(Object.fromEntries(perGoal));
    // Fiches are not chapters of the strategy's text.
    expect(t.services.stores.chapters.chaptersOfStrategy(strategy.id)).toHaveLength(chapterIds.length);

    // CSV: Polish amounts, the total of the package.
    const csv = await (await t.request('GET', `/api/strategies/${strategy.id}/projects/export.csv`, { cookie })).text();
    const totalText = `${(total / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(total % 100n).padStart(2, '0')}`;
    expect(csv).toContain(`Suma (bez odrzuconych);;;${totalText}\r\n`);
    expect(csv.split('\r\n')[0]).toContain('Koszt całkowity (zł)');
    // XLSX: a real workbook whose sum cell is the exact decimal.
    const xlsx = await t.request('GET', `/api/strategies/${strategy.id}/projects/export.xlsx`, { cookie });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sums = wb.getWorksheet('Sumy')!;
    expect(sums.getRow(2).getCell(2).value).toBe(Number(`${total / 100n}.${String(total % 100n).padStart(2, '0')}`));
    expect(wb.getWorksheet('Pakiet projektów')!.rowCount).toBe(41);
  });

  it('seeds the demo partnership with a working package: fiches that add up, one accepted with its resolution', async () => {
    t = await createTestContext();
    const cookie = await t.login(DEMO.viewer);
    const pkg = (await (await t.request('GET', `/api/strategies/${t.demo.walcz.strategyId}/projects`, { cookie })).json()) as PackageDto;
    expect(pkg.rows.map((r) => r.ficheId).sort()).toEqual([...t.demo.walczFicheIds].sort());
    expect(pkg.rows.length).toBeGreaterThanOrEqual(2);
    expect(pkg.rows.every((r) => r.balanced && r.totalCostGrosze > 0)).toBe(true);
    expect(pkg.rows.map((r) => r.status).sort()).toEqual(['accepted', ...Array(pkg.rows.length - 1).fill('proposed')]);
    const walczOrgs = new Set(t.services.stores.partnerships.organizations(t.demo.walcz.partnershipId).map((o) => o.id));
    for (const r of pkg.rows) {
      expect(r.leaderName).toBeTruthy();
      expect([r.leaderId, ...r.partners.map((p) => p.organizationId)].every((id) => walczOrgs.has(id!))).toBe(true);
      // Exact sums, recomputed here.
      expect(r.partners.reduce((sum, p) => sum + BigInt(p.costGrosze), 0n)).toBe(BigInt(r.totalCostGrosze));
      expect(FUNDING_SOURCES.reduce((sum, s) => sum + BigInt(r.funding[s]), 0n)).toBe(BigInt(r.totalCostGrosze));
    }
    const accepted = pkg.rows.find((r) => r.status === 'accepted')!;
    const fiche = (await (await t.request('GET', `/api/projects/${accepted.ficheId}`, { cookie })).json()) as FicheDto;
    expect(fiche).toMatchObject({ resolutionNumber: expect.any(String), resolutionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), problems: [] });
    // The accepted text and numbers are kept as the named version of the acceptance.
    const version = t.services.stores.versions.byId(t.services.stores.projects.byId(accepted.ficheId)!.accepted_version_id!)!;
    expect(version.name).toContain(`uchwała ${fiche.resolutionNumber}`);
    // Fiches are not chapters of the strategy's text, nor audited as anyone's action.
    expect(t.services.stores.chapters.chaptersOfStrategy(t.demo.walcz.strategyId)).toHaveLength(t.demo.walcz.chapterIds.length);
    expect(t.services.stores.audit.list({ partnershipId: t.demo.walcz.partnershipId, limit: 10 })).toEqual([]);
  });

  it('keeps a fiche linked to its goal when the heading is renamed', async () => {
    t = await createTestContext();
    const cookie = await t.login(DEMO.editorTuczno);
    const links = await withGoalHeadings(t, cookie);
    const strategy = t.services.stores.chapters.strategyById(t.demo.walcz.strategyId)!;
    const id = createFiche(t.services, strategy, { title: 'Żłobek', fields: { goal: links.goal[1].ref } }, null);
    const before = (await (await t.request('GET', `/api/projects/${id}`, { cookie })).json()) as FicheDto;
    expect(before.links.goal).toBe(GOALS[1]);
    // Rename the heading as the editor would: its text changes, the heading element stays.
    const goalsId = links.goal[1].ref.chapterId;
    await t.collab.documents.change(goalsId, t.userId(DEMO.editorTuczno), (doc) => {
      const heading = doc.getXmlFragment(DOCUMENT_FIELD).get(2) as Y.XmlElement;
      const text = heading.get(0) as Y.XmlText;
      text.delete(0, text.length);
      text.insert(0, 'Cel 2. Innowacyjna i konkurencyjna gospodarka');
    });
    const after = (await (await t.request('GET', `/api/projects/${id}`, { cookie })).json()) as FicheDto;
    expect(after.links.goal).toBe('Cel 2. Innowacyjna i konkurencyjna gospodarka');
    // Removing the heading leaves the link unresolved rather than pointing elsewhere.
    await t.collab.documents.change(goalsId, t.userId(DEMO.editorTuczno), (doc) => doc.getXmlFragment(DOCUMENT_FIELD).delete(2, 1));
    const gone = (await (await t.request('GET', `/api/projects/${id}`, { cookie })).json()) as FicheDto;
    expect(gone.links.goal).toBeNull();
  });

  it('accepts a fiche only when its costs add up, through proposals and the Rada Partnerstwa, all audited', async () => {
    t = await createTestContext();
    const coordinator = await t.login(DEMO.coordinator);
    const expert = await t.login(DEMO.expert);
    const editor = await t.login(DEMO.editorTuczno);
    const created = await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/projects`, { cookie: editor, body: { title: '  Termomodernizacja szkół ' } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const [a, b] = orgsOf(t);
    await t.collab.documents.change(id, t.userId(DEMO.editorTuczno), (doc) => {
      const m = doc.getMap('fiche');
      m.set('leaderId', a.id);
      m.set('partners', [{ organizationId: a.id, role: 'lider', costGrosze: 10 }, { organizationId: b.id, role: 'partner', costGrosze: 20 }]);
      m.set('totalCostGrosze', 30);
      m.set('funding', { eu: 10, national: 0, kpo: 0, own: 10, other: 0 });
    });
    const get = async () => (await (await t.request('GET', `/api/projects/${id}`, { cookie: coordinator })).json()) as FicheDto;
    let f = await get();
    expect(f.fields.title).toBe('Termomodernizacja szkół');
    expect(f.balance).toMatchObject({ partnersDifference: 0, fundingDifference: -10, balanced: false });
    expect(f.problems).toEqual(['funding_sum']);

    const decision = { status: 'accepted', resolutionNumber: 'RP/3/2027', resolutionDate: '2027-03-15' };
    const early = await t.request('POST', `/api/projects/${id}/decision`, { cookie: coordinator, body: decision });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'fiche_not_ready', details: { problems: ['funding_sum'] } } });

    // The expert proposes the missing 0,10 zł; a fractional amount is refused at the edge.
    const bad = await t.request('POST', `/api/projects/${id}/proposals`, { cookie: expert, body: { field: 'funding', value: { eu: 10, national: 0, kpo: 0, own: 10, other: 10.5 } } });
    expect(bad.status).toBe(400);
    const proposed = await t.request('POST', `/api/projects/${id}/proposals`, {
      cookie: expert, body: { field: 'funding', value: { eu: 10, national: 0, kpo: 0, own: 10, other: 10 }, note: 'Brakujące 0,10 zł z innych źródeł' },
    });
    expect(proposed.status).toBe(201);
    const { id: proposalId } = (await proposed.json()) as { id: string };
    expect((await t.request('POST', `/api/projects/${id}/proposals/${proposalId}/accept`, { cookie: expert })).status).toBe(403);
    expect((await t.request('POST', `/api/projects/${id}/proposals/${proposalId}/accept`, { cookie: editor })).status).toBe(200);
    expect((await t.request('POST', `/api/projects/${id}/proposals/${proposalId}/reject`, { cookie: editor })).status).toBe(409);
    f = await get();
    expect(f.balance.balanced).toBe(true);
    expect(f.proposals[0]).toMatchObject({ state: 'accepted', field: 'funding' });

    expect((await t.request('POST', `/api/projects/${id}/decision`, { cookie: coordinator, body: { status: 'in_package' } })).status).toBe(409);
    expect((await t.request('POST', `/api/projects/${id}/decision`, { cookie: editor, body: decision })).status).toBe(403);
    const ok = await t.request('POST', `/api/projects/${id}/decision`, { cookie: coordinator, body: decision });
    expect(ok.status).toBe(200);
    f = await get();
    expect(f).toMatchObject({ status: 'accepted', resolutionNumber: 'RP/3/2027', resolutionDate: '2027-03-15' });
    // The text the Rada accepted is a named version of the fiche.
    expect(t.services.stores.versions.latest(id)?.name).toContain('RP/3/2027');
    expect((await t.request('POST', `/api/projects/${id}/decision`, { cookie: coordinator, body: { status: 'in_package' } })).status).toBe(200);
    expect((await get()).status).toBe('in_package');

    const other = createFiche(t.services, t.services.stores.chapters.strategyById(t.demo.walcz.strategyId)!, { title: 'Odrzucany' }, null);
    expect((await t.request('POST', `/api/projects/${other}/decision`, { cookie: coordinator, body: { status: 'rejected', reason: 'x' } })).status).toBe(400);
    expect((await t.request('POST', `/api/projects/${other}/decision`, { cookie: coordinator, body: { status: 'rejected', reason: 'Powiela projekt 3' } })).status).toBe(200);

    const actions = t.services.stores.audit.list({ partnershipId: t.demo.walcz.partnershipId, limit: 50 }).map((e) => e.action);
    for (const a of ['fiche.created', 'fiche.proposal_made', 'fiche.proposal_accepted', 'fiche.accepted', 'fiche.in_package', 'fiche.rejected']) {
      expect(actions).toContain(a);
    }
  });

  it('puts the package summary in the key projects chapter and the fiches that are not rejected in the annex of the strategy export, with their fields and text', async () => {
    t = await createTestContext();
    const cookie = await t.login(DEMO.viewer);
    const strategy = t.services.stores.chapters.strategyById(t.demo.walcz.strategyId)!;
    const [a] = orgsOf(t);
    createFiche(t.services, strategy, {
      title: 'Wspólna ścieżka rowerowa',
      fields: { leaderId: a.id, partners: [{ organizationId: a.id, role: 'lider', costGrosze: 123_456_789 }], totalCostGrosze: 123_456_789 },
      texts: { problem: 'Brak bezpiecznego połączenia rowerowego między gminami.' },
    }, null);
    const rejected = createFiche(t.services, strategy, { title: 'Projekt odrzucony' }, null);
    t.services.stores.projects.decide(rejected, { status: 'rejected', rejectionReason: 'Powiela inny projekt', userId: t.userId(DEMO.coordinator), at: t.clock.now });
    const res = await t.request('GET', `/api/strategies/${strategy.id}/export.md`, { cookie });
    expect(res.status).toBe(200);
    const md = await res.text();
    // The summary stands inside the key projects chapter (as on screen), before the next chapter
    // and before the annex; there is no separate summary chapter.
    const chapter = md.indexOf('# Pakiet projektów kluczowych');
    const summary = md.indexOf('Zestawienie pakietu (utworzone z kart projektów)');
    const firstFiche = md.indexOf('Załącznik: karta projektu');
    const titles = t.services.stores.chapters.chaptersOfStrategy(strategy.id).map((c) => c.title);
    const next = titles[titles.indexOf('Pakiet projektów kluczowych') + 1];
    expect(chapter).toBeGreaterThan(-1);
    expect(summary).toBeGreaterThan(chapter);
    expect(summary).toBeLessThan(next ? md.indexOf(`# ${next}`) : firstFiche);
    expect(summary).toBeLessThan(firstFiche);
    expect(md.slice(summary, firstFiche)).toContain('Wspólna ścieżka rowerowa');
    expect(md).not.toContain('Załącznik: pakiet projektów kluczowych');
    expect(md).toContain('Załącznik: karta projektu „Wspólna ścieżka rowerowa”');
    expect(md.replace(/\u00a0/g, ' ')).toContain('1 234 567,89 zł');
    expect(md).toContain('Brak bezpiecznego połączenia rowerowego między gminami.');
    expect(md).not.toContain('Projekt odrzucony');
  });

  it('puts the fiches accepted by the milestone in its export, each exactly as accepted', async () => {
    t = await createTestContext();
    const coordinator = await t.login(DEMO.coordinator);
    const strategy = t.services.stores.chapters.strategyById(t.demo.walcz.strategyId)!;
    const [a, b] = orgsOf(t);
    const balanced = (cost: number): Partial<FicheFields> => ({
      leaderId: a.id, partners: [{ organizationId: a.id, role: 'lider', costGrosze: cost - 10 }, { organizationId: b.id, role: 'partner', costGrosze: 10 }],
      totalCostGrosze: cost, funding: { eu: cost - 30, national: 0, kpo: 0, own: 30, other: 0 },
    });
    const accept = async (id: string, number: string) => {
      const res = await t.request('POST', `/api/projects/${id}/decision`, { cookie: coordinator, body: { status: 'accepted', resolutionNumber: number, resolutionDate: '2027-03-15' } });
      expect(res.status).toBe(200);
    };
    const accepted = createFiche(t.services, strategy, { title: 'Przystań kajakowa w Tucznie', fields: balanced(250_000_00), texts: { problem: 'Brak przystani na szlaku.' } }, null);
    await accept(accepted, 'RP/1/2027');
    // Changed after the acceptance: the milestone still shows the accepted numbers and text.
    await t.collab.documents.change(accepted, t.userId(DEMO.editorTuczno), (doc) => {
      doc.getMap('fiche').set('totalCostGrosze', 999_999_99);
      doc.getMap('fiche').set('title', 'Przystań kajakowa (zmieniona)');
    });
    const acceptedVersion = t.services.stores.projects.byId(accepted)!.accepted_version_id!;
    expect(acceptedVersion).toBeTruthy();
    t.clock.advance(1000);
    createFiche(t.services, strategy, { title: 'Karta tylko zgłoszona', fields: balanced(100_00) }, null);
    const rejected = createFiche(t.services, strategy, { title: 'Karta odrzucona przed kamieniem', fields: balanced(200_00) }, null);
    await accept(rejected, 'RP/2/2027');
    expect((await t.request('POST', `/api/projects/${rejected}/decision`, { cookie: coordinator, body: { status: 'rejected', reason: 'Powiela inny projekt' } })).status).toBe(200);
    t.clock.advance(1000);
    const created = await t.request('POST', `/api/strategies/${strategy.id}/milestones`, { cookie: coordinator, body: { name: 'Projekt strategii z pakietem' } });
    expect(created.status).toBe(201);
    const milestone = (await created.json()) as MilestoneDto;
    t.clock.advance(1000);
    const later = createFiche(t.services, strategy, { title: 'Karta przyjęta po kamieniu', fields: balanced(300_00) }, null);
    await accept(later, 'RP/3/2027');

    const md = (await (await t.request('GET', `/api/strategies/${strategy.id}/export.md?milestone=${milestone.id}`, { cookie: coordinator })).text()).replace(/\u00a0/g, ' ');
    expect(md).toContain('Załącznik: pakiet projektów kluczowych');
    expect(md).toContain('Załącznik: karta projektu „Przystań kajakowa w Tucznie”');
    expect(md).toContain('250 000,00 zł');
    expect(md).toContain('Brak przystani na szlaku.');
    expect(md).toContain('uchwała RP/1/2027 z 2027-03-15');
    expect(md).toContain(`SHA-256: \`${t.services.stores.versions.byId(acceptedVersion)!.sha256}\``);
    for (const absent of ['zmieniona', '9 999 999,99 zł', 'Karta tylko zgłoszona', 'Karta odrzucona przed kamieniem', 'Karta przyjęta po kamieniu']) expect(md).not.toContain(absent);
    // The annex follows the milestone's chapters, which stay exactly as approved (no summary
    // added to the key projects chapter: its SHA-256 is printed).
    expect(md.indexOf('Załącznik: pakiet projektów kluczowych')).toBeGreaterThan(md.indexOf('Pakiet projektów kluczowych'));
    expect(md).not.toContain('Zestawienie pakietu (utworzone z kart projektów)');

    // The DOCX carries the same annex.
    const docx = await t.request('GET', `/api/strategies/${strategy.id}/export.docx?milestone=${milestone.id}`, { cookie: coordinator });
    expect(docx.status).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-fiche-docx-')), 'milestone.docx');
    fs.writeFileSync(file, Buffer.from(await docx.arrayBuffer()));
    const texts = readDocx(file).paragraphs.map((p) => p.all.replace(/\u00a0/g, ' '));
    expect(texts).toContain('Załącznik: karta projektu „Przystań kajakowa w Tucznie”');
    expect(texts).toContain('250 000,00 zł');
    expect(texts.join('\n')).not.toContain('Karta przyjęta po kamieniu');

    // The current text's export shows the fiche as it is now.
    const current = (await (await t.request('GET', `/api/strategies/${strategy.id}/export.md`, { cookie: coordinator })).text()).replace(/\u00a0/g, ' ');
    expect(current).toContain('Przystań kajakowa (zmieniona)');
    expect(current).toContain('Karta przyjęta po kamieniu');
  }, 30_000);
});
