import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol.ts';
import { hashToken, REFRESH_GRANULARITY_MS } from '../../server/auth/sessions.ts';
import { createTestContext, DEMO, sessionCookieOf, type TestContext } from '../helpers/http.ts';

const HOUR = 3600_000;
let t: TestContext;
afterEach(() => t.close());

const me = (cookie: string) => t.request('GET', '/api/auth/me', { cookie });

describe('session expiry (fake clock)', () => {
  it('expires after the idle timeout without requests', async () => {
    t = await createTestContext({ env: { SESSION_IDLE_HOURS: '2', SESSION_MAX_HOURS: '10' } });
    const cookie = await t.login(DEMO.editorTuczno);
    t.clock.advance(2 * HOUR - 1000);
    expect((await me(cookie)).status).toBe(200);
    t.clock.advance(2 * HOUR); // idle again, measured from the last request
    expect((await me(cookie)).status).toBe(401);
    expect(t.services.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('slides: each request pushes the idle expiry and re-sends the cookie', async () => {
    t = await createTestContext({ env: { SESSION_IDLE_HOURS: '2', SESSION_MAX_HOURS: '10' } });
    const cookie = await t.login(DEMO.editorTuczno);
    for (let i = 0; i < 5; i++) {
      t.clock.advance(HOUR + 30 * 60_000);
      const res = await me(cookie);
      expect(res.status).toBe(200);
      const refreshed = res.headers.getSetCookie().find((c) => c.startsWith('ws_session='));
      expect(refreshed).toContain(cookie);
      expect(refreshed).toMatch(/Max-Age=7200/);
    }
    // A request right after another does not rewrite the session or the cookie.
    t.clock.advance(REFRESH_GRANULARITY_MS / 2);
    const quiet = await me(cookie);
    expect(quiet.headers.getSetCookie()).toEqual([]);
  });

  it('ends at the absolute lifetime however active the session is', async () => {
    t = await createTestContext({ env: { SESSION_IDLE_HOURS: '2', SESSION_MAX_HOURS: '5' } });
    const cookie = await t.login(DEMO.editorTuczno);
    for (let elapsed = 0; elapsed + HOUR < 5 * HOUR; elapsed += HOUR) {
      t.clock.advance(HOUR);
      expect((await me(cookie)).status).toBe(200);
    }
    t.clock.advance(HOUR);
    expect((await me(cookie)).status).toBe(401);
  });
});

describe('password change', () => {
  it('ends the other sessions, keeps this one, closes the user’s sockets, and the new password works', async () => {
    t = await createTestContext();
    const here = await t.login(DEMO.editorCzlopa);
    const elsewhere = await t.login(DEMO.editorCzlopa);
    const someoneElse = await t.login(DEMO.editorTuczno);
    const res = await t.request('POST', '/api/auth/password', {
      cookie: here,
      body: { currentPassword: 'strategia-demo', newPassword: 'nowe-bezpieczne-haslo' },
    });
    expect(res.status).toBe(204);
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await me(someoneElse)).status).toBe(200);
    expect(t.collab.calls).toEqual([
      { kind: 'closeUserConnections', userId: t.userId(DEMO.editorCzlopa), code: CloseCode.Reauthenticate, reason: expect.any(String) },
    ]);
    expect((await t.request('POST', '/api/auth/login', { body: { email: DEMO.editorCzlopa, password: 'strategia-demo' } })).status).toBe(401);
    await t.login(DEMO.editorCzlopa, 'nowe-bezpieczne-haslo');
  });

  it('refuses a wrong current password (403, nothing ends) and a short new one (400 newPassword)', async () => {
    t = await createTestContext();
    const here = await t.login(DEMO.editorCzlopa);
    const elsewhere = await t.login(DEMO.editorCzlopa);
    const wrong = await t.request('POST', '/api/auth/password', { cookie: here, body: { currentPassword: 'zle', newPassword: 'nowe-bezpieczne-haslo' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect((await me(elsewhere)).status).toBe(200);
    const short = await t.request('POST', '/api/auth/password', { cookie: here, body: { currentPassword: 'strategia-demo', newPassword: 'krotkie' } });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { details: { issues: [{ path: 'newPassword' }] } } });
    expect(t.collab.calls).toEqual([]);
  });
});

describe('tokens and cookies', () => {
  it('stores only SHA-256 hashes of tokens; tokens carry 192 random bits', async () => {
    t = await createTestContext();
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) tokens.add((await t.login(DEMO.viewer)).split('=')[1]);
    expect(tokens.size).toBe(20);
    const ids = (t.services.db.prepare('SELECT id FROM sessions').all() as { id: string }[]).map((r) => r.id);
    for (const token of tokens) {
      expect(token).toMatch(/^[a-z2-7]{39}$/); // 24 bytes in base32: 192 bits
      expect(ids).toContain(hashToken(token));
      expect(ids).not.toContain(token);
    }
    const dump = JSON.stringify(t.services.db.prepare('SELECT * FROM sessions').all());
    for (const token of tokens) expect(dump).not.toContain(token);
  });

  it('sets HttpOnly, SameSite=Lax, Path=/ and no Secure over plain HTTP', async () => {
    t = await createTestContext();
    const res = await t.request('POST', '/api/auth/login', { body: { email: DEMO.viewer, password: 'strategia-demo' } });
    const [line] = res.headers.getSetCookie();
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Secure/);
    expect(line).toMatch(/Max-Age=604800/); // 168 h idle by default
  });

  it('adds Secure when PUBLIC_URL is https (the production configuration)', async () => {
    t = await createTestContext({ env: { PUBLIC_URL: 'https://strategia.walcz.example' } });
    const res = await t.request('POST', '/api/auth/login', { body: { email: DEMO.viewer, password: 'strategia-demo' } });
    const [line] = res.headers.getSetCookie();
    expect(line).toMatch(/; Secure/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(sessionCookieOf(res)).not.toBeNull();
  });
});
