import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChapterDto, PartnershipDto, StrategyDto } from '../../shared/apiTypes.ts';
import { STRATEGY_CHAPTER_TEMPLATE } from '../../server/seed/template.ts';
import { DRAWSKO_STRATEGY, WALCZ_PARTNERSHIP, WALCZ_STRATEGY } from '../../server/seed/demo.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

const getJson = async <T>(path: string, cookie: string): Promise<T> => {
  const res = await t.request('GET', path, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

describe('GET /api/strategies', () => {
  it('is 401 without a session', async () => {
    expect((await t.request('GET', '/api/strategies')).status).toBe(401);
  });

  it('lists only the strategies of the user’s partnerships, with the 16 template chapters in order', async () => {
    const walcz = await getJson<StrategyDto[]>('/api/strategies', await t.login(DEMO.viewer));
    expect(walcz.map((s) => s.title)).toEqual([WALCZ_STRATEGY]);
    expect(walcz[0].partnershipName).toBe(WALCZ_PARTNERSHIP);
    expect(walcz[0].chapters.map((c) => c.title)).toEqual(STRATEGY_CHAPTER_TEMPLATE);
    expect(walcz[0].chapters.map((c) => c.position)).toEqual([...Array(16).keys()]);
    expect(walcz[0].chapters[0]).toMatchObject({ status: 'review', activeUsers: 0, lastChange: null, frozen: false });

    const other = await getJson<StrategyDto[]>('/api/strategies', await t.login(DEMO.otherPartnership));
    expect(other.map((s) => s.title)).toEqual([DRAWSKO_STRATEGY]);
    expect(other[0].chapters.some((c) => walcz[0].chapters.some((w) => w.id === c.id))).toBe(false);
  });

  it('shows people in each chapter and the last change with person and organisation', async () => {
    const chapterId = t.demo.walcz.chapterIds[5];
    t.collab.active.set(chapterId, 3);
    t.services.stores.documents.append([
      { chapterId, data: new Uint8Array([0, 0]), userId: t.userId(DEMO.editorTuczno), at: Date.UTC(2026, 10, 26, 14, 3) },
    ]);
    const [s] = await getJson<StrategyDto[]>('/api/strategies', await t.login(DEMO.coordinator));
    const chapter = s.chapters.find((c) => c.id === chapterId);
    expect(chapter).toMatchObject({
      activeUsers: 3,
      lastChange: {
        at: '2026-11-26T14:03:00.000Z',
        by: { id: t.userId(DEMO.editorTuczno), name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno' },
      },
    });
  });
});

describe('GET /api/partnerships', () => {
  it('shows the organisations with kind, TERC and leader flag, members and strategies', async () => {
    const [p] = await getJson<PartnershipDto[]>('/api/partnerships', await t.login(DEMO.editorCzlopa));
    expect(p.name).toBe(WALCZ_PARTNERSHIP);
    expect(p.myRole).toBe('editor');
    expect(p.organizations.map((o) => [o.name, o.kind, o.terc, o.isLeader, o.isPartner])).toEqual([
      ['Powiat Wałecki', 'powiat', '3217', true, true],
      ['Gmina Miejska Wałcz', 'gmina', '3217011', false, true],
      ['Miasto i Gmina Człopa', 'gmina', '3217023', false, true],
      ['Gmina i Miasto Mirosławiec', 'gmina', '3217033', false, true],
      ['Gmina i Miasto Tuczno', 'gmina', '3217043', false, true],
      ['Gmina Wiejska Wałcz', 'gmina', '3217052', false, true],
      ['Urząd Marszałkowski Województwa Zachodniopomorskiego', 'urzad_marszalkowski', null, false, false],
      ['Związek Miast Polskich', 'zmp', null, false, false],
    ]);
    expect(p.members.map((m) => [m.email, m.role, m.active]).sort()).toEqual([
      [DEMO.editorCzlopa, 'editor', true],
      [DEMO.expert, 'expert', true],
      [DEMO.coordinator, 'coordinator', true],
      [DEMO.viewer, 'viewer', true],
      [DEMO.editorTuczno, 'editor', true],
    ].sort());
    expect(p.strategies.map((s) => s.title)).toEqual([WALCZ_STRATEGY]);
  });

  it('GET /api/partnerships/:id is 404 for another partnership and for an unknown id', async () => {
    const cookie = await t.login(DEMO.otherPartnership);
    const foreign = await t.request('GET', `/api/partnerships/${t.demo.walcz.partnershipId}`, { cookie });
    const unknown = await t.request('GET', '/api/partnerships/nieistniejace', { cookie });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await foreign.text()).toBe(await unknown.text());
    const own = await getJson<PartnershipDto>(`/api/partnerships/${t.demo.drawsko.partnershipId}`, cookie);
    expect(own.organizations.find((o) => o.isLeader)?.terc).toBe('3203023');
  });
});

describe('GET /api/chapters/:id', () => {
  it('gives each role the permissions of the access policy', async () => {
    const id = t.demo.walcz.chapterIds[3];
    const perms = async (email: string) => (await getJson<ChapterDto>(`/api/chapters/${id}`, await t.login(email))).permissions;
    expect(await perms(DEMO.coordinator)).toEqual({ read: true, comment: true, suggest: true, edit: true, review: true, manage: true });
    expect(await perms(DEMO.editorTuczno)).toEqual({ read: true, comment: true, suggest: true, edit: true, review: true, manage: false });
    expect(await perms(DEMO.expert)).toEqual({ read: true, comment: true, suggest: true, edit: false, review: false, manage: false });
    expect(await perms(DEMO.viewer)).toEqual({ read: true, comment: false, suggest: false, edit: false, review: false, manage: false });
  });

  it('describes the chapter and its strategy', async () => {
    const c = await getJson<ChapterDto>(`/api/chapters/${t.demo.walcz.chapterIds[4]}`, await t.login(DEMO.viewer));
    expect(c).toMatchObject({
      title: 'Wizja i misja', position: 4, status: 'draft', strategyId: t.demo.walcz.strategyId,
      strategyTitle: WALCZ_STRATEGY, partnershipId: t.demo.walcz.partnershipId, frozen: null, suggestLock: false,
    });
  });

  it('reports a frozen chapter with who froze it, and read-only permissions', async () => {
    const id = t.demo.walcz.chapterIds[0];
    t.services.db
      .prepare('UPDATE chapters SET frozen_at = ?, frozen_by = ?, frozen_note = ? WHERE id = ?')
      .run(Date.UTC(2021, 9, 12), t.userId(DEMO.coordinator), 'Uchwała Rady Partnerstwa nr 3/2021', id);
    const c = await getJson<ChapterDto>(`/api/chapters/${id}`, await t.login(DEMO.editorTuczno));
    expect(c.frozen).toEqual({
      at: '2021-10-12T00:00:00.000Z',
      by: { id: t.userId(DEMO.coordinator), name: 'Katarzyna Wiśniewska', organization: 'Powiat Wałecki' },
      note: 'Uchwała Rady Partnerstwa nr 3/2021',
    });
    expect(c.permissions.edit).toBe(false);
  });
});

describe('demo seed', () => {
  it('asks the collaboration layer to write starting text for chapters 1, 3, 4, 5 and 6', () => {
    for (const i of [1, 3, 4, 5, 6]) {
      const blocks = t.initialText.get(t.demo.walcz.chapterIds[i]);
      expect(blocks?.length, `chapter ${i}`).toBeGreaterThanOrEqual(3);
      expect(blocks?.some((b) => b.type === 'paragraph')).toBe(true);
    }
    expect(t.initialText.has(t.demo.walcz.chapterIds[15])).toBe(false);
  });

  it('creates the six demo accounts with their roles and organisations', () => {
    const { partnerships, people } = t.services.stores;
    const roleOf = (email: string, pid: string) => partnerships.roleOf(pid, t.userId(email));
    const w = t.demo.walcz.partnershipId;
    expect(roleOf(DEMO.coordinator, w)).toBe('coordinator');
    expect(roleOf(DEMO.editorTuczno, w)).toBe('editor');
    expect(roleOf(DEMO.editorCzlopa, w)).toBe('editor');
    expect(roleOf(DEMO.expert, w)).toBe('expert');
    expect(roleOf(DEMO.viewer, w)).toBe('viewer');
    expect(roleOf(DEMO.otherPartnership, w)).toBeNull();
    expect(roleOf(DEMO.otherPartnership, t.demo.drawsko.partnershipId)).toBe('editor');
    expect(people.userByEmail(DEMO.editorTuczno)?.org_terc).toBe('3217043');
    expect(people.userByEmail(DEMO.editorCzlopa)?.org_terc).toBe('3217023');
    expect(people.userByEmail(DEMO.viewer)?.org_kind).toBe('urzad_marszalkowski');
  });
});
