import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcedureDto } from '../../shared/procedure/api.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

const path = () => `/api/strategies/${t.demo.walcz.strategyId}/procedure`;
const put = async (body: unknown, who: string = DEMO.coordinator) => t.request('PUT', path(), { cookie: await t.login(who), body });

describe('strategy procedure', () => {
  it('starts empty and lets members read it, with today in Poland', async () => {
    const res = await t.request('GET', path(), { cookie: await t.login(DEMO.viewer) });
    expect(res.status).toBe(200);
    const dto = (await res.json()) as ProcedureDto;
    expect(dto).toMatchObject({ dates: {}, environmental: false, terms: [], today: '2026-11-26', canEdit: false });
  });

  it('computes the report deadline and the board’s silence from recorded dates', async () => {
    const res = await put({
      dates: { consultation_announced: '2026-11-09', consultation_start: '2026-11-10', consultation_end: '2026-12-15', board_received: '2027-01-15' },
    });
    expect(res.status).toBe(200);
    const dto = (await res.json()) as ProcedureDto;
    expect(dto.canEdit).toBe(true);
    expect(dto.terms).toEqual([
      { kind: 'consultation_min_end', date: '2026-12-14', state: 'met' },
      { kind: 'consultation_report_due', date: '2027-01-14', state: 'pending' },
      { kind: 'board_opinion_due', date: '2027-02-15', state: 'pending', deemedPositiveFrom: '2027-02-16' },
    ]);
    const audit = t.services.stores.audit.list({ action: 'procedure.updated' });
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ dates: { consultation_end: '2026-12-15' } });
  });

  it('refuses a consultation shorter than 35 days with a stable code, and stores nothing', async () => {
    // Announced Saturday 31 October 2026: day 35 is a Saturday, so the earliest end is Monday 7 December.
    const res = await put({ dates: { consultation_announced: '2026-10-31', consultation_end: '2026-12-05' } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'consultation_too_short', details: { earliestEnd: '2026-12-07' } } });
    expect(t.services.stores.procedure.dates(t.demo.walcz.strategyId)).toEqual({});
    expect((await put({ dates: { consultation_announced: '2026-10-31', consultation_end: '2026-12-07' } })).status).toBe(200);
    // Moving the announcement later afterwards would shorten it: refused too.
    const later = await put({ dates: { consultation_announced: '2026-11-03' } });
    expect(later.status).toBe(422);
    expect(t.services.stores.procedure.dates(t.demo.walcz.strategyId).consultation_announced).toBe('2026-10-31');
  });

  it('checks the environmental remarks period only when the assessment is required', async () => {
    const dates = { environmental_announced: '2027-05-06', environmental_end: '2027-05-27' };
    expect((await put({ dates })).status).toBe(200);
    const res = await put({ environmental: true });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'environmental_remarks_too_short', details: { earliestEnd: '2027-05-28' } } });
  });

  it('marks an unpublished report overdue and a silent board as positive once the terms pass', async () => {
    await put({ dates: { consultation_announced: '2026-09-01', consultation_end: '2026-10-16', board_received: '2026-10-20' } });
    const dto = (await (await t.request('GET', path(), { cookie: await t.login(DEMO.editorCzlopa) })).json()) as ProcedureDto;
    expect(dto.terms.map((x) => [x.kind, x.state])).toEqual([
      ['consultation_min_end', 'met'],
      ['consultation_report_due', 'overdue'], // 16 October + 30 = 15 November 2026 (Sunday) → 16 November
      ['board_opinion_due', 'deemed_positive'],
    ]);
    expect(dto.terms[1].date).toBe('2026-11-16');
  });

  it('clears a date with null and refuses steps out of order or impossible dates', async () => {
    await put({ dates: { work_started: '2026-03-12' } });
    expect((await put({ dates: { work_started: null } })).status).toBe(200);
    expect(t.services.stores.procedure.dates(t.demo.walcz.strategyId)).toEqual({});
    const order = await put({ dates: { board_submitted: '2027-01-10', board_received: '2027-01-08' } });
    expect(order.status).toBe(400);
    expect(await order.json()).toMatchObject({ error: { code: 'validation_failed', details: { issues: [{ path: 'dates.board_received' }] } } });
    expect((await put({ dates: { work_started: '2026-02-30' } })).status).toBe(400);
    expect((await put({ dates: { no_such_step: '2026-02-03' } })).status).toBe(400);
  });

  it('refuses writes to non-coordinators (403) and to another partnership (404)', async () => {
    expect((await put({ dates: { work_started: '2026-03-12' } }, DEMO.editorCzlopa)).status).toBe(403);
    expect((await put({ dates: { work_started: '2026-03-12' } }, DEMO.otherPartnership)).status).toBe(404);
    expect((await t.request('GET', path(), { cookie: await t.login(DEMO.otherPartnership) })).status).toBe(404);
  });
});
