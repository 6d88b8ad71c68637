/**
 * Fresh installs with the real server process (`tsx server/main.ts`, as `npm start` runs it):
 * - a developer machine (no PUBLIC_URL, no SEED_DEMO): the demo, as the README says;
 * - production (PUBLIC_URL https, empty DATA_DIR, no SEED_DEMO): no demo account (401), a
 *   setup link in the log, and from it the first administrator, a partnership with
 *   organisations from the TERC list, a strategy, a coordinator who accepts the invitation
 *   and edits a chapter over WebSocket; a restart prints no new link;
 * - SEED_DEMO=1 with PUBLIC_URL https: a loud warning at every start while a demo account has
 *   the published password, and none once every demo password has been changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AdminPartnershipDto, InvitedMemberResponse, MeResponse, PartnershipDto, PartnershipOrganizationDto,
  TercUnitDto,
} from '../../shared/apiTypes.ts';
import { startServer, waitFor, type RunningServer } from '../helpers/server.ts';
import { appendParagraph, connectClient } from '../helpers/yclient.ts';
import { DEMO } from '../helpers/demo.ts';

const PUBLIC = 'https://strategia.example';
const WARNING = 'DEMO ACCOUNTS WITH THE PUBLISHED PASSWORD';
const running: RunningServer[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function start(env: Record<string, string | undefined>, dataDir?: string): Promise<RunningServer> {
  const s = await startServer({ env: { LOG_LEVEL: 'info', ...env }, dataDir });
  running.push(s);
  return s;
}

/** A JSON call as a browser on PUBLIC_URL would make it (Origin of the public address). */
async function call<T>(s: RunningServer, method: string, path: string, opts: { cookie?: string; body?: unknown } = {}): Promise<{ status: number; body: T; cookie: string | null }> {
  const headers: Record<string, string> = { origin: PUBLIC };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${s.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, cookie };
}

const demoLogin = (s: RunningServer) => call(s, 'POST', '/api/auth/login', { body: { email: DEMO.coordinator, password: 'strategia-demo' } });

describe('first start', () => {
  it('on a developer machine: the demo as the README says, no setup link', async () => {
    const s = await start({ SEED_DEMO: undefined, PUBLIC_URL: undefined });
    const res = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.coordinator, password: 'strategia-demo' }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => s.output().includes('Demo data created'), 'demo logins in the log');
    expect(s.output()).not.toContain('/konfiguracja/');
    expect(s.output()).not.toContain(WARNING);
  }, 60_000);

  it('in production: no demo accounts, a setup link, and from it a working partnership', async () => {
    const s = await start({ SEED_DEMO: undefined, PUBLIC_URL: PUBLIC });
    expect((await demoLogin(s)).status).toBe(401);
    const link = await waitFor(() => new RegExp(`${PUBLIC}/konfiguracja/([a-z2-7]{39})`).exec(s.output()), 'setup link in the log');
    const token = link![1];
    expect(s.output()).not.toContain('Demo data created');

    // The first administrator.
    const setup = await call<MeResponse>(s, 'POST', `/api/setup/${token}`, { body: { email: 'it@starostwo-walcz.example', name: 'Irena Informatyk', organizationName: 'Starostwo Powiatowe w Wałczu', password: 'haslo-administratorki' } });
    expect(setup.status).toBe(200);
    expect(setup.body.user).toMatchObject({ isAdmin: true, organization: { name: 'Starostwo Powiatowe w Wałczu' } });
    const admin = setup.cookie!;
    expect((await call(s, 'POST', `/api/setup/${token}`, { body: { password: 'inne-haslo-12345' } })).status).toBe(404);

    // The first partnership, its organisations from the TERC list, a strategy.
    const p = await call<AdminPartnershipDto>(s, 'POST', '/api/admin/partnerships', { cookie: admin, body: { name: 'Partnerstwo Powiatu Wałeckiego' } });
    expect(p.status).toBe(201);
    const units = (await call<TercUnitDto[]>(s, 'GET', '/api/terc?q=wa%C5%82', { cookie: admin })).body;
    expect(units.map((u) => u.code)).toEqual(expect.arrayContaining(['3217', '3217011', '3217052']));
    const orgs: PartnershipOrganizationDto[] = [];
    for (const [terc, isLeader] of [['3217', true], ['3217011', false], ['3217052', false]] as const) {
      const added = await call<PartnershipOrganizationDto>(s, 'POST', `/api/admin/partnerships/${p.body.id}/organizations`, { cookie: admin, body: { terc, isLeader } });
      expect(added.status).toBe(201);
      orgs.push(added.body);
    }
    expect(orgs.map((o) => o.name)).toEqual(['Powiat Wałecki', 'Gmina Miejska Wałcz', 'Gmina Wiejska Wałcz']);
    expect((await call(s, 'POST', `/api/admin/partnerships/${p.body.id}/organizations`, { cookie: admin, body: { name: 'Związek Miast Polskich', kind: 'zmp' } })).status).toBe(201);
    expect((await call(s, 'POST', `/api/admin/partnerships/${p.body.id}/strategies`, { cookie: admin, body: { title: 'Strategia terytorialna 2030' } })).status).toBe(201);

    // The first coordinator accepts the invitation and edits a chapter.
    const named = await call<InvitedMemberResponse>(s, 'POST', `/api/admin/partnerships/${p.body.id}/coordinators`, {
      cookie: admin, body: { email: 'koordynator@powiat-walecki.example', name: 'Katarzyna Nowak', organizationId: orgs[0].id },
    });
    expect(named.status).toBe(201);
    const accepted = await call<MeResponse>(s, 'POST', `/api/invitations/${named.body.invitationUrl!.split('/').pop()}/accept`, { body: { password: 'haslo-koordynatorki' } });
    expect(accepted.status).toBe(200);
    const coordinator = accepted.cookie!;
    const partnership = (await call<PartnershipDto>(s, 'GET', `/api/partnerships/${p.body.id}`, { cookie: coordinator })).body;
    expect(partnership.myRole).toBe('coordinator');
    const chapterId = partnership.strategies[0].chapters[4].id;
    const writer = connectClient(s.wsUrl, chapterId, { cookie: coordinator, extended: true });
    const reader = connectClient(s.wsUrl, chapterId, { cookie: coordinator });
    try {
      await writer.synced();
      await reader.synced();
      appendParagraph(writer.doc, 'Wizja: partnerstwo, które się rozwija');
      await waitFor(() => reader.text().includes('partnerstwo, które się rozwija'), 'the edit reaches another editor');
    } finally {
      writer.destroy();
      reader.destroy();
    }

    // A restart prints no new setup link, and still no demo account.
    const dataDir = s.dataDir;
    await s.stop();
    running.pop();
    const again = await start({ SEED_DEMO: undefined, PUBLIC_URL: PUBLIC }, dataDir);
    expect((await demoLogin(again)).status).toBe(401);
    expect((await call(again, 'POST', '/api/auth/login', { body: { email: 'koordynator@powiat-walecki.example', password: 'haslo-koordynatorki' } })).status).toBe(200);
    expect(again.output()).not.toContain('/konfiguracja/');
    // The coordinator's edit was stored.
    const probe = connectClient(again.wsUrl, chapterId, { cookie: (await call(again, 'POST', '/api/auth/login', { body: { email: 'koordynator@powiat-walecki.example', password: 'haslo-koordynatorki' } })).cookie! });
    try {
      await probe.synced();
      expect(probe.text()).toContain('partnerstwo, które się rozwija');
    } finally {
      probe.destroy();
    }
  }, 90_000);

  it('SEED_DEMO=1 on a public https address warns at every start while the published password is in use', async () => {
    const first = await start({ SEED_DEMO: '1', PUBLIC_URL: PUBLIC });
    await waitFor(() => first.output().includes(WARNING), 'the warning at the first start');
    expect(first.output()).toContain(DEMO.coordinator);
    const dataDir = first.dataDir;
    await first.stop();
    running.pop();

    const second = await start({ SEED_DEMO: '1', PUBLIC_URL: PUBLIC }, dataDir);
    await waitFor(() => second.output().includes(WARNING), 'the warning at the second start');
    // Change every demo account's password: the warning is gone at the next start.
    for (const email of Object.values(DEMO)) {
      const login = await call(second, 'POST', '/api/auth/login', { body: { email, password: 'strategia-demo' } });
      expect(login.status).toBe(200);
      const changed = await call(second, 'POST', '/api/auth/password', { cookie: login.cookie!, body: { currentPassword: 'strategia-demo', newPassword: `nowe-haslo-${email}` } });
      expect(changed.status).toBe(204);
    }
    await second.stop();
    running.pop();
    const third = await start({ SEED_DEMO: '1', PUBLIC_URL: PUBLIC }, dataDir);
    await waitFor(() => /TERC list|No administrator yet/.test(third.output()), 'the installation check ran');
    expect(third.output()).not.toContain(WARNING);
  }, 120_000);
});
