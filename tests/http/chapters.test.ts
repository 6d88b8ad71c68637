import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChapterDto, StrategyDto } from '../../shared/apiTypes.ts';
import { Limits } from '../../shared/limits.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
let coordinator: string;
let strategyId: string;
beforeEach(async () => {
  t = await createTestContext();
  coordinator = await t.login(DEMO.coordinator);
  strategyId = t.demo.walcz.strategyId;
});
afterEach(() => t.close());

const chaptersNow = async (cookie = coordinator) => {
  const [s] = (await (await t.request('GET', '/api/strategies', { cookie })).json()) as StrategyDto[];
  return s.chapters;
};

describe('coordinator’s chapter management', () => {
  it('adds a chapter at the end', async () => {
    const res = await t.request('POST', `/api/strategies/${strategyId}/chapters`, { cookie: coordinator, body: { title: '  Załącznik: karty projektów  ' } });
    expect(res.status).toBe(201);
    const chapter = (await res.json()) as ChapterDto;
    expect(chapter).toMatchObject({ title: 'Załącznik: karty projektów', position: 16, status: 'draft', strategyId });
    expect(chapter.permissions.manage).toBe(true);
    const list = await chaptersNow(await t.login(DEMO.viewer));
    expect(list.at(-1)).toMatchObject({ id: chapter.id, title: 'Załącznik: karty projektów' });
    expect(t.services.stores.audit.list({ chapterId: chapter.id }).map((e) => e.action)).toEqual(['chapter.created']);
  });

  it('renames a chapter and changes its status, both audited', async () => {
    const id = t.demo.walcz.chapterIds[7];
    const res = await t.request('PATCH', `/api/chapters/${id}`, { cookie: coordinator, body: { title: 'Rezultaty i wskaźniki', status: 'review' } });
    expect(res.status).toBe(200);
    expect((await res.json()) as ChapterDto).toMatchObject({ title: 'Rezultaty i wskaźniki', status: 'review' });
    expect(t.services.stores.audit.list({ chapterId: id }).map((e) => [e.action, e.details])).toEqual([
      ['chapter.status_changed', { from: 'draft', to: 'review' }],
      ['chapter.renamed', { from: 'Oczekiwane rezultaty i wskaźniki', to: 'Rezultaty i wskaźniki' }],
    ]);
    // "approved" follows from a freeze (issue 16): it cannot be set by hand.
    const status = await t.request('PATCH', `/api/chapters/${id}`, { cookie: coordinator, body: { status: 'approved' } });
    expect(status.status).toBe(409);
    expect(t.services.stores.chapters.chapterById(id)?.status).toBe('review');
  });

  it('reorders chapters when given exactly the strategy’s chapters', async () => {
    const ids = [...t.demo.walcz.chapterIds];
    const reordered = [ids[15], ...ids.slice(0, 15)];
    const res = await t.request('POST', `/api/strategies/${strategyId}/chapters/order`, { cookie: coordinator, body: { chapterIds: reordered } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as StrategyDto).chapters.map((c) => c.id)).toEqual(reordered);
    const list = await chaptersNow(await t.login(DEMO.editorTuczno));
    expect(list.map((c) => c.id)).toEqual(reordered);
    expect(list.map((c) => c.position)).toEqual([...Array(16).keys()]);
  });

  it('refuses an order that is missing a chapter, has a foreign one (409) or a duplicate (400)', async () => {
    const ids = [...t.demo.walcz.chapterIds];
    const order = (chapterIds: string[]) =>
      t.request('POST', `/api/strategies/${strategyId}/chapters/order`, { cookie: coordinator, body: { chapterIds } });
    expect((await order(ids.slice(1))).status).toBe(409);
    expect((await order([...ids.slice(1), t.demo.drawsko.chapterIds[0]])).status).toBe(409);
    const dup = await order([...ids.slice(1), ids[1]]);
    expect(dup.status).toBe(400);
    expect(await dup.json()).toMatchObject({ error: { details: { issues: [{ path: 'chapterIds.15' }] } } });
    expect((await chaptersNow()).map((c) => c.id)).toEqual(ids);
  });

  it('validates titles and statuses, naming the field', async () => {
    const id = t.demo.walcz.chapterIds[2];
    const cases: [unknown, string][] = [
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(Limits.maxTitleLength + 1) }, 'title'],
      [{ status: 'published' }, 'status'],
      [{ title: 12 }, 'title'],
      [{}, ''],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('PATCH', `/api/chapters/${id}`, { cookie: coordinator, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
      expect(err.error.code).toBe('validation_failed');
      expect(err.error.details.issues.map((i) => i.path)).toContain(field);
    }
    expect(t.services.stores.chapters.chapterById(id)?.title).toBe('Proces opracowania i partycypacja');
  });

  it('editors, experts and viewers may not manage chapters (403), and nothing changes', async () => {
    for (const email of [DEMO.editorTuczno, DEMO.expert, DEMO.viewer]) {
      const cookie = await t.login(email);
      expect((await t.request('POST', `/api/strategies/${strategyId}/chapters`, { cookie, body: { title: 'X' } })).status).toBe(403);
      expect((await t.request('PATCH', `/api/chapters/${t.demo.walcz.chapterIds[2]}`, { cookie, body: { title: 'X' } })).status).toBe(403);
      expect((await t.request('POST', `/api/strategies/${strategyId}/chapters/order`, { cookie, body: { chapterIds: [...t.demo.walcz.chapterIds].reverse() } })).status).toBe(403);
    }
    expect((await chaptersNow()).map((c) => c.title)[2]).toBe('Proces opracowania i partycypacja');
    expect((await chaptersNow()).length).toBe(16);
  });
});
