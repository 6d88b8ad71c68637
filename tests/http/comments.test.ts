/**
 * Comment threads over HTTP: create, list, reply, edit, delete, resolve/reopen, who may do
 * what, validation, live notification of open editors, dashboard counts, frozen chapters.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentThreadDto, DeleteCommentResponse, PartnershipDto, PersonRef, StrategyDto } from '../../shared/apiTypes.ts';
import { Limits } from '../../shared/limits.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
let chapterId: string;
const cookies: Partial<Record<keyof typeof DEMO, string>> = {};
const as = async (who: keyof typeof DEMO) => (cookies[who] ??= await t.login(DEMO[who]));

beforeEach(async () => {
  t = await createTestContext();
  for (const k of Object.keys(cookies)) delete cookies[k as keyof typeof DEMO];
  chapterId = t.demo.walcz.chapterIds[5];
});
afterEach(() => t.close());

type ErrorBody = { error: { code: string; message: string; details?: { issues: { path: string; message: string }[] } } };

const PIOTR: Omit<PersonRef, 'id'> = { name: 'Piotr Lewandowski', organization: 'Związek Miast Polskich' };
const MAREK: Omit<PersonRef, 'id'> = { name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno' };

async function startThread(who: keyof typeof DEMO, body: unknown, chapter = chapterId): Promise<CommentThreadDto> {
  const res = await t.request('POST', `/api/chapters/${chapter}/comments`, { cookie: await as(who), body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CommentThreadDto;
}
async function reply(who: keyof typeof DEMO, threadId: string, body: unknown): Promise<CommentThreadDto> {
  const res = await t.request('POST', `/api/threads/${threadId}/comments`, { cookie: await as(who), body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CommentThreadDto;
}
async function list(who: keyof typeof DEMO = 'viewer', chapter = chapterId): Promise<CommentThreadDto[]> {
  const res = await t.request('GET', `/api/chapters/${chapter}/comments`, { cookie: await as(who) });
  expect(res.status).toBe(200);
  return (await res.json()) as CommentThreadDto[];
}
const notifications = () =>
  t.collab.calls.filter((c) => c.kind === 'notifyChapter').map((c) => (c.kind === 'notifyChapter' ? [c.chapterId, c.event.type] : []));

describe('threads and comments', () => {
  it('starts a thread: the server makes the thread id, stores text and quote, names the author with organisation', async () => {
    const thread = await startThread('expert', { quote: 'rozwój transportu zbiorowego', body: '  Proszę doprecyzować\nzakres.  ' });
    expect(thread.id).toMatch(/^[a-z2-7]{16}$/);
    expect(thread).toMatchObject({
      chapterId,
      quote: 'rozwój transportu zbiorowego',
      createdAt: '2026-11-26T09:00:00.000Z',
      createdBy: { id: t.userId(DEMO.expert), ...PIOTR },
      resolved: null,
    });
    expect(thread.comments).toEqual([
      {
        id: expect.any(String), threadId: thread.id, author: { id: t.userId(DEMO.expert), ...PIOTR },
        body: 'Proszę doprecyzować\nzakres.', createdAt: '2026-11-26T09:00:00.000Z',
        edited: false, editedAt: null, deleted: false, mentions: [],
      },
    ]);
    // Every member reads it, the viewer included.
    expect(await list('viewer')).toEqual([thread]);
    expect(notifications()).toEqual([[chapterId, 'comments-changed']]);
  });

  it('lists threads in creation order with replies oldest first; other chapters are separate', async () => {
    const first = await startThread('expert', { quote: 'A', body: 'pierwszy' });
    t.clock.advance(60_000);
    const second = await startThread('editorTuczno', { quote: 'B', body: 'drugi' });
    t.clock.advance(60_000);
    await reply('coordinator', first.id, { body: 'odpowiedź' });
    t.clock.advance(60_000);
    await reply('expert', first.id, { body: 'dziękuję' });

    const threads = await list('editorCzlopa');
    expect(threads.map((th) => th.id)).toEqual([first.id, second.id]);
    expect(threads[0].comments.map((c) => [c.body, c.author.name])).toEqual([
      ['pierwszy', 'Piotr Lewandowski'], ['odpowiedź', 'Katarzyna Wiśniewska'], ['dziękuję', 'Piotr Lewandowski'],
    ]);
    expect(threads[0].comments[1].createdAt).toBe('2026-11-26T09:02:00.000Z');
    expect(await list('viewer', t.demo.walcz.chapterIds[6])).toEqual([]);
    expect(notifications()).toHaveLength(4);
  });

  it('edits one’s own comment (marked edited, with mentions replaced) but never someone else’s (403)', async () => {
    const thread = await startThread('editorTuczno', { quote: 'cel 1', body: 'stara treść', mentions: [t.userId(DEMO.expert)] });
    const commentId = thread.comments[0].id;
    t.clock.advance(5 * 60_000);

    const other = await t.request('PATCH', `/api/comments/${commentId}`, { cookie: await as('coordinator'), body: { body: 'przejęte' } });
    expect(other.status).toBe(403);
    expect(((await other.json()) as ErrorBody).error.code).toBe('forbidden');

    const keep = await t.request('PATCH', `/api/comments/${commentId}`, { cookie: await as('editorTuczno'), body: { body: 'nowa treść' } });
    expect(keep.status).toBe(200);
    const kept = ((await keep.json()) as CommentThreadDto).comments[0];
    expect(kept).toMatchObject({ body: 'nowa treść', edited: true, editedAt: '2026-11-26T09:05:00.000Z', createdAt: '2026-11-26T09:00:00.000Z' });
    expect(kept.mentions.map((m) => m.name)).toEqual(['Piotr Lewandowski']);

    const swap = await t.request('PATCH', `/api/comments/${commentId}`, {
      cookie: await as('editorTuczno'), body: { body: 'nowa treść', mentions: [t.userId(DEMO.coordinator)] },
    });
    expect(((await swap.json()) as CommentThreadDto).comments[0].mentions.map((m) => m.name)).toEqual(['Katarzyna Wiśniewska']);
    expect((await list())[0].comments[0].body).toBe('nowa treść');
    expect(notifications()).toHaveLength(3);
  });

  it('deletes one’s own comment softly; a thread with replies stays; the last comment’s deletion removes the thread', async () => {
    const thread = await startThread('expert', { quote: 'OSI', body: 'uwaga eksperta', mentions: [t.userId(DEMO.editorTuczno)] });
    const replied = await reply('editorTuczno', thread.id, { body: 'odpowiedź gminy' });
    const [firstId, replyId] = replied.comments.map((c) => c.id);

    const foreign = await t.request('DELETE', `/api/comments/${firstId}`, { cookie: await as('editorTuczno') });
    expect(foreign.status).toBe(403);

    const res = await t.request('DELETE', `/api/comments/${firstId}`, { cookie: await as('expert') });
    expect(res.status).toBe(200);
    const after = (await res.json()) as DeleteCommentResponse;
    expect(after.thread?.comments.map((c) => [c.deleted, c.body, c.mentions.length])).toEqual([[true, '', 0], [false, 'odpowiedź gminy', 0]]);
    expect(after.thread?.comments[0].author.name).toBe('Piotr Lewandowski');
    expect(await list()).toHaveLength(1);
    // The deleted text is gone from the database, not only hidden.
    expect(t.services.db.prepare('SELECT body FROM comments WHERE id = ?').get(firstId)).toEqual({ body: '' });

    const edit = await t.request('PATCH', `/api/comments/${firstId}`, { cookie: await as('expert'), body: { body: 'wskrzeszony' } });
    expect(edit.status).toBe(409);

    const last = await t.request('DELETE', `/api/comments/${replyId}`, { cookie: await as('editorTuczno') });
    expect((await last.json()) as DeleteCommentResponse).toEqual({ thread: null });
    expect(await list()).toEqual([]);
    expect((await t.request('POST', `/api/threads/${thread.id}/comments`, { cookie: await as('expert'), body: { body: 'x' } })).status).toBe(404);
  });

  it('resolves and reopens a thread, showing who resolved it and when; a reply reopens it', async () => {
    const thread = await startThread('expert', { quote: 'wskaźnik', body: 'brak wartości bazowej' });
    t.clock.advance(3600_000);
    const resolved = await t.request('POST', `/api/threads/${thread.id}/resolve`, { cookie: await as('editorTuczno') });
    expect(resolved.status).toBe(200);
    expect(((await resolved.json()) as CommentThreadDto).resolved).toEqual({
      at: '2026-11-26T10:00:00.000Z', by: { id: t.userId(DEMO.editorTuczno), ...MAREK },
    });
    // Resolving again keeps the first resolution.
    t.clock.advance(60_000);
    await t.request('POST', `/api/threads/${thread.id}/resolve`, { cookie: await as('coordinator') });
    expect((await list())[0].resolved?.by.name).toBe('Marek Zieliński');

    const reopened = await t.request('POST', `/api/threads/${thread.id}/reopen`, { cookie: await as('expert') });
    expect(((await reopened.json()) as CommentThreadDto).resolved).toBeNull();

    await t.request('POST', `/api/threads/${thread.id}/resolve`, { cookie: await as('coordinator') });
    expect((await list())[0].resolved?.by.name).toBe('Katarzyna Wiśniewska');
    const answered = await reply('editorCzlopa', thread.id, { body: 'jednak nie' });
    expect(answered.resolved).toBeNull();
    // start, resolve, reopen, resolve, reply: the repeated resolve changed nothing and notified nobody.
    expect(notifications()).toHaveLength(5);
  });

  it('keeps HTML as plain text: stored and returned exactly as typed, never interpreted', async () => {
    const body = '<img src=x onerror="alert(1)"> <b>pogrubienie</b> & https://bip.walcz.pl/';
    const thread = await startThread('coordinator', { quote: '<script>alert(1)</script>', body });
    expect(thread.comments[0].body).toBe(body);
    expect(thread.quote).toBe('<script>alert(1)</script>');
  });

  it('cuts a very long quote instead of refusing the comment', async () => {
    const thread = await startThread('coordinator', { quote: 'ą'.repeat(5000), body: 'cały rozdział' });
    expect(thread.quote).toHaveLength(Limits.maxCommentQuoteLength);
    expect(thread.quote.endsWith('…')).toBe(true);
  });
});

describe('who may comment', () => {
  it('a viewer reads comments but may not write them (403), and nothing is stored', async () => {
    const thread = await startThread('expert', { quote: 'x', body: 'y' });
    const viewer = await as('viewer');
    const tries: [string, string, unknown][] = [
      ['POST', `/api/chapters/${chapterId}/comments`, { quote: 'x', body: 'obserwator' }],
      ['POST', `/api/threads/${thread.id}/comments`, { body: 'obserwator' }],
      ['POST', `/api/threads/${thread.id}/resolve`, undefined],
      ['POST', `/api/threads/${thread.id}/reopen`, undefined],
      ['PATCH', `/api/comments/${thread.comments[0].id}`, { body: 'obserwator' }],
      ['DELETE', `/api/comments/${thread.comments[0].id}`, undefined],
    ];
    for (const [method, path, body] of tries) {
      const res = await t.request(method, path, { cookie: viewer, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe('forbidden');
    }
    // Even an invalid body is judged on access first.
    expect((await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: viewer, body: {} })).status).toBe(403);
    expect(await list('viewer')).toEqual([thread]);
    expect(notifications()).toHaveLength(1);
  });

  it('editors, experts and coordinators may comment', async () => {
    for (const who of ['coordinator', 'editorTuczno', 'editorCzlopa', 'expert'] as const) {
      await startThread(who, { quote: 'q', body: `od ${who}` });
    }
    expect((await list()).map((th) => th.comments[0].body)).toEqual(['od coordinator', 'od editorTuczno', 'od editorCzlopa', 'od expert']);
  });

  it('answers another partnership’s member 404, exactly as for an unknown id', async () => {
    const thread = await startThread('expert', { quote: 'x', body: 'y' });
    const commentId = thread.comments[0].id;
    const outsider = await as('otherPartnership');
    const member = await as('coordinator');
    const pairs: [string, string, string, unknown][] = [
      ['GET', `/api/chapters/${chapterId}/comments`, '/api/chapters/nieznany1234567/comments', undefined],
      ['POST', `/api/chapters/${chapterId}/comments`, '/api/chapters/nieznany1234567/comments', { quote: 'a', body: 'b' }],
      ['POST', `/api/threads/${thread.id}/comments`, '/api/threads/nieznany1234567/comments', { body: 'b' }],
      ['POST', `/api/threads/${thread.id}/resolve`, '/api/threads/nieznany1234567/resolve', undefined],
      ['POST', `/api/threads/${thread.id}/reopen`, '/api/threads/nieznany1234567/reopen', undefined],
      ['PATCH', `/api/comments/${commentId}`, '/api/comments/nieznany1234567', { body: 'b' }],
      ['DELETE', `/api/comments/${commentId}`, '/api/comments/nieznany1234567', undefined],
      ['GET', `/api/partnerships/${t.demo.walcz.partnershipId}/mentionable`, '/api/partnerships/nieznany1234567/mentionable', undefined],
    ];
    for (const [method, foreignPath, unknownPath, body] of pairs) {
      const foreign = await t.request(method, foreignPath, { cookie: outsider, body });
      const unknown = await t.request(method, unknownPath, { cookie: member, body });
      expect(foreign.status, `${method} ${foreignPath}`).toBe(404);
      expect(await foreign.text()).toBe(await unknown.text());
    }
    expect(await list()).toEqual([thread]);
  });

  it('answers anonymous requests 401', async () => {
    const thread = await startThread('expert', { quote: 'x', body: 'y' });
    const paths: [string, string, unknown][] = [
      ['GET', `/api/chapters/${chapterId}/comments`, undefined],
      ['POST', `/api/chapters/${chapterId}/comments`, { quote: 'a', body: 'b' }],
      ['POST', `/api/threads/${thread.id}/comments`, { body: 'b' }],
      ['POST', `/api/threads/${thread.id}/resolve`, undefined],
      ['PATCH', `/api/comments/${thread.comments[0].id}`, { body: 'b' }],
      ['DELETE', `/api/comments/${thread.comments[0].id}`, undefined],
      ['GET', `/api/partnerships/${t.demo.walcz.partnershipId}/mentionable`, undefined],
      ['GET', '/api/inbox', undefined],
      ['POST', '/api/inbox/read', { threadIds: [thread.id] }],
    ];
    for (const [method, path, body] of paths) {
      expect((await t.request(method, path, { body })).status, `${method} ${path}`).toBe(401);
    }
  });

  it('a frozen chapter keeps its comments readable but takes no new comment, reply, edit or resolution (409 chapter_frozen, as every refusal for a freeze)', async () => {
    const thread = await startThread('expert', { quote: 'x', body: 'przed zamrożeniem' });
    t.services.db.prepare('UPDATE chapters SET frozen_at = ?, frozen_by = ? WHERE id = ?').run(t.clock.now, t.userId(DEMO.coordinator), chapterId);
    const before = notifications().length;

    for (const who of ['coordinator', 'editorTuczno', 'expert'] as const) {
      const cookie = await as(who);
      const tries: [string, string, unknown][] = [
        ['POST', `/api/chapters/${chapterId}/comments`, { quote: 'a', body: 'po zamrożeniu' }],
        ['POST', `/api/threads/${thread.id}/comments`, { body: 'po zamrożeniu' }],
        ['POST', `/api/threads/${thread.id}/resolve`, undefined],
        ['PATCH', `/api/comments/${thread.comments[0].id}`, { body: 'po zamrożeniu' }],
        ['DELETE', `/api/comments/${thread.comments[0].id}`, undefined],
      ];
      for (const [method, path, body] of tries) {
        const res = await t.request(method, path, { cookie, body });
        expect(res.status, `${who} ${method} ${path}`).toBe(409);
        expect(((await res.json()) as ErrorBody).error.code).toBe('chapter_frozen');
      }
    }
    // A viewer could not comment anyway: plain forbidden.
    const viewer = await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: await as('viewer'), body: { quote: 'a', body: 'b' } });
    expect(((await viewer.json()) as ErrorBody).error.code).toBe('forbidden');

    expect(await list('viewer')).toEqual([thread]);
    expect(await list('expert')).toEqual([thread]);
    expect(notifications()).toHaveLength(before);
  });
});

describe('validation', () => {
  const issuesOf = async (res: Response) => {
    expect(res.status).toBe(400);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe('validation_failed');
    return err.error.details?.issues ?? [];
  };

  it('names the bad field for empty, too long or missing bodies and quotes, and unknown fields', async () => {
    const cookie = await as('editorTuczno');
    const cases: [unknown, string, RegExp][] = [
      [{ quote: 'q', body: '   \n  ' }, 'body', /empty/],
      [{ quote: 'q', body: 'x'.repeat(Limits.maxCommentLength + 1) }, 'body', /10000/],
      [{ quote: 'q' }, 'body', /./],
      [{ quote: '  ', body: 'b' }, 'quote', /empty/],
      [{ body: 'b' }, 'quote', /./],
      [{ quote: 'q', body: 'b', html: '<b>b</b>' }, '', /html/],
      [{ quote: 'q', body: 'b', mentions: 'all' }, 'mentions', /./],
    ];
    for (const [body, path, message] of cases) {
      const issues = await issuesOf(await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie, body }));
      const issue = issues.find((i) => i.path === path);
      expect(issue, JSON.stringify(body)).toBeDefined();
      expect(issue?.message, JSON.stringify(body)).toMatch(message);
    }
    // Exactly at the limit is fine.
    await startThread('editorTuczno', { quote: 'q', body: 'x'.repeat(Limits.maxCommentLength) });
    expect(await list()).toHaveLength(1);
  });

  it('accepts mentions of the partnership’s members only (unknown or another partnership’s → 400 naming the entry)', async () => {
    const cookie = await as('editorTuczno');
    const outsider = t.userId(DEMO.otherPartnership);
    const member = t.userId(DEMO.viewer);
    const bad = await issuesOf(await t.request('POST', `/api/chapters/${chapterId}/comments`, {
      cookie, body: { quote: 'q', body: '@Ewa @Tomasz', mentions: [member, outsider, 'nieznany1234567'] },
    }));
    expect(bad).toEqual([
      { path: 'mentions.1', message: 'not a member of this partnership' },
      { path: 'mentions.2', message: 'not a member of this partnership' },
    ]);
    expect(await list()).toEqual([]);

    const thread = await startThread('editorTuczno', { quote: 'q', body: '@Ewa', mentions: [member, member] });
    expect(thread.comments[0].mentions).toEqual([{ id: member, name: 'Ewa Dąbrowska', organization: 'Urząd Marszałkowski Województwa Zachodniopomorskiego' }]);
    const replyBad = await t.request('POST', `/api/threads/${thread.id}/comments`, { cookie, body: { body: 'x', mentions: [outsider] } });
    expect((await issuesOf(replyBad)).map((i) => i.path)).toEqual(['mentions.0']);
    const editBad = await t.request('PATCH', `/api/comments/${thread.comments[0].id}`, { cookie, body: { body: 'x', mentions: [outsider] } });
    expect((await issuesOf(editBad)).map((i) => i.path)).toEqual(['mentions.0']);
    expect((await list())[0].comments.map((c) => c.body)).toEqual(['@Ewa']);
  });

  it('refuses non-JSON bodies (415) and malformed JSON (400)', async () => {
    const cookie = await as('editorTuczno');
    const form = await t.request('POST', `/api/chapters/${chapterId}/comments`, {
      cookie, rawBody: 'quote=a&body=b', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const broken = await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie, rawBody: '{"quote":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
  });
});

describe('mention autocomplete', () => {
  const mentionable = async (q?: string) => {
    const query = q === undefined ? '' : `?q=${encodeURIComponent(q)}`;
    const res = await t.request('GET', `/api/partnerships/${t.demo.walcz.partnershipId}/mentionable${query}`, { cookie: await as('expert') });
    expect(res.status).toBe(200);
    return (await res.json()) as PersonRef[];
  };

  it('lists the partnership’s members only, by name, matching name or organisation without diacritics', async () => {
    expect((await mentionable()).map((p) => p.name)).toEqual([
      'Agnieszka Kowalczyk', 'Ewa Dąbrowska', 'Katarzyna Wiśniewska', 'Marek Zieliński', 'Piotr Lewandowski',
    ]);
    expect(await mentionable('dab')).toEqual([
      { id: t.userId(DEMO.viewer), name: 'Ewa Dąbrowska', organization: 'Urząd Marszałkowski Województwa Zachodniopomorskiego' },
    ]);
    expect((await mentionable('ZWIĄZEK')).map((p) => p.name)).toEqual(['Piotr Lewandowski']);
    expect((await mentionable('tuczno')).map((p) => p.name)).toEqual(['Marek Zieliński']);
    expect(await mentionable('Wójcik')).toEqual([]);
  });

  it('validates the query', async () => {
    const res = await t.request('GET', `/api/partnerships/${t.demo.walcz.partnershipId}/mentionable?q=${'a'.repeat(101)}`, { cookie: await as('expert') });
    expect(res.status).toBe(400);
  });
});

describe('dashboard', () => {
  it('shows open threads per chapter in GET /api/strategies and GET /api/partnerships/:id', async () => {
    const other = t.demo.walcz.chapterIds[2];
    const a = await startThread('expert', { quote: 'a', body: 'a' });
    await startThread('expert', { quote: 'b', body: 'b' });
    await startThread('editorTuczno', { quote: 'c', body: 'c' }, other);
    await t.request('POST', `/api/threads/${a.id}/resolve`, { cookie: await as('coordinator') });

    const [s] = (await (await t.request('GET', '/api/strategies', { cookie: await as('viewer') })).json()) as StrategyDto[];
    const counts = Object.fromEntries(s.chapters.map((c) => [c.id, c.openThreads]));
    expect(counts[chapterId]).toBe(1);
    expect(counts[other]).toBe(1);
    expect(s.chapters.filter((c) => c.openThreads > 0)).toHaveLength(2);

    const p = (await (await t.request('GET', `/api/partnerships/${t.demo.walcz.partnershipId}`, { cookie: await as('viewer') })).json()) as PartnershipDto;
    expect(p.strategies[0].chapters.find((c) => c.id === chapterId)?.openThreads).toBe(1);

    await t.request('POST', `/api/threads/${a.id}/reopen`, { cookie: await as('coordinator') });
    const [again] = (await (await t.request('GET', '/api/strategies', { cookie: await as('viewer') })).json()) as StrategyDto[];
    expect(again.chapters.find((c) => c.id === chapterId)?.openThreads).toBe(2);
  });
});
