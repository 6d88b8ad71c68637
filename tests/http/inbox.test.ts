/**
 * The personal inbox ("Do mnie"): threads where someone mentioned me or replied after me,
 * newest first, with unread counts and read marking.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentThreadDto, InboxDto } from '../../shared/apiTypes.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
const cookies: Partial<Record<keyof typeof DEMO, string>> = {};
const as = async (who: keyof typeof DEMO) => (cookies[who] ??= await t.login(DEMO[who]));
const id = (who: keyof typeof DEMO) => t.userId(DEMO[who]);

beforeEach(async () => {
  t = await createTestContext();
  for (const k of Object.keys(cookies)) delete cookies[k as keyof typeof DEMO];
});
afterEach(() => t.close());

const MINUTE = 60_000;

async function startThread(who: keyof typeof DEMO, body: string, mentions?: string[], chapter = t.demo.walcz.chapterIds[3]) {
  const res = await t.request('POST', `/api/chapters/${chapter}/comments`, { cookie: await as(who), body: { quote: 'wnioski z diagnozy', body, mentions } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CommentThreadDto;
}
async function reply(who: keyof typeof DEMO, threadId: string, body: string, mentions?: string[]) {
  const res = await t.request('POST', `/api/threads/${threadId}/comments`, { cookie: await as(who), body: { body, mentions } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CommentThreadDto;
}
async function inbox(who: keyof typeof DEMO): Promise<InboxDto> {
  const res = await t.request('GET', '/api/inbox', { cookie: await as(who) });
  expect(res.status).toBe(200);
  return (await res.json()) as InboxDto;
}
async function markRead(who: keyof typeof DEMO, threadIds: string[]) {
  const res = await t.request('POST', '/api/inbox/read', { cookie: await as(who), body: { threadIds } });
  expect(res.status).toBe(204);
}

describe('GET /api/inbox', () => {
  it('shows a mention to the mentioned person, with the chapter, quote and latest comment', async () => {
    const thread = await startThread('expert', 'Pani Katarzyno, proszę o decyzję.', [id('coordinator')]);
    const box = await inbox('coordinator');
    expect(box).toEqual({
      unread: 1,
      threads: [{
        threadId: thread.id,
        chapterId: t.demo.walcz.chapterIds[3],
        chapterTitle: 'Wnioski z diagnozy',
        strategyId: t.demo.walcz.strategyId,
        partnershipId: t.demo.walcz.partnershipId,
        quote: 'wnioski z diagnozy',
        // A chapter of the strategy, not a key-project fiche; a thread on a passage, not a field.
        fiche: false,
        field: null,
        resolved: false,
        reasons: ['mention'],
        latest: {
          commentId: thread.comments[0].id,
          author: { id: id('expert'), name: 'Piotr Lewandowski', organization: 'Związek Miast Polskich' },
          at: '2026-11-26T09:00:00.000Z',
          excerpt: 'Pani Katarzyno, proszę o decyzję.',
        },
        count: 1,
        unread: 1,
      }],
    });
    // Nobody else was mentioned, and one's own comments never fill one's inbox.
    expect(await inbox('expert')).toEqual({ threads: [], unread: 0 });
    expect(await inbox('editorTuczno')).toEqual({ threads: [], unread: 0 });
  });

  it('shows replies to everyone who wrote in the thread before, not to those who only read it', async () => {
    const thread = await startThread('expert', 'Uwaga do wniosków.');
    t.clock.advance(MINUTE);
    await reply('editorTuczno', thread.id, 'Zgoda, poprawię.');
    t.clock.advance(MINUTE);
    await reply('editorCzlopa', thread.id, 'Ja też.');

    const expert = await inbox('expert');
    expect(expert.threads.map((e) => [e.threadId, e.reasons, e.count, e.unread, e.latest.author.name])).toEqual([
      [thread.id, ['reply'], 2, 2, 'Agnieszka Kowalczyk'],
    ]);
    // Marek wrote before Agnieszka: her reply is for him; his own is not.
    const marek = await inbox('editorTuczno');
    expect(marek.threads.map((e) => [e.count, e.unread, e.latest.excerpt])).toEqual([[1, 1, 'Ja też.']]);
    // Agnieszka wrote last: nothing came after her.
    expect((await inbox('editorCzlopa')).threads).toEqual([]);
    expect((await inbox('coordinator')).threads).toEqual([]);

    // The expert answers: her own comment neither counts nor becomes the latest; writing read the thread.
    t.clock.advance(MINUTE);
    await reply('expert', thread.id, 'Dziękuję obu gminom.');
    expect((await inbox('expert')).threads.map((e) => [e.count, e.unread, e.latest.author.name])).toEqual([[2, 0, 'Agnieszka Kowalczyk']]);
    expect((await inbox('editorCzlopa')).threads.map((e) => [e.count, e.unread, e.latest.author.name])).toEqual([[1, 1, 'Piotr Lewandowski']]);
  });

  it('lists threads by newest activity first and sums unread counts', async () => {
    const older = await startThread('editorTuczno', 'Pierwszy wątek', [id('expert')]);
    t.clock.advance(MINUTE);
    const newer = await startThread('editorCzlopa', 'Drugi wątek', [id('expert')]);
    t.clock.advance(MINUTE);
    expect((await inbox('expert')).threads.map((e) => e.threadId)).toEqual([newer.id, older.id]);

    await reply('coordinator', older.id, 'Nowość w starym wątku', [id('expert')]);
    const box = await inbox('expert');
    expect(box.threads.map((e) => [e.threadId, e.unread])).toEqual([[older.id, 2], [newer.id, 1]]);
    expect(box.unread).toBe(3);
  });

  it('marks threads read; later comments are unread again; writing in a thread reads it', async () => {
    const thread = await startThread('expert', 'Uwaga', [id('editorTuczno')]);
    t.clock.advance(MINUTE);
    await markRead('editorTuczno', [thread.id]);
    const read = await inbox('editorTuczno');
    expect(read.threads.map((e) => [e.count, e.unread])).toEqual([[1, 0]]);
    expect(read.unread).toBe(0);

    t.clock.advance(MINUTE);
    await reply('coordinator', thread.id, 'Dopiszę wskaźnik', [id('editorTuczno')]);
    expect((await inbox('editorTuczno')).threads.map((e) => [e.count, e.unread])).toEqual([[2, 1]]);

    // Marek replies: he has read the thread, and the expert now has an unread reply.
    t.clock.advance(MINUTE);
    await reply('editorTuczno', thread.id, 'Dziękuję');
    expect((await inbox('editorTuczno')).unread).toBe(0);
    expect((await inbox('expert')).threads.map((e) => [e.reasons, e.unread])).toEqual([[['reply'], 2]]);
  });

  it('counts a mention added by an edit after reading as unread', async () => {
    const thread = await startThread('expert', 'Uwaga bez wzmianki');
    t.clock.advance(MINUTE);
    await reply('coordinator', thread.id, 'Odpowiedź');
    await markRead('expert', [thread.id]);
    expect((await inbox('editorCzlopa')).threads).toEqual([]);
    t.clock.advance(MINUTE);
    const res = await t.request('PATCH', `/api/comments/${thread.comments[0].id}`, {
      cookie: await as('expert'), body: { body: 'Uwaga dla @Agnieszka', mentions: [id('editorCzlopa')] },
    });
    expect(res.status).toBe(200);
    expect((await inbox('editorCzlopa')).threads.map((e) => [e.reasons, e.unread, e.latest.excerpt])).toEqual([
      [['mention'], 1, 'Uwaga dla @Agnieszka'],
    ]);
  });

  it('drops deleted comments and removed threads; shows resolved threads as resolved', async () => {
    const thread = await startThread('expert', 'Uwaga');
    t.clock.advance(MINUTE);
    const replied = await reply('editorTuczno', thread.id, 'Odpowiedź');
    await t.request('POST', `/api/threads/${thread.id}/resolve`, { cookie: await as('coordinator') });
    expect((await inbox('expert')).threads.map((e) => e.resolved)).toEqual([true]);

    await t.request('DELETE', `/api/comments/${replied.comments[1].id}`, { cookie: await as('editorTuczno') });
    expect(await inbox('expert')).toEqual({ threads: [], unread: 0 });
  });

  it('shows only partnerships the person still belongs to', async () => {
    const thread = await startThread('expert', 'Uwaga', [id('editorCzlopa')]);
    expect((await inbox('editorCzlopa')).threads).toHaveLength(1);
    const res = await t.request('DELETE', `/api/partnerships/${t.demo.walcz.partnershipId}/members/${id('editorCzlopa')}`, { cookie: await as('coordinator') });
    expect(res.status).toBe(204);
    // Removal ended the old session; a new login sees nothing of the partnership.
    delete cookies.editorCzlopa;
    expect((await inbox('editorCzlopa')).threads).toEqual([]);
    expect(thread.comments[0].mentions).toHaveLength(1);
  });
});

describe('POST /api/inbox/read', () => {
  it('ignores threads the person cannot see, without saying so', async () => {
    const thread = await startThread('expert', 'Uwaga', [id('coordinator')]);
    await markRead('otherPartnership', [thread.id, 'nieznany1234567']);
    expect(t.services.db.prepare('SELECT COUNT(*) AS n FROM inbox_reads WHERE user_id = ?').get(id('otherPartnership'))).toEqual({ n: 0 });
    expect((await inbox('otherPartnership')).threads).toEqual([]);
    expect((await inbox('coordinator')).unread).toBe(1);
  });

  it('validates the list of thread ids', async () => {
    const cookie = await as('coordinator');
    for (const body of [{}, { threadIds: [] }, { threadIds: 'abc' }, { threadIds: [''] }]) {
      const res = await t.request('POST', '/api/inbox/read', { cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
      expect(err.error.code).toBe('validation_failed');
      expect(err.error.details.issues[0].path).toMatch(/^threadIds/);
    }
  });
});
