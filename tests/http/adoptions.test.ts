/**
 * Partners' adoptions bound to a milestone's hash, and the public verification by hash.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MilestoneDto } from '../../shared/apiTypes.ts';
import type { AdoptionDto, AdoptionMatrixDto, PublicMilestoneDto } from '../../shared/procedure/adoptions.ts';
import { VerificationLimits } from '../../shared/procedure/adoptions.ts';
import { demoUpdate } from '../../server/seed/demoDocument.ts';
import { WALCZ_PARTNERSHIP, WALCZ_STRATEGY } from '../../server/seed/demo.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { createServices } from '../../server/services.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

const orgId = (terc: string) => {
  const found = t.services.stores.partnerships.organizations(t.demo.walcz.partnershipId).find((o) => o.terc === terc);
  if (!found) throw new Error(`no organisation ${terc}`);
  return found.id;
};
const TUCZNO = '3217043';
const CZLOPA = '3217023';
const POWIAT = '3217';

async function post(path: string, who: string, body: unknown): Promise<Response> {
  return t.request('POST', path, { cookie: await t.login(who), body });
}
async function createMilestone(): Promise<MilestoneDto> {
  t.services.stores.documents.append([{ chapterId: t.demo.walcz.chapterIds[3], data: demoUpdate([{ type: 'paragraph', text: 'Wnioski z diagnozy.' }]), userId: t.userId(DEMO.editorTuczno), at: t.clock.now }]);
  t.clock.advance(60_000);
  const res = await post(`/api/strategies/${t.demo.walcz.strategyId}/milestones`, DEMO.coordinator, { name: 'Wersja przyjęta' });
  expect(res.status).toBe(201);
  return (await res.json()) as MilestoneDto;
}
const adoption = (terc: string, extra: Record<string, unknown> = {}) => ({
  organizationId: orgId(terc), body: 'rada_gminy', resolutionNumber: 'XII/85/2027', resolutionDate: '2027-03-30',
  bipUrl: 'https://bip.tuczno.pl/uchwala-xii-85-2027', ...extra,
});
async function matrix(who: string = DEMO.viewer): Promise<AdoptionMatrixDto> {
  const res = await t.request('GET', `/api/strategies/${t.demo.walcz.strategyId}/adoptions`, { cookie: await t.login(who) });
  expect(res.status).toBe(200);
  return (await res.json()) as AdoptionMatrixDto;
}
const expectedHash = (m: MilestoneDto) => createHash('sha256').update(m.chapters.map((c) => `${c.sha256}\n`).join('')).digest('hex');

describe('the milestone hash', () => {
  it('is kept when the milestone is made; reads never write it, and a milestone made without it gets it at the next start', async () => {
    const m = await createMilestone();
    expect(t.services.stores.adoptions.hashOf(m.id)).toBe(expectedHash(m));

    // A milestone stored without its hash (as before hashes were kept at creation).
    const { versions, adoptions } = t.services.stores;
    const old = versions.createMilestone({ strategyId: t.demo.walcz.strategyId, name: 'Dawna', note: null, createdAt: t.clock.now, createdBy: t.userId(DEMO.coordinator) });
    versions.insert({
      chapterId: t.demo.walcz.chapterIds[3], kind: 'approved', name: 'Dawna', note: null, createdAt: t.clock.now, createdBy: t.userId(DEMO.coordinator),
      state: new Uint8Array([0, 0]), json: '{"type":"doc","content":[]}', html: '', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', milestoneId: old,
    });
    const oldHash = createHash('sha256').update('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n').digest('hex');
    const listed = (await matrix()).milestones.find((x) => x.id === old);
    expect(listed?.hash).toBe(oldHash);
    expect(adoptions.hashOf(old)).toBeNull();
    expect((await t.request('GET', `/api/public/milestones/${oldHash}`)).status).toBe(404);

    // The next start keeps it, and the public verification finds it.
    createServices(t.services.config, { db: t.services.db, clock: t.services.clock, mailer: t.services.mailer });
    expect(adoptions.hashOf(old)).toBe(oldHash);
    expect((await t.request('GET', `/api/public/milestones/${oldHash}`)).status).toBe(200);
  });
});

describe('adoptions of a milestone', () => {
  it('records a partner’s resolution against the milestone hash, shown in the matrix and audited', async () => {
    const m = await createMilestone();
    const res = await post(`/api/milestones/${m.id}/adoptions`, DEMO.editorTuczno, adoption(TUCZNO));
    expect(res.status).toBe(201);
    expect((await res.json()) as AdoptionDto).toMatchObject({ organization: { name: 'Gmina i Miasto Tuczno', terc: TUCZNO }, resolutionNumber: 'XII/85/2027', stale: false });
    // The coordinator records for any partner.
    expect((await post(`/api/milestones/${m.id}/adoptions`, DEMO.coordinator, adoption(POWIAT, { body: 'rada_powiatu' }))).status).toBe(201);
    // Recording the same partner twice is a conflict.
    expect((await post(`/api/milestones/${m.id}/adoptions`, DEMO.coordinator, adoption(TUCZNO))).status).toBe(409);

    const dto = await matrix();
    expect(dto.organizations.map((o) => o.terc)).toContain(CZLOPA);
    expect(dto.milestones).toHaveLength(1);
    // Only chapter 3 („Wnioski z diagnozy”) had text when the milestone was made.
    expect(dto.milestones[0]).toMatchObject({ id: m.id, hash: expectedHash(m), stale: false, completeness: { completeCount: 1, total: 10 } });
    expect(dto.milestones[0].adoptions.map((a) => a.organization.terc).sort()).toEqual([POWIAT, TUCZNO].sort());
    const entries = t.services.stores.audit.list({ action: 'adoption.recorded' });
    expect(entries).toHaveLength(2);
    expect(entries[1].details).toMatchObject({ milestoneHash: expectedHash(m), organizationId: orgId(TUCZNO) });
  });

  it('refuses members of another organisation, experts, viewers and another partnership', async () => {
    const m = await createMilestone();
    const path = `/api/milestones/${m.id}/adoptions`;
    expect((await post(path, DEMO.editorCzlopa, adoption(TUCZNO))).status).toBe(403);
    expect((await post(path, DEMO.expert, adoption(TUCZNO))).status).toBe(403);
    expect((await post(path, DEMO.viewer, adoption(TUCZNO))).status).toBe(403);
    expect((await post(path, DEMO.otherPartnership, adoption(TUCZNO))).status).toBe(404);
    // An organisation that is not a partner of this partnership (the other partnership's).
    const foreignOrg = t.services.stores.partnerships.organizations(t.demo.drawsko.partnershipId)[0].id;
    expect((await post(path, DEMO.coordinator, adoption(TUCZNO, { organizationId: foreignOrg }))).status).toBe(400);
    expect((await post(path, DEMO.coordinator, adoption(TUCZNO, { bipUrl: 'javascript:alert(1)' }))).status).toBe(400);
    expect(t.services.stores.adoptions.ofMilestone(m.id)).toEqual([]);
  });

  it('refuses an unfrozen text; after an unfreeze and a change earlier adoptions concern an earlier text', async () => {
    const m = await createMilestone();
    expect((await post(`/api/milestones/${m.id}/adoptions`, DEMO.editorTuczno, adoption(TUCZNO))).status).toBe(201);
    const chapterId = t.demo.walcz.chapterIds[3];
    t.clock.advance(60_000);
    expect((await post(`/api/chapters/${chapterId}/unfreeze`, DEMO.coordinator, { reason: 'Poprawka po uwagach rady' })).status).toBe(200);
    // Unfrozen but unchanged: nothing is stale yet, but no adoption can be recorded.
    expect((await matrix()).milestones[0].stale).toBe(false);
    const refused = await post(`/api/milestones/${m.id}/adoptions`, DEMO.coordinator, adoption(CZLOPA, { body: 'rada_gminy' }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'milestone_not_frozen' } });

    t.clock.advance(60_000);
    t.services.stores.documents.append([{ chapterId, data: demoUpdate([{ type: 'paragraph', text: 'Zmiana.' }]), userId: t.userId(DEMO.editorTuczno), at: t.clock.now }]);
    const dto = await matrix();
    expect(dto.milestones[0].stale).toBe(true);
    expect(dto.milestones[0].adoptions[0].stale).toBe(true);
    // Freezing it again with a changed text does not revive the old milestone.
    expect((await post(`/api/chapters/${chapterId}/freeze`, DEMO.coordinator, { note: 'Ponownie' })).status).toBe(201);
    expect((await matrix()).milestones[0].stale).toBe(true);
    expect((await post(`/api/milestones/${m.id}/adoptions`, DEMO.coordinator, adoption(CZLOPA))).status).toBe(409);
  });
});

describe('public verification by hash', () => {
  it('shows the milestone, chapters with hashes and adoptions by organisation, without login or personal data', async () => {
    const m = await createMilestone();
    await post(`/api/milestones/${m.id}/adoptions`, DEMO.editorTuczno, adoption(TUCZNO));
    const res = await t.request('GET', `/api/public/milestones/${expectedHash(m)}`);
    expect(res.status).toBe(200);
    const dto = (await res.json()) as PublicMilestoneDto;
    expect(dto).toMatchObject({
      partnership: WALCZ_PARTNERSHIP,
      strategy: WALCZ_STRATEGY,
      milestone: { name: 'Wersja przyjęta', hash: expectedHash(m), stale: false },
      adoptions: [{ organization: 'Gmina i Miasto Tuczno', terc: TUCZNO, resolutionNumber: 'XII/85/2027', bipUrl: 'https://bip.tuczno.pl/uchwala-xii-85-2027' }],
    });
    expect(dto.chapters.map((c) => c.sha256)).toEqual(m.chapters.map((c) => c.sha256));
    const text = JSON.stringify(dto);
    for (const personal of ['Katarzyna', 'Marek', '@walcz.example', t.userId(DEMO.editorTuczno), m.id, t.demo.walcz.strategyId]) {
      expect(text).not.toContain(personal);
    }
  });

  it('answers 404 alike for unknown hashes, ids and other paths, and nothing else is public', async () => {
    const m = await createMilestone();
    for (const path of [
      `/api/public/milestones/${'0'.repeat(64)}`, `/api/public/milestones/${m.id}`, '/api/public/milestones/..%2F..%2Fstrategies',
      `/api/public/strategies/${t.demo.walcz.strategyId}`, `/api/public/milestones/${expectedHash(m)}/adoptions`,
    ]) {
      expect([404, 401]).toContain((await t.request('GET', path)).status);
    }
    expect((await t.request('GET', `/api/strategies/${t.demo.walcz.strategyId}/adoptions`)).status).toBe(401);
  });

  it('limits a flood of requests per address, without affecting another address', async () => {
    const m = await createMilestone();
    const url = `/api/public/milestones/${expectedHash(m)}`;
    const statuses: number[] = [];
    for (let i = 0; i < VerificationLimits.perAddress.burst + 20; i++) statuses.push((await t.request('GET', url, { ip: '203.0.113.9' })).status);
    expect(statuses.slice(0, VerificationLimits.perAddress.burst).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(VerificationLimits.perAddress.burst).every((s) => s === 429)).toBe(true);
    const limited = await t.request('GET', url, { ip: '203.0.113.9' });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await t.request('GET', url, { ip: '198.51.100.7' })).status).toBe(200);
  });
});
