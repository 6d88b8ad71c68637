import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Limits } from '../../shared/limits.ts';
import { isAllowedOrigin } from '../../server/auth/origin.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

describe('isAllowedOrigin', () => {
  const local = { publicOrigin: null, extraOrigins: ['http://localhost:5173'] };
  const pub = { publicOrigin: 'https://strategia.walcz.example', extraOrigins: [] };

  it('without PUBLIC_URL accepts exactly http://<Host> and the extra origins', () => {
    expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', local)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5173', 'localhost:3000', local)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 'localhost:3000', local)).toBe(false);
    expect(isAllowedOrigin('null', 'localhost:3000', local)).toBe(false);
    expect(isAllowedOrigin('http://localhost:3000.evil.example', 'localhost:3000', local)).toBe(false);
    expect(isAllowedOrigin('http://evil-localhost:3000', 'localhost:3000', local)).toBe(false);
    expect(isAllowedOrigin('https://localhost:3000', 'localhost:3000', local)).toBe(false);
    expect(isAllowedOrigin('ws://localhost:3000', 'localhost:3000', local)).toBe(false);
    expect(isAllowedOrigin('http://localhost:3001', 'localhost:3000', local)).toBe(false);
    expect(isAllowedOrigin(undefined, 'localhost:3000', local)).toBe(false);
    expect(isAllowedOrigin('http://localhost:3000', undefined, local)).toBe(false);
  });

  it('with PUBLIC_URL accepts only it (the Host header no longer counts)', () => {
    expect(isAllowedOrigin('https://strategia.walcz.example', 'anything', pub)).toBe(true);
    expect(isAllowedOrigin('http://strategia.walcz.example', 'strategia.walcz.example', pub)).toBe(false);
    expect(isAllowedOrigin('http://attacker.example', 'attacker.example', pub)).toBe(false);
    expect(isAllowedOrigin('https://strategia.walcz.example.evil.example', 'x', pub)).toBe(false);
  });
});

describe('unsafe requests: Origin and JSON-only bodies', () => {
  let t: TestContext;
  let cookie: string;
  beforeEach(async () => {
    t = await createTestContext();
    cookie = await t.login(DEMO.coordinator);
  });
  afterEach(() => t.close());

  const rename = (headers: Record<string, string>, extra: { rawBody?: string } = {}) =>
    t.request('PATCH', `/api/chapters/${t.demo.walcz.chapterIds[2]}`, {
      cookie,
      body: extra.rawBody === undefined ? { title: 'Nowy tytuł' } : undefined,
      rawBody: extra.rawBody,
      headers: { host: 'localhost:3000', ...headers },
    });
  const title = () => t.services.stores.chapters.chapterById(t.demo.walcz.chapterIds[2])?.title;

  it.each([
    ['a foreign site', 'http://evil.example'],
    ['null (sandboxed frame, file://)', 'null'],
    ['a look-alike domain', 'http://localhost:3000.evil.example'],
    ['another scheme', 'https://localhost:3000'],
    ['another port', 'http://localhost:3001'],
  ])('refuses %s with 403 bad_origin and changes nothing', async (_label, origin) => {
    const res = await rename({ origin });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_origin' } });
    expect(title()).toBe('Proces opracowania i partycypacja');
  });

  it('accepts the app’s own origin', async () => {
    const res = await rename({ origin: 'http://localhost:3000' });
    expect(res.status).toBe(200);
    expect(title()).toBe('Nowy tytuł');
  });

  it('accepts a request without Origin from a non-browser tool', async () => {
    expect((await rename({})).status).toBe(200);
  });

  it('refuses a request without Origin that a browser marks cross-site', async () => {
    const res = await rename({ 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(title()).toBe('Proces opracowania i partycypacja');
  });

  it('checks Origin on login too (no login CSRF)', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: DEMO.coordinator, password: 'strategia-demo' },
      headers: { origin: 'http://evil.example', host: 'localhost:3000' },
    });
    expect(res.status).toBe(403);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp'])(
    'refuses Content-Type %s with 415',
    async (type) => {
      const res = await rename({ 'content-type': type });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
      expect(title()).toBe('Proces opracowania i partycypacja');
    },
  );

  it('refuses a body without Content-Type with 415', async () => {
    const res = await t.request('PATCH', `/api/chapters/${t.demo.walcz.chapterIds[2]}`, {
      cookie,
      rawBody: JSON.stringify({ title: 'x' }),
    });
    expect(res.status).toBe(415);
  });

  it('accepts application/json with a charset', async () => {
    expect((await rename({ 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('answers malformed JSON with 400 validation_failed', async () => {
    const res = await rename({ 'content-type': 'application/json' }, { rawBody: '{"title": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('refuses a body over the JSON limit with 413', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(Limits.maxJsonBodyBytes) });
    const res = await rename({ 'content-type': 'application/json' }, { rawBody: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('GET requests need no Origin and change nothing', async () => {
    const before = t.services.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    const res = await t.request('GET', '/api/strategies', { cookie, headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(200);
    expect(t.services.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(before);
  });
});

describe('with PUBLIC_URL', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext({ env: { PUBLIC_URL: 'https://strategia.walcz.example' } });
  });
  afterEach(() => t.close());

  it('accepts only the public origin, whatever the Host header says', async () => {
    const login = (origin: string, host: string) =>
      t.request('POST', '/api/auth/login', { body: { email: DEMO.viewer, password: 'strategia-demo' }, headers: { origin, host } });
    expect((await login('https://strategia.walcz.example', 'strategia.walcz.example')).status).toBe(200);
    expect((await login('http://attacker.example', 'attacker.example')).status).toBe(403);
  });
});
