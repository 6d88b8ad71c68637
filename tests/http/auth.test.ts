import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol.ts';
import type { MeResponse } from '../../shared/apiTypes.ts';
import { createTestContext, DEMO, sessionCookieOf, type TestContext } from '../helpers/http.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

describe('login', () => {
  it('logs in with the right password and returns the user with memberships', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { email: DEMO.coordinator, password: 'strategia-demo' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as MeResponse;
    expect(body.user.email).toBe(DEMO.coordinator);
    expect(body.user.organization).toMatchObject({ name: 'Powiat Wałecki', kind: 'powiat', terc: '3217' });
    expect(body.memberships).toEqual([
      expect.objectContaining({ role: 'coordinator', partnershipId: t.demo.walcz.partnershipId }),
    ]);
    expect(sessionCookieOf(res)).toMatch(/^ws_session=[a-z2-7]{39}$/);
  });

  it('accepts the e-mail in any case and with surrounding spaces', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { email: '  Koordynator@Walcz.EXAMPLE ', password: 'strategia-demo' } });
    expect(res.status).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    const wrong = await t.request('POST', '/api/auth/login', { body: { email: DEMO.coordinator, password: 'zle-haslo' } });
    const unknown = await t.request('POST', '/api/auth/login', { body: { email: 'nikt@walcz.example', password: 'zle-haslo' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.text();
    expect(a).toBe(await unknown.text());
    expect(JSON.parse(a)).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    expect(sessionCookieOf(wrong)).toBeNull();
  });

  it('evaluates argon2 for an unknown e-mail too (same work as a wrong password)', async () => {
    const before = t.services.passwords.evaluations;
    await t.request('POST', '/api/auth/login', { body: { email: 'nikt@walcz.example', password: 'x' } });
    const afterUnknown = t.services.passwords.evaluations;
    await t.request('POST', '/api/auth/login', { body: { email: DEMO.coordinator, password: 'x' } });
    expect(afterUnknown - before).toBe(1);
    expect(t.services.passwords.evaluations - afterUnknown).toBe(1);
  });

  it('refuses a malformed body with field details', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { email: 'not-an-email', password: '' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('refuses unknown fields (strict schema)', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { email: DEMO.coordinator, password: 'strategia-demo', admin: true } });
    expect(res.status).toBe(400);
  });

  it('never adopts a session cookie planted before login', async () => {
    const planted = 'ws_session=' + 'a'.repeat(39);
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: DEMO.coordinator, password: 'strategia-demo' },
      cookie: planted,
    });
    expect(res.status).toBe(200);
    const fresh = sessionCookieOf(res);
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(planted);
    expect((await t.request('GET', '/api/auth/me', { cookie: planted })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { cookie: fresh! })).status).toBe(200);
  });

  it('ends the previous session of the browser when logging in again', async () => {
    const first = await t.login(DEMO.coordinator);
    const res = await t.request('POST', '/api/auth/login', { body: { email: DEMO.editorTuczno, password: 'strategia-demo' }, cookie: first });
    expect(res.status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { cookie: first })).status).toBe(401);
  });
});

describe('me and logout', () => {
  it('GET /api/auth/me is 401 for anonymous and the user for a session', async () => {
    const anon = await t.request('GET', '/api/auth/me');
    expect(anon.status).toBe(401);
    expect(await anon.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    const cookie = await t.login(DEMO.expert);
    const me = (await (await t.request('GET', '/api/auth/me', { cookie })).json()) as MeResponse;
    expect(me.user.organization.kind).toBe('zmp');
    expect(me.memberships.map((m) => m.role)).toEqual(['expert']);
  });

  it('logout ends the session: the old cookie replayed is 401, and the cookie is cleared', async () => {
    const cookie = await t.login(DEMO.editorTuczno);
    const res = await t.request('POST', '/api/auth/logout', { cookie });
    expect(res.status).toBe(204);
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith('ws_session='));
    expect(cleared).toMatch(/Max-Age=0/);
    expect((await t.request('GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await t.request('GET', '/api/strategies', { cookie })).status).toBe(401);
  });

  it('logout closes the user’s sockets with the Unauthorized close code', async () => {
    const cookie = await t.login(DEMO.editorTuczno);
    await t.request('POST', '/api/auth/logout', { cookie });
    expect(t.collab.calls).toEqual([
      { kind: 'closeUserConnections', userId: t.userId(DEMO.editorTuczno), code: CloseCode.Unauthorized, reason: expect.any(String) },
    ]);
  });

  it('logout of another session of the same person leaves this one working', async () => {
    const a = await t.login(DEMO.editorTuczno);
    const b = await t.login(DEMO.editorTuczno);
    await t.request('POST', '/api/auth/logout', { cookie: a });
    expect((await t.request('GET', '/api/auth/me', { cookie: b })).status).toBe(200);
  });

  it('an unknown cookie is cleared and treated as anonymous', async () => {
    const res = await t.request('GET', '/api/auth/me', { cookie: 'ws_session=zzzz' });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().some((c) => /^ws_session=;.*Max-Age=0/.test(c))).toBe(true);
  });
});

describe('health', () => {
  it('GET /api/health answers up without a session', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'up' });
  });

  it('unknown API paths are JSON 404s, not the client app', async () => {
    const res = await t.request('GET', '/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
