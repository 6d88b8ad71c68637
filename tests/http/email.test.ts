/**
 * Accounts and e-mail (issue 16) against a real SMTP server on 127.0.0.1 (smtp-server):
 * invitations, "forgot password" (the whole flow, no account enumeration, limits), the
 * password change ending other sessions, notifications (mention, reply, freeze and unfreeze),
 * the daily digest with a fixed clock, and unsubscribing without logging in.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, type TestContext } from '../helpers/http.ts';
import { mailTestContext, TEST_PUBLIC_URL, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp.ts';
import { runDigestIfDue } from '../../server/notifications/scheduler.ts';
import type { AddMemberResponse, CommentThreadDto, NotificationSettingsDto } from '../../shared/apiTypes.ts';

const PUBLIC = TEST_PUBLIC_URL;
let smtp: TestSmtpServer;
let t: TestContext;
const { settled } = mailTestContext({}, (s, c) => { smtp = s; t = c; });

/** The first link in a mail's text that starts with `PUBLIC + prefix`. */
function linkIn(mail: ReceivedMail, prefix: string): string {
  const m = new RegExp(`${PUBLIC.replace(/[.]/g, '\\.')}${prefix}\\S+`).exec(mail.text);
  if (!m) throw new Error(`no ${prefix} link in:\n${mail.text}`);
  return m[0];
}
const pathOf = (url: string) => url.slice(PUBLIC.length);
const waitMail = (to: string, subject: RegExp) => smtp.waitFor((m) => m.to === to && subject.test(m.subject));

describe('invitation e-mail', () => {
  it('e-mails the one-time link to the invited person and still shows it to the coordinator', async () => {
    const cookie = await t.login(DEMO.coordinator);
    const org = t.services.stores.people.userByEmail(DEMO.editorTuczno)!.organization_id;
    const res = await t.request('POST', `/api/partnerships/${t.demo.walcz.partnershipId}/members`, {
      cookie, body: { email: 'nowa@walcz.example', name: 'Anna Nowa', organizationId: org, role: 'editor' },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as AddMemberResponse;
    expect(body.invitationUrl).toMatch(/^\/zaproszenie\/[a-z2-7]{39}$/);
    expect(body.invitationEmailed).toBe(true);
    const mail = await waitMail('nowa@walcz.example', /^Zaproszenie do partnerstwa/);
    expect(mail.from).toBe('strategia@test.example');
    expect(mail.text).toContain('Dzień dobry, Anna Nowa!');
    expect(linkIn(mail, '/zaproszenie/')).toBe(PUBLIC + body.invitationUrl);
    expect(mail.html).toContain(`href="${PUBLIC}${body.invitationUrl}"`);
    // The link in the e-mail is the one that works.
    const token = body.invitationUrl!.split('/').pop();
    expect((await t.request('GET', `/api/invitations/${token}`)).status).toBe(200);
  });

  it('e-mails the invitation of a coordinator named by an administrator', async () => {
    // An account of the installation made administrator (as the setup link or `npm run admin` would).
    t.services.db.prepare('UPDATE users SET is_admin = 1 WHERE email = ?').run(DEMO.viewer);
    const cookie = await t.login(DEMO.viewer);
    const org = t.services.stores.people.userByEmail(DEMO.coordinator)!.organization_id;
    const res = await t.request('POST', `/api/admin/partnerships/${t.demo.walcz.partnershipId}/coordinators`, {
      cookie, body: { email: 'koordynatorka@walcz.example', name: 'Ewa Druga', organizationId: org },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as AddMemberResponse;
    expect(body.invitationEmailed).toBe(true);
    const mail = await waitMail('koordynatorka@walcz.example', /^Zaproszenie do partnerstwa/);
    expect(mail.text).toContain('koordynator');
    expect(linkIn(mail, '/zaproszenie/')).toBe(PUBLIC + body.invitationUrl);
  });
});

describe('forgot password', () => {
  it('runs the whole flow: request, e-mail, link, new password, old sessions gone, login works', async () => {
    const first = await t.login(DEMO.editorTuczno);
    const second = await t.login(DEMO.editorTuczno);
    const res = await t.request('POST', '/api/auth/password-reset', { body: { email: 'Tuczno@Walcz.example' } });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'accepted' });

    const mail = await waitMail(DEMO.editorTuczno, /nowe hasło/);
    const link = pathOf(linkIn(mail, '/nowe-haslo/'));
    const token = link.split('/').pop()!;
    // The database keeps only a hash of the token.
    const stored = t.services.db.prepare(`SELECT token_hash FROM password_resets`).all() as { token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    const open = await t.request('GET', `/api/auth/password-reset/${token}`);
    expect(await open.json()).toEqual({ email: DEMO.editorTuczno });
    const set = await t.request('POST', `/api/auth/password-reset/${token}`, { body: { password: 'nowe-haslo-tuczno-1' } });
    expect(set.status).toBe(204);

    for (const cookie of [first, second]) expect((await t.request('GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect(t.collab.calls).toContainEqual(expect.objectContaining({ kind: 'closeUserConnections', userId: t.userId(DEMO.editorTuczno) }));
    expect((await t.request('POST', '/api/auth/login', { body: { email: DEMO.editorTuczno, password: 'strategia-demo' } })).status).toBe(401);
    await t.login(DEMO.editorTuczno, 'nowe-haslo-tuczno-1');

    // Single use.
    const again = await t.request('POST', `/api/auth/password-reset/${token}`, { body: { password: 'jeszcze-inne-haslo' } });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('reset_invalid');
  });

  it('answers an unknown address exactly like a known one, and e-mails only the account', async () => {
    const known = await t.request('POST', '/api/auth/password-reset', { body: { email: DEMO.editorCzlopa }, ip: '10.0.0.1' });
    const unknown = await t.request('POST', '/api/auth/password-reset', { body: { email: 'nikt@walcz.example' }, ip: '10.0.0.2' });
    expect(unknown.status).toBe(known.status);
    expect(await unknown.text()).toBe(await known.text());
    const headerNames = (r: Response) => [...r.headers.keys()].sort();
    expect(headerNames(unknown)).toEqual(headerNames(known));
    await waitMail(DEMO.editorCzlopa, /nowe hasło/);
    const all = await settled();
    expect(all.map((m) => m.to)).toEqual([DEMO.editorCzlopa]);
  });

  it('does no account work before answering: known and unknown addresses take the same time', async () => {
    const timed = async (email: string, ip: string) => {
      const start = performance.now();
      const res = await t.request('POST', '/api/auth/password-reset', { body: { email }, ip });
      const ms = performance.now() - start;
      expect(res.status).toBe(202);
      // The work after the answer (lookup, token, e-mail) must not count in the next measurement.
      await new Promise((r) => setTimeout(r, 40));
      return ms;
    };
    await timed('rozgrzewka@walcz.example', '10.9.9.9');
    const known: number[] = [];
    const unknown: number[] = [];
    const accounts = [DEMO.coordinator, DEMO.editorTuczno, DEMO.editorCzlopa, DEMO.expert, DEMO.viewer, DEMO.otherPartnership];
    for (let i = 0; i < accounts.length; i++) {
      known.push(await timed(accounts[i], `10.1.0.${i}`));
      unknown.push(await timed(`nieznany${i}@walcz.example`, `10.2.0.${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // The answer never waits for a lookup, a hash or the SMTP server: both are a few ms.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(15);
  });

  it('limits requests per e-mail address and per client address', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.request('POST', '/api/auth/password-reset', { body: { email: 'nikt@walcz.example' }, ip: `10.3.0.${i}` })).status).toBe(202);
    }
    const limited = await t.request('POST', '/api/auth/password-reset', { body: { email: 'nikt@walcz.example' }, ip: '10.3.0.9' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) {
      expect((await t.request('POST', '/api/auth/password-reset', { body: { email: `a${i}@walcz.example` }, ip: '10.4.0.1' })).status).toBe(202);
    }
    expect((await t.request('POST', '/api/auth/password-reset', { body: { email: 'b@walcz.example' }, ip: '10.4.0.1' })).status).toBe(429);
  });

  it('refuses an expired link', async () => {
    await t.request('POST', '/api/auth/password-reset', { body: { email: DEMO.expert } });
    const token = pathOf(linkIn(await waitMail(DEMO.expert, /nowe hasło/), '/nowe-haslo/')).split('/').pop()!;
    t.clock.advance(61 * 60_000);
    expect((await t.request('GET', `/api/auth/password-reset/${token}`)).status).toBe(404);
    expect((await t.request('POST', `/api/auth/password-reset/${token}`, { body: { password: 'nowe-haslo-eksperta' } })).status).toBe(404);
  });
});

describe('password change', () => {
  it('ends the person’s other sessions and keeps the current one', async () => {
    const current = await t.login(DEMO.editorCzlopa);
    const other = await t.login(DEMO.editorCzlopa);
    const res = await t.request('POST', '/api/auth/password', { cookie: current, body: { currentPassword: 'strategia-demo', newPassword: 'zmienione-haslo-1' } });
    expect(res.status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { cookie: current })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { cookie: other })).status).toBe(401);
  });
});

describe('notifications', () => {
  const chapter = () => t.demo.walcz.chapterIds[2];
  const startThread = async (email: string, body: string, mentions: string[] = []) => {
    const res = await t.request('POST', `/api/chapters/${chapter()}/comments`, {
      cookie: await t.login(email), body: { quote: 'fragment', body, mentions },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as CommentThreadDto;
  };

  it('e-mails a mention at once, with a working unsubscribe link and RFC 8058 headers', async () => {
    await startThread(DEMO.expert, 'Proszę spojrzeć na wskaźniki', [t.userId(DEMO.editorTuczno)]);
    const mail = await waitMail(DEMO.editorTuczno, /^Wspomniano o Tobie/);
    expect(mail.text).toContain('Proszę spojrzeć na wskaźniki');
    expect(mail.text).toMatch(/Autor\(ka\): .+ · Związek Miast Polskich/);
    const unsubscribe = linkIn(mail, '/wypisz/');
    expect(mail.headers.get('list-unsubscribe')).toBe(`<${unsubscribe}>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // The expert who wrote gets nothing.
    expect((await settled()).filter((m) => m.to === DEMO.expert)).toEqual([]);
  });

  it('e-mails a reply to the people who wrote in the thread before', async () => {
    const thread = await startThread(DEMO.editorTuczno, 'Czy ten akapit zostaje?');
    const cookie = await t.login(DEMO.editorCzlopa);
    const res = await t.request('POST', `/api/threads/${thread.id}/comments`, { cookie, body: { body: 'Tak, z poprawkami.' } });
    expect(res.status).toBe(201);
    const mail = await waitMail(DEMO.editorTuczno, /^Nowa odpowiedź w wątku/);
    expect(mail.text).toContain('Tak, z poprawkami.');
    expect((await settled()).filter((m) => m.to === DEMO.editorCzlopa)).toEqual([]);
  });

  it('tells the people who worked on a chapter when it is frozen and unfrozen', async () => {
    await startThread(DEMO.editorTuczno, 'Uwaga do rozdziału');
    const cookie = await t.login(DEMO.coordinator);
    expect((await t.request('POST', `/api/chapters/${chapter()}/freeze`, { cookie, body: { note: 'Przyjęte przez zespół' } })).status).toBe(201);
    const frozen = await waitMail(DEMO.editorTuczno, /^Rozdział zamrożony/);
    expect(frozen.text).toMatch(/Zamroził\(a\): .+ · Powiat Wałecki/);
    expect(frozen.text).toContain('Przyjęte przez zespół');
    expect((await t.request('POST', `/api/chapters/${chapter()}/unfreeze`, { cookie, body: { reason: 'Poprawki po konsultacjach' } })).status).toBe(200);
    const unfrozen = await waitMail(DEMO.editorTuczno, /^Rozdział odmrożony/);
    expect(unfrozen.text).toContain('Poprawki po konsultacjach');
    // Someone who never touched the chapter hears nothing.
    expect((await settled()).filter((m) => m.to === DEMO.editorCzlopa)).toEqual([]);
  });

  it('e-mails people newly mentioned by an edit of a comment, and only them', async () => {
    const thread = await startThread(DEMO.expert, 'Uwaga', [t.userId(DEMO.editorTuczno)]);
    await waitMail(DEMO.editorTuczno, /^Wspomniano/);
    smtp.messages.length = 0;
    const res = await t.request('PATCH', `/api/comments/${thread.comments[0].id}`, {
      cookie: await t.login(DEMO.expert), body: { body: 'Uwaga (uzupełniona)', mentions: [t.userId(DEMO.editorTuczno), t.userId(DEMO.editorCzlopa)] },
    });
    expect(res.status).toBe(200);
    const mail = await waitMail(DEMO.editorCzlopa, /^Wspomniano/);
    expect(mail.text).toContain('Uwaga (uzupełniona)');
    expect((await settled()).map((m) => m.to)).toEqual([DEMO.editorCzlopa]);
  });

  it('reminds a chapter’s owner of its due date a week ahead, the day before and on the day, once a day at most', async () => {
    // 2026-12-07 07:05 in Warsaw; the coordinator gives chapter 2 an owner and a due date a week later.
    t.clock.now = Date.UTC(2026, 11, 7, 6, 5);
    const coordinator = await t.login(DEMO.coordinator);
    const plan = await t.request('PUT', `/api/chapters/${chapter()}/plan`, {
      cookie: coordinator, body: { ownerUserId: t.userId(DEMO.editorTuczno), dueDate: '2026-12-14' },
    });
    expect(plan.status).toBe(200);
    const state = { lastDay: null };
    expect(await runDigestIfDue(t.services, state)).not.toBeNull();
    const mail = await waitMail(DEMO.editorTuczno, /^Zbliża się termin rozdziału/);
    expect(mail.text).toContain('Termin rozdziału: 2026-12-14');
    // Later the same day nothing more; on a day that is not a reminder day nothing either.
    t.clock.now = Date.UTC(2026, 11, 7, 15, 0);
    await runDigestIfDue(t.services, state);
    t.clock.now = Date.UTC(2026, 11, 9, 6, 5);
    await runDigestIfDue(t.services, state);
    expect((await settled()).filter((m) => m.to === DEMO.editorTuczno && /termin/.test(m.subject))).toHaveLength(1);
    // The day before: a second reminder. A frozen chapter would get none (it is no longer written).
    t.clock.now = Date.UTC(2026, 11, 13, 6, 5);
    await runDigestIfDue(t.services, state);
    const reminders = async () => (await settled()).filter((m) => m.to === DEMO.editorTuczno && /termin/.test(m.subject));
    expect(await reminders()).toHaveLength(2);
    expect(await t.request('POST', `/api/chapters/${chapter()}/freeze`, { cookie: coordinator, body: { note: 'Przyjęte' } })).toHaveProperty('status', 201);
    t.clock.now = Date.UTC(2026, 11, 14, 6, 5);
    await runDigestIfDue(t.services, state);
    expect(await reminders()).toHaveLength(2);
  });

  it('gathers a burst into one e-mail: a milestone freezing two chapters someone commented on', async () => {
    const commentIn = async (chapterId: string) => {
      const res = await t.request('POST', `/api/chapters/${chapterId}/comments`, {
        cookie: await t.login(DEMO.editorCzlopa), body: { quote: 'fragment', body: 'Uwaga' },
      });
      expect(res.status).toBe(201);
    };
    await commentIn(t.demo.walcz.chapterIds[6]);
    await commentIn(t.demo.walcz.chapterIds[7]);
    const res = await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/milestones`, {
      cookie: await t.login(DEMO.coordinator), body: { name: 'Projekt do konsultacji', note: 'Wersja do konsultacji społecznych' },
    });
    expect(res.status).toBe(201);
    const mail = await waitMail(DEMO.editorCzlopa, /^Wspólna Strategia: \d+ powiadomie/);
    const titles = await Promise.all([6, 7].map((i) => t.services.stores.chapters.chapterById(t.demo.walcz.chapterIds[i])!.title));
    for (const title of titles) expect(mail.text).toContain(`„${title}”`);
    expect((await settled()).filter((m) => m.to === DEMO.editorCzlopa)).toHaveLength(1);
  });

  it('collects digest-mode notifications into one e-mail a day after the configured hour', async () => {
    const czlopa = await t.login(DEMO.editorCzlopa);
    const put = await t.request('PUT', '/api/account/notifications', { cookie: czlopa, body: { mode: 'digest' } });
    expect((await put.json()) as NotificationSettingsDto).toEqual({ mode: 'digest', emailEnabled: true });
    const ids = [t.userId(DEMO.editorCzlopa), t.userId(DEMO.editorTuczno)];
    await startThread(DEMO.expert, 'Pierwsza uwaga', ids);
    await startThread(DEMO.expert, 'Druga uwaga', ids);
    await waitMail(DEMO.editorTuczno, /^(Wspomniano|Wspólna Strategia)/);
    expect((await settled()).filter((m) => m.to === DEMO.editorCzlopa)).toEqual([]);

    const state = { lastDay: null };
    t.clock.now = Date.UTC(2026, 11, 7, 5, 30); // 06:30 in Warsaw: before the 07:00 digest
    expect(await runDigestIfDue(t.services, state)).toBeNull();
    t.clock.now = Date.UTC(2026, 11, 7, 6, 5); // 07:05 in Warsaw
    expect(await runDigestIfDue(t.services, state)).toBe(1);
    const digest = await waitMail(DEMO.editorCzlopa, /^Podsumowanie dnia/);
    expect(digest.subject).toContain('2 powiadomienia');
    expect(digest.text).toContain('Pierwsza uwaga');
    expect(digest.text).toContain('Druga uwaga');
    // Once a day, and nothing is sent twice.
    t.clock.now = Date.UTC(2026, 11, 7, 15, 0);
    expect(await runDigestIfDue(t.services, state)).toBeNull();
    t.clock.now = Date.UTC(2026, 11, 8, 6, 5);
    expect(await runDigestIfDue(t.services, state)).toBe(0);
  });

  it('drops waiting digest events when notifications are turned off', async () => {
    const czlopa = await t.login(DEMO.editorCzlopa);
    await t.request('PUT', '/api/account/notifications', { cookie: czlopa, body: { mode: 'digest' } });
    await startThread(DEMO.expert, 'Czeka na podsumowanie', [t.userId(DEMO.editorCzlopa)]);
    await t.request('PUT', '/api/account/notifications', { cookie: czlopa, body: { mode: 'off' } });
    await t.request('PUT', '/api/account/notifications', { cookie: czlopa, body: { mode: 'digest' } });
    expect(await t.services.notifications.runDigest()).toBe(0);
    expect((await settled()).filter((m) => m.to === DEMO.editorCzlopa)).toEqual([]);
  });

  it('unsubscribes without logging in, by the link and by RFC 8058 one-click POST', async () => {
    const tuczno = t.userId(DEMO.editorTuczno);
    await startThread(DEMO.expert, 'Wzmianka', [tuczno, t.userId(DEMO.editorCzlopa)]);
    const tMail = await waitMail(DEMO.editorTuczno, /^Wspomniano/);
    const cMail = await waitMail(DEMO.editorCzlopa, /^Wspomniano/);

    const page = await t.request('GET', pathOf(linkIn(tMail, '/wypisz/')));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain('Wypisano z powiadomień');
    expect(t.services.stores.notifications.modeOf(tuczno)).toBe('off');

    const post = await t.request('POST', pathOf(linkIn(cMail, '/wypisz/')), {
      rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(200);
    expect(t.services.stores.notifications.modeOf(t.userId(DEMO.editorCzlopa))).toBe('off');

    // A forged token does nothing.
    const forged = pathOf(linkIn(tMail, '/wypisz/')).replace(tuczno, t.userId(DEMO.coordinator));
    expect((await t.request('GET', forged)).status).toBe(404);
    expect(t.services.stores.notifications.modeOf(t.userId(DEMO.coordinator))).toBe('immediate');

    smtp.messages.length = 0;
    await startThread(DEMO.expert, 'Kolejna wzmianka', [tuczno, t.userId(DEMO.coordinator)]);
    await waitMail(DEMO.coordinator, /^Wspomniano/);
    expect((await settled()).filter((m) => m.to === DEMO.editorTuczno)).toEqual([]);
  });
});
