/**
 * Installation administration (issue 16) through the API: setup links, the administrator
 * (who is not a member of any partnership's content), partnerships with organisations from
 * the TERC list, strategies from the template, coordinators with invitations, and the
 * coordinator's structure changes (organisations, strategies, archive, plan, deactivation),
 * the commenting role, and "approved" following the freeze.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AdminPartnershipDto, ChapterDto, InvitedMemberResponse, MeResponse, MemberDto, PartnershipDto,
  PartnershipOrganizationDto, SetupLinkDto, StrategyDto, StrategyProgressDto, TercUnitDto,
} from '../../shared/apiTypes.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { issueSetupLink } from '../../server/admin/setup.ts';
import { loadShippedTerc } from '../../server/terc/shipped.ts';
import { STRATEGY_CHAPTER_TEMPLATE } from '../../server/seed/template.ts';
import { createTestContext, DEMO, sessionCookieOf, type TestContext } from '../helpers/http.ts';

let t: TestContext;
let coordinator: string;
let pid: string;
beforeEach(async () => {
  t = await createTestContext();
  loadShippedTerc(t.services.stores.terc);
  coordinator = await t.login(DEMO.coordinator);
  pid = t.demo.walcz.partnershipId;
});
afterEach(() => t.close());

const json = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
};
const tokenOf = (path: string) => path.split('/').pop()!;

/** Creates the first administrator through a setup link and returns their cookie. */
async function firstAdmin(): Promise<string> {
  const token = tokenOf(issueSetupLink(t.services, 'first-admin'));
  const res = await t.request('POST', `/api/setup/${token}`, {
    body: { email: 'admin@starostwo.example', name: 'Jan Administrator', password: 'bardzo-tajne-haslo' },
  });
  const me = await json<MeResponse>(res, 200);
  expect(me.user).toMatchObject({ email: 'admin@starostwo.example', isAdmin: true });
  expect(me.memberships).toEqual([]);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('no cookie');
  return cookie;
}

describe('setup links', () => {
  it('creates the first administrator once; the link then is dead', async () => {
    const token = tokenOf(issueSetupLink(t.services, 'first-admin'));
    expect(await json<SetupLinkDto>(await t.request('GET', `/api/setup/${token}`), 200)).toEqual({ purpose: 'first-admin', email: null, name: null });
    const body = { email: 'admin@starostwo.example', name: 'Jan Administrator', password: 'bardzo-tajne-haslo' };
    await json(await t.request('POST', `/api/setup/${token}`, { body }), 200);
    const again = await t.request('POST', `/api/setup/${token}`, { body: { ...body, email: 'drugi@starostwo.example' } });
    expect((await json<{ error: { code: string } }>(again, 404)).error.code).toBe('setup_link_invalid');
    // A new first-administrator link is void once an administrator exists.
    const late = tokenOf(issueSetupLink(t.services, 'first-admin'));
    expect((await t.request('GET', `/api/setup/${late}`)).status).toBe(404);
    expect(t.services.stores.people.adminCount()).toBe(1);
    // Only the hash is stored.
    const stored = t.services.db.prepare('SELECT token_hash FROM setup_tokens').all() as { token_hash: string }[];
    expect(stored.some((r) => r.token_hash.includes(token))).toBe(false);
  });

  it('refuses malformed tokens, missing fields and short passwords', async () => {
    expect((await t.request('GET', '/api/setup/nie-token')).status).toBe(404);
    const token = tokenOf(issueSetupLink(t.services, 'first-admin'));
    await json(await t.request('POST', `/api/setup/${token}`, { body: { password: 'bardzo-tajne-haslo' } }), 400);
    await json(await t.request('POST', `/api/setup/${token}`, { body: { email: 'a@b.example', name: 'A', password: 'krótkie' } }), 400);
    // Still usable after refused attempts.
    await json(await t.request('POST', `/api/setup/${token}`, { body: { email: 'a@b.example', name: 'A', password: 'bardzo-tajne-haslo' } }), 200);
  });

  it('a newer link voids the older one', async () => {
    const older = tokenOf(issueSetupLink(t.services, 'first-admin'));
    const newer = tokenOf(issueSetupLink(t.services, 'first-admin'));
    expect((await t.request('GET', `/api/setup/${older}`)).status).toBe(404);
    expect((await t.request('GET', `/api/setup/${newer}`)).status).toBe(200);
  });

  it("sets an administrator's password and ends their sessions", async () => {
    const admin = await firstAdmin();
    const adminId = t.userId('admin@starostwo.example');
    const token = tokenOf(issueSetupLink(t.services, 'admin-password', adminId));
    expect(await json<SetupLinkDto>(await t.request('GET', `/api/setup/${token}`), 200)).toMatchObject({ purpose: 'admin-password', email: 'admin@starostwo.example' });
    await json(await t.request('POST', `/api/setup/${token}`, { body: { password: 'nowe-haslo-admina' } }), 200);
    expect((await t.request('GET', '/api/auth/me', { cookie: admin })).status).toBe(401);
    await t.login('admin@starostwo.example', 'nowe-haslo-admina');
    // A password link for someone who is not an administrator does not work.
    const notAdmin = tokenOf(issueSetupLink(t.services, 'admin-password', t.userId(DEMO.coordinator)));
    expect((await t.request('GET', `/api/setup/${notAdmin}`)).status).toBe(404);
  });
});

describe('the administrator', () => {
  it('sets up a partnership: organisations from TERC and typed in, a strategy from the template, a coordinator who accepts', async () => {
    const admin = await firstAdmin();
    const created = await json<AdminPartnershipDto>(await t.request('POST', '/api/admin/partnerships', { cookie: admin, body: { name: 'Partnerstwo Doliny Gwdy' } }), 201);
    const base = `/api/admin/partnerships/${created.id}`;

    const hits = await json<TercUnitDto[]>(await t.request('GET', '/api/terc?q=tuczno', { cookie: admin }), 200);
    expect(hits).toEqual([expect.objectContaining({ code: '3217043', kind: 'gmina', name: 'Gmina i Miasto Tuczno' })]);
    expect((await json<TercUnitDto[]>(await t.request('GET', '/api/terc?q=3217', { cookie: admin }), 200)).length).toBe(6);
    await json(await t.request('GET', '/api/terc?code=12', { cookie: admin }), 400);

    const tuczno = await json<PartnershipOrganizationDto>(await t.request('POST', `${base}/organizations`, { cookie: admin, body: { terc: '3217043', isLeader: true } }), 201);
    expect(tuczno).toMatchObject({ terc: '3217043', kind: 'gmina', isLeader: true, isPartner: true });
    // One organisation per TERC code: the demo's Tuczno is reused, not duplicated.
    expect(tuczno.id).toBe(t.services.stores.people.organizationByTerc('3217043')!.id);
    const unknownCode = await t.request('POST', `${base}/organizations`, { cookie: admin, body: { terc: '9999999' } });
    expect((await json<{ error: { details: { issues: { path: string }[] } } }>(unknownCode, 400)).error.details.issues[0].path).toBe('terc');
    await json(await t.request('POST', `${base}/organizations`, { cookie: admin, body: { terc: '3217043' } }), 409);
    await json(await t.request('POST', `${base}/organizations`, { cookie: admin, body: { terc: '3217011', isLeader: true } }), 409);
    const zmp = await json<PartnershipOrganizationDto>(await t.request('POST', `${base}/organizations`, { cookie: admin, body: { name: 'Związek Miast Polskich', kind: 'zmp' } }), 201);
    expect(zmp).toMatchObject({ terc: null, kind: 'zmp', isPartner: false });
    await json(await t.request('POST', `${base}/organizations`, { cookie: admin, body: { name: 'Gmina X', kind: 'gmina' } }), 400);

    const withStrategy = await json<AdminPartnershipDto>(await t.request('POST', `${base}/strategies`, { cookie: admin, body: { title: 'Strategia Doliny Gwdy 2030' } }), 201);
    expect(withStrategy.strategies).toEqual([expect.objectContaining({ title: 'Strategia Doliny Gwdy 2030', chapterCount: 16, archived: false })]);

    const named = await json<InvitedMemberResponse>(await t.request('POST', `${base}/coordinators`, {
      cookie: admin, body: { email: 'koordynacja@tuczno.example', name: 'Zofia Nowicka', organizationId: tuczno.id },
    }), 201);
    expect(named.member).toMatchObject({ role: 'coordinator', active: false, deactivated: false });
    expect(named.invitationUrl).toMatch(/^\/zaproszenie\/[a-z2-7]{39}$/);
    const accepted = await t.request('POST', `/api/invitations/${tokenOf(named.invitationUrl!)}/accept`, { body: { password: 'haslo-koordynatorki' } });
    const me = await json<MeResponse>(accepted, 200);
    expect(me.memberships).toEqual([{ partnershipId: created.id, partnershipName: 'Partnerstwo Doliny Gwdy', role: 'coordinator' }]);
    const coord = sessionCookieOf(accepted)!;
    const partnership = await json<PartnershipDto>(await t.request('GET', `/api/partnerships/${created.id}`, { cookie: coord }), 200);
    expect(partnership.strategies[0].chapters.map((c) => c.title)).toEqual([...STRATEGY_CHAPTER_TEMPLATE]);
    expect(partnership.strategies[0].chapters[10].title).toBe('OSI ze strategii województwa');
    const chapter = await json<ChapterDto>(await t.request('GET', `/api/chapters/${partnership.strategies[0].chapters[0].id}`, { cookie: coord }), 200);
    expect(chapter.permissions).toMatchObject({ edit: true, manage: true });

    const actions = t.services.stores.audit.list({ partnershipId: created.id }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['partnership.created', 'organization.added', 'strategy.created', 'coordinator.named', 'invitation.accepted']));
  });

  it('is not a member of any partnership: no content without a membership', async () => {
    const admin = await firstAdmin();
    const chapterId = t.demo.walcz.chapterIds[0];
    expect((await t.request('GET', `/api/partnerships/${pid}`, { cookie: admin })).status).toBe(404);
    expect((await t.request('GET', `/api/chapters/${chapterId}`, { cookie: admin })).status).toBe(404);
    expect((await t.request('GET', `/api/chapters/${chapterId}/comments`, { cookie: admin })).status).toBe(404);
    expect(await json<StrategyDto[]>(await t.request('GET', '/api/strategies', { cookie: admin }), 200)).toEqual([]);
    // But sees the structure in the administration.
    const list = await json<AdminPartnershipDto[]>(await t.request('GET', '/api/admin/partnerships', { cookie: admin }), 200);
    const walcz = list.find((p) => p.id === pid)!;
    expect(walcz.coordinators.map((m) => m.email)).toEqual([DEMO.coordinator]);
    expect(walcz.strategies[0].chapterCount).toBe(16);
  });

  it('administration is refused to coordinators and everyone else', async () => {
    for (const email of [DEMO.coordinator, DEMO.editorTuczno, DEMO.viewer]) {
      const cookie = await t.login(email);
      expect((await t.request('GET', '/api/admin/partnerships', { cookie })).status).toBe(403);
      expect((await t.request('POST', '/api/admin/partnerships', { cookie, body: { name: 'X' } })).status).toBe(403);
    }
    expect((await t.request('GET', '/api/admin/partnerships')).status).toBe(401);
    expect((await t.request('GET', '/api/terc?q=a', { cookie: await t.login(DEMO.editorTuczno) })).status).toBe(403);
    expect((await t.request('GET', '/api/terc?q=a', { cookie: coordinator })).status).toBe(200);
  });
});

describe('a coordinator shapes the partnership', () => {
  const orgs = async () => (await json<PartnershipDto>(await t.request('GET', `/api/partnerships/${pid}`, { cookie: coordinator }), 200)).organizations;

  it('adds and removes organisations; an organisation with members stays', async () => {
    const ngo = await json<PartnershipOrganizationDto>(await t.request('POST', `/api/partnerships/${pid}/organizations`, {
      cookie: coordinator, body: { name: 'Stowarzyszenie Aktywny Wałcz', kind: 'inne' },
    }), 201);
    expect((await orgs()).map((o) => o.id)).toContain(ngo.id);
    await json(await t.request('DELETE', `/api/partnerships/${pid}/organizations/${ngo.id}`, { cookie: coordinator }), 204);
    expect((await orgs()).map((o) => o.id)).not.toContain(ngo.id);
    const tuczno = (await orgs()).find((o) => o.terc === '3217043')!;
    await json(await t.request('DELETE', `/api/partnerships/${pid}/organizations/${tuczno.id}`, { cookie: coordinator }), 409);
    const leader = (await orgs()).find((o) => o.isLeader)!;
    await json(await t.request('DELETE', `/api/partnerships/${pid}/organizations/${leader.id}`, { cookie: coordinator }), 409);
    const editor = await t.login(DEMO.editorTuczno);
    expect((await t.request('POST', `/api/partnerships/${pid}/organizations`, { cookie: editor, body: { name: 'X', kind: 'inne' } })).status).toBe(403);
  });

  it('adds, renames, archives and restores strategies; archived chapters are read-only but kept', async () => {
    const s = await json<StrategyDto>(await t.request('POST', `/api/partnerships/${pid}/strategies`, { cookie: coordinator, body: { title: 'Aktualizacja 2027', template: false } }), 201);
    expect(s.chapters).toEqual([]);
    const renamed = await json<StrategyDto>(await t.request('PATCH', `/api/strategies/${s.id}`, { cookie: coordinator, body: { title: 'Aktualizacja strategii 2027' } }), 200);
    expect(renamed.title).toBe('Aktualizacja strategii 2027');

    const strategyId = t.demo.walcz.strategyId;
    const chapterId = t.demo.walcz.chapterIds[2];
    const archived = await json<StrategyDto>(await t.request('POST', `/api/strategies/${strategyId}/archive`, { cookie: coordinator }), 200);
    expect(archived.archived).toBe(true);
    expect(t.collab.calls).toContainEqual({ kind: 'chapterStateChanged', chapterId });
    const editor = await t.login(DEMO.editorTuczno);
    const ch = await json<ChapterDto>(await t.request('GET', `/api/chapters/${chapterId}`, { cookie: editor }), 200);
    expect(ch.archived).toBe(true);
    expect(ch.permissions).toMatchObject({ read: true, edit: false, comment: false, suggest: false });
    await json(await t.request('POST', `/api/strategies/${strategyId}/archive`, { cookie: coordinator }), 409);
    await json(await t.request('POST', `/api/strategies/${strategyId}/restore`, { cookie: coordinator }), 200);
    expect((await json<ChapterDto>(await t.request('GET', `/api/chapters/${chapterId}`, { cookie: editor }), 200)).permissions.edit).toBe(true);
    expect((await t.request('POST', `/api/strategies/${strategyId}/archive`, { cookie: editor })).status).toBe(403);
  });

  it('archives a chapter without deleting its history, and restores it', async () => {
    const chapterId = t.demo.walcz.chapterIds[3];
    const thread = await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: coordinator, body: { quote: 'tekst', body: 'Uwaga przed archiwizacją' } });
    expect(thread.status).toBe(201);
    const archived = await json<ChapterDto>(await t.request('POST', `/api/chapters/${chapterId}/archive`, { cookie: coordinator }), 200);
    expect(archived).toMatchObject({ archived: true, permissions: { comment: false, edit: false, manage: true } });
    const strategy = await json<StrategyDto>(await t.request('GET', `/api/strategies/${t.demo.walcz.strategyId}`, { cookie: coordinator }), 200);
    expect(strategy.chapters.find((c) => c.id === chapterId)).toMatchObject({ archived: true, openThreads: 1 });
    expect((await json<unknown[]>(await t.request('GET', `/api/chapters/${chapterId}/comments`, { cookie: coordinator }), 200)).length).toBe(1);
    expect((await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: coordinator, body: { quote: 'x', body: 'po' } })).status).toBe(403);
    await json(await t.request('POST', `/api/chapters/${chapterId}/restore`, { cookie: coordinator }), 200);
    const actions = t.services.stores.audit.list({ partnershipId: pid }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['chapter.archived', 'chapter.restored']));
  });

  it("names a chapter's owner and due date, shown in the strategy summary", async () => {
    const chapterId = t.demo.walcz.chapterIds[5];
    const owner = t.userId(DEMO.editorTuczno);
    const ch = await json<ChapterDto>(await t.request('PUT', `/api/chapters/${chapterId}/plan`, { cookie: coordinator, body: { ownerUserId: owner, dueDate: '2027-03-31' } }), 200);
    expect(ch).toMatchObject({ owner: { id: owner, name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno' }, dueDate: '2027-03-31' });
    const summary = (await json<StrategyDto>(await t.request('GET', `/api/strategies/${t.demo.walcz.strategyId}`, { cookie: coordinator }), 200)).chapters[5];
    expect(summary).toMatchObject({ owner: { name: 'Marek Zieliński' }, dueDate: '2027-03-31' });
    const progress = await json<StrategyProgressDto>(await t.request('GET', `/api/strategies/${t.demo.walcz.strategyId}/progress`, { cookie: await t.login(DEMO.viewer) }), 200);
    expect(progress.today).toBe('2026-11-26');
    expect(progress.chapters.find((c) => c.chapterId === chapterId)).toEqual({ chapterId, openThreads: 0, openSuggestions: 0, dueDate: '2027-03-31', daysLeft: 125 });
    expect(progress.chapters.filter((c) => c.dueDate === null)).toHaveLength(15);
    await json(await t.request('PUT', `/api/chapters/${chapterId}/plan`, { cookie: coordinator, body: { dueDate: '2027-02-30' } }), 400);
    await json(await t.request('PUT', `/api/chapters/${chapterId}/plan`, { cookie: coordinator, body: { ownerUserId: t.userId(DEMO.otherPartnership) } }), 400);
    const cleared = await json<ChapterDto>(await t.request('PUT', `/api/chapters/${chapterId}/plan`, { cookie: coordinator, body: { ownerUserId: null, dueDate: null } }), 200);
    expect(cleared).toMatchObject({ owner: null, dueDate: null });
    expect((await t.request('PUT', `/api/chapters/${chapterId}/plan`, { cookie: await t.login(DEMO.editorTuczno), body: { dueDate: '2027-01-01' } })).status).toBe(403);
  });

  it('deactivates a person: sessions end, sockets close, no access, history keeps the name; reactivation restores access', async () => {
    const editor = await t.login(DEMO.editorTuczno);
    const editorId = t.userId(DEMO.editorTuczno);
    const chapterId = t.demo.walcz.chapterIds[1];
    await json(await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: editor, body: { quote: 'tekst', body: 'Mój komentarz' } }), 201);
    const member = await json<MemberDto>(await t.request('POST', `/api/partnerships/${pid}/members/${editorId}/deactivate`, { cookie: coordinator }), 200);
    expect(member).toMatchObject({ name: 'Marek Zieliński', deactivated: true });
    expect(t.collab.calls).toContainEqual({ kind: 'closeUserConnections', userId: editorId, code: CloseCode.Unauthorized, reason: 'deactivated' });
    expect((await t.request('GET', '/api/auth/me', { cookie: editor })).status).toBe(401);
    const again = await t.login(DEMO.editorTuczno);
    expect((await t.request('GET', `/api/partnerships/${pid}`, { cookie: again })).status).toBe(404);
    expect((await t.request('GET', `/api/chapters/${chapterId}`, { cookie: again })).status).toBe(404);
    expect((await json<MeResponse>(await t.request('GET', '/api/auth/me', { cookie: again }), 200)).memberships).toEqual([]);
    // History keeps the name: the comment still shows its author.
    const threads = await json<Array<{ comments: Array<{ author: { name: string } }> }>>(await t.request('GET', `/api/chapters/${chapterId}/comments`, { cookie: coordinator }), 200);
    expect(threads.flatMap((th) => th.comments.map((c) => c.author.name))).toContain('Marek Zieliński');
    // Listed as deactivated, not offered for mentions.
    const p = await json<PartnershipDto>(await t.request('GET', `/api/partnerships/${pid}`, { cookie: coordinator }), 200);
    expect(p.members.find((m) => m.userId === editorId)).toMatchObject({ deactivated: true });
    const mentionable = await json<Array<{ id: string }>>(await t.request('GET', `/api/partnerships/${pid}/mentionable`, { cookie: coordinator }), 200);
    expect(mentionable.map((m) => m.id)).not.toContain(editorId);
    await json(await t.request('POST', `/api/partnerships/${pid}/members/${editorId}/deactivate`, { cookie: coordinator }), 409);
    await json(await t.request('POST', `/api/partnerships/${pid}/members/${editorId}/reactivate`, { cookie: coordinator }), 200);
    expect((await t.request('GET', `/api/partnerships/${pid}`, { cookie: again })).status).toBe(200);
    // The last coordinator cannot be deactivated.
    await json(await t.request('POST', `/api/partnerships/${pid}/members/${t.userId(DEMO.coordinator)}/deactivate`, { cookie: coordinator }), 409);
  });
});

describe('the commenting role ("opiniujący")', () => {
  it('reads and comments, never edits, suggests, reviews or manages', async () => {
    const viewerId = t.userId(DEMO.viewer);
    await json(await t.request('PATCH', `/api/partnerships/${pid}/members/${viewerId}`, { cookie: coordinator, body: { role: 'commenter' } }), 200);
    const commenter = await t.login(DEMO.viewer);
    const chapterId = t.demo.walcz.chapterIds[4];
    const ch = await json<ChapterDto>(await t.request('GET', `/api/chapters/${chapterId}`, { cookie: commenter }), 200);
    expect(ch.permissions).toEqual({ read: true, comment: true, suggest: false, edit: false, review: false, manage: false });
    await json(await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: commenter, body: { quote: 'tekst', body: 'Opinia Urzędu Marszałkowskiego' } }), 201);
    expect((await t.request('POST', `/api/chapters/${chapterId}/suggestions/decide`, { cookie: commenter, body: { decision: 'accept', all: true } })).status).toBeGreaterThanOrEqual(400);
    expect((await t.request('PATCH', `/api/chapters/${chapterId}`, { cookie: commenter, body: { title: 'X' } })).status).toBe(403);
    expect((await t.request('POST', `/api/chapters/${chapterId}/versions`, { cookie: commenter, body: { name: 'moja' } })).status).toBe(403);
    // A viewer still cannot comment.
    await json(await t.request('PATCH', `/api/partnerships/${pid}/members/${viewerId}`, { cookie: coordinator, body: { role: 'viewer' } }), 200);
    const viewer = await t.login(DEMO.viewer);
    expect((await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: viewer, body: { quote: 'tekst', body: 'x' } })).status).toBe(403);
  });
});

describe('status follows the freeze', () => {
  it('"approved" only by freezing; unfreezing puts the chapter back in review', async () => {
    const chapterId = t.demo.walcz.chapterIds[0];
    await json(await t.request('PATCH', `/api/chapters/${chapterId}`, { cookie: coordinator, body: { status: 'approved' } }), 409);
    const frozen = await json<{ chapter: ChapterDto }>(await t.request('POST', `/api/chapters/${chapterId}/freeze`, { cookie: coordinator, body: { note: 'Przyjęte' } }), 201);
    expect(frozen.chapter.status).toBe('approved');
    await json(await t.request('PATCH', `/api/chapters/${chapterId}`, { cookie: coordinator, body: { status: 'draft' } }), 409);
    const un = await json<{ chapter: ChapterDto }>(await t.request('POST', `/api/chapters/${chapterId}/unfreeze`, { cookie: coordinator, body: { reason: 'Poprawki' } }), 200);
    expect(un.chapter).toMatchObject({ status: 'review', frozen: null });
  });
});
