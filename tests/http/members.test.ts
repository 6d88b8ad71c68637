import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddMemberResponse, InvitationDto, MeResponse, MemberDto, PartnershipDto } from '../../shared/apiTypes.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { INVITATION_TTL_MS } from '../../server/http/routes/partnerships.ts';
import { hashToken } from '../../server/auth/sessions.ts';
import { createTestContext, DEMO, sessionCookieOf, type TestContext } from '../helpers/http.ts';

let t: TestContext;
let coordinator: string;
let pid: string;
beforeEach(async () => {
  t = await createTestContext();
  coordinator = await t.login(DEMO.coordinator);
  pid = t.demo.walcz.partnershipId;
});
afterEach(() => t.close());

const orgId = (name: string) => {
  const row = t.services.db.prepare<[string], { id: string }>('SELECT id FROM organizations WHERE name = ?').get(name);
  if (!row) throw new Error(name);
  return row.id;
};
const addMember = (body: Record<string, unknown>, cookie = coordinator) =>
  t.request('POST', `/api/partnerships/${pid}/members`, { cookie, body });
const newMember = (extra: Record<string, unknown> = {}) => ({
  email: 'anna.nowak@miroslawiec.example',
  name: 'Anna Nowak',
  organizationId: orgId('Gmina i Miasto Mirosławiec'),
  role: 'editor',
  ...extra,
});
const auditActions = () => t.services.stores.audit.list({ partnershipId: pid }).map((e) => e.action);

describe('adding members', () => {
  it('with an initial password: the account works at once', async () => {
    const res = await addMember(newMember({ password: 'mocne-haslo-123' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as AddMemberResponse;
    expect(body.invitationUrl).toBeUndefined();
    expect(body.member).toMatchObject({ email: 'anna.nowak@miroslawiec.example', role: 'editor', active: true });
    expect(body.member.organization).toMatchObject({ name: 'Gmina i Miasto Mirosławiec', terc: '3217033' });
    const cookie = await t.login('anna.nowak@miroslawiec.example', 'mocne-haslo-123');
    const me = (await (await t.request('GET', '/api/auth/me', { cookie })).json()) as MeResponse;
    expect(me.memberships).toEqual([expect.objectContaining({ partnershipId: pid, role: 'editor' })]);
    expect(auditActions()).toContain('member.added');
  });

  it('without a password: a one-time invitation link, accepted once, which logs the person in', async () => {
    const res = await addMember(newMember({ role: 'viewer' }));
    expect(res.status).toBe(201);
    const { member, invitationUrl } = (await res.json()) as AddMemberResponse;
    expect(member.active).toBe(false);
    expect(invitationUrl).toMatch(/^\/zaproszenie\/[a-z2-7]{39}$/);
    const token = invitationUrl!.split('/').pop()!;

    // Only the hash is stored.
    const stored = t.services.db.prepare('SELECT token_hash FROM invitations').all() as { token_hash: string }[];
    expect(stored).toEqual([{ token_hash: hashToken(token) }]);
    expect(JSON.stringify(t.services.db.prepare('SELECT * FROM invitations').all())).not.toContain(token);

    // Nobody can log in to the pending account.
    expect((await t.request('POST', '/api/auth/login', { body: { email: member.email, password: 'cokolwiek-123' } })).status).toBe(401);

    const info = await t.request('GET', `/api/invitations/${token}`);
    expect(info.status).toBe(200);
    expect((await info.json()) as InvitationDto).toEqual({
      email: 'anna.nowak@miroslawiec.example', name: 'Anna Nowak', role: 'viewer',
      organizationName: 'Gmina i Miasto Mirosławiec', partnershipName: expect.stringContaining('Powiatu Wałeckiego'),
    });

    const accept = await t.request('POST', `/api/invitations/${token}/accept`, { body: { password: 'moje-nowe-haslo' } });
    expect(accept.status).toBe(200);
    const cookie = sessionCookieOf(accept);
    expect(cookie).not.toBeNull();
    expect((await t.request('GET', '/api/auth/me', { cookie: cookie! })).status).toBe(200);
    expect((await t.request('GET', `/api/invitations/${token}`)).status).toBe(404);
    const again = await t.request('POST', `/api/invitations/${token}/accept`, { body: { password: 'inne-haslo-456' } });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'invitation_invalid' } });
    await t.login('anna.nowak@miroslawiec.example', 'moje-nowe-haslo');
    expect(auditActions()).toEqual(expect.arrayContaining(['member.invited', 'invitation.accepted']));
  });

  it('an invitation expires after 7 days', async () => {
    const { invitationUrl } = (await (await addMember(newMember())).json()) as AddMemberResponse;
    t.clock.advance(INVITATION_TTL_MS + 1);
    expect((await t.request('GET', `/api/invitations/${invitationUrl!.split('/').pop()}`)).status).toBe(404);
  });

  it('an invitation of a removed member no longer works', async () => {
    const { member, invitationUrl } = (await (await addMember(newMember())).json()) as AddMemberResponse;
    await t.request('DELETE', `/api/partnerships/${pid}/members/${member.userId}`, { cookie: coordinator });
    const token = invitationUrl!.split('/').pop();
    expect((await t.request('POST', `/api/invitations/${token}/accept`, { body: { password: 'moje-nowe-haslo' } })).status).toBe(404);
  });

  it('unknown or malformed invitation tokens are 404 invitation_invalid', async () => {
    for (const token of ['a'.repeat(39), 'nie-ma', '../../etc']) {
      const res = await t.request('GET', `/api/invitations/${encodeURIComponent(token)}`);
      expect(res.status).toBe(404);
    }
  });

  it('adds an existing account by e-mail with the given role, keeping its password and organisation', async () => {
    // partner@inne.example belongs to the other partnership only.
    const res = await addMember({ email: DEMO.otherPartnership, name: 'Inna Nazwa', organizationId: orgId('Powiat Wałecki'), role: 'expert', password: 'przejete-haslo-1' });
    expect(res.status).toBe(201);
    const { member, invitationUrl } = (await res.json()) as AddMemberResponse;
    expect(invitationUrl).toBeUndefined();
    expect(member).toMatchObject({ name: 'Tomasz Wójcik', role: 'expert', active: true, organization: { name: 'Gmina Czaplinek' } });
    await t.login(DEMO.otherPartnership); // the old password still works
    expect((await t.request('POST', '/api/auth/login', { body: { email: DEMO.otherPartnership, password: 'przejete-haslo-1' } })).status).toBe(401);
  });

  it('refuses an existing member (409) and an organisation outside the partnership (400, field named)', async () => {
    expect((await addMember({ ...newMember(), email: DEMO.editorTuczno })).status).toBe(409);
    const res = await addMember(newMember({ organizationId: orgId('Gmina Czaplinek') }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed', details: { issues: [{ path: 'organizationId' }] } } });
  });

  it('validates the body and names each bad field', async () => {
    const res = await addMember({ email: 'zly-adres', name: '', organizationId: orgId('Powiat Wałecki'), role: 'admin', password: 'krotkie' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { issues: { path: string }[] } } };
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(['email', 'name', 'password', 'role']);
  });
});

describe('changing roles and removing members', () => {
  it('changes a role, audits it and closes that person’s sockets in the partnership for re-authentication', async () => {
    const userId = t.userId(DEMO.editorTuczno);
    const res = await t.request('PATCH', `/api/partnerships/${pid}/members/${userId}`, { cookie: coordinator, body: { role: 'viewer' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as MemberDto).role).toBe('viewer');
    expect(t.collab.calls).toEqual([
      { kind: 'closeUserConnections', userId, partnershipId: pid, code: CloseCode.Reauthenticate, reason: expect.any(String) },
    ]);
    const [entry] = t.services.stores.audit.list({ partnershipId: pid, action: 'member.role_changed' });
    expect(entry).toMatchObject({ userId: t.userId(DEMO.coordinator), details: { memberId: userId, from: 'editor', to: 'viewer' } });
    const editor = await t.login(DEMO.editorTuczno);
    const chapter = await (await t.request('GET', `/api/chapters/${t.demo.walcz.chapterIds[1]}`, { cookie: editor })).json();
    expect((chapter as { permissions: { edit: boolean } }).permissions.edit).toBe(false);
  });

  it('removes a member: audited, their sessions ended and sockets closed, the partnership invisible after a new login', async () => {
    const userId = t.userId(DEMO.editorCzlopa);
    const cookie = await t.login(DEMO.editorCzlopa);
    const res = await t.request('DELETE', `/api/partnerships/${pid}/members/${userId}`, { cookie: coordinator });
    expect(res.status).toBe(204);
    expect(t.collab.calls).toEqual([
      { kind: 'closeUserConnections', userId, code: CloseCode.Unauthorized, reason: expect.any(String) },
    ]);
    expect(auditActions()).toContain('member.removed');
    expect((await t.request('GET', '/api/auth/me', { cookie })).status).toBe(401);
    const again = await t.login(DEMO.editorCzlopa);
    expect(await (await t.request('GET', '/api/strategies', { cookie: again })).json()).toEqual([]);
    expect((await t.request('GET', `/api/chapters/${t.demo.walcz.chapterIds[1]}`, { cookie: again })).status).toBe(404);
  });

  it('protects the last coordinator from demotion and removal (409), also by themselves', async () => {
    const me = t.userId(DEMO.coordinator);
    const demote = await t.request('PATCH', `/api/partnerships/${pid}/members/${me}`, { cookie: coordinator, body: { role: 'editor' } });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await t.request('DELETE', `/api/partnerships/${pid}/members/${me}`, { cookie: coordinator })).status).toBe(409);
    expect(t.services.stores.partnerships.roleOf(pid, me)).toBe('coordinator');

    // With a second coordinator, the first may step down.
    await t.request('PATCH', `/api/partnerships/${pid}/members/${t.userId(DEMO.editorTuczno)}`, { cookie: coordinator, body: { role: 'coordinator' } });
    expect((await t.request('PATCH', `/api/partnerships/${pid}/members/${me}`, { cookie: coordinator, body: { role: 'editor' } })).status).toBe(200);
  });

  it('404 for a user who is not a member of this partnership', async () => {
    const res = await t.request('PATCH', `/api/partnerships/${pid}/members/${t.userId(DEMO.otherPartnership)}`, { cookie: coordinator, body: { role: 'viewer' } });
    expect(res.status).toBe(404);
  });

  it('members see each other (names, roles, organisations) but only the coordinator manages them', async () => {
    for (const email of [DEMO.editorTuczno, DEMO.expert, DEMO.viewer]) {
      const cookie = await t.login(email);
      const p = (await (await t.request('GET', `/api/partnerships/${pid}`, { cookie })).json()) as PartnershipDto;
      expect(p.members).toHaveLength(5);
      expect((await addMember(newMember(), cookie)).status).toBe(403);
      const target = t.userId(DEMO.editorCzlopa);
      expect((await t.request('PATCH', `/api/partnerships/${pid}/members/${target}`, { cookie, body: { role: 'viewer' } })).status).toBe(403);
      expect((await t.request('DELETE', `/api/partnerships/${pid}/members/${target}`, { cookie })).status).toBe(403);
    }
    expect(t.services.stores.partnerships.members(pid)).toHaveLength(5);
  });
});
