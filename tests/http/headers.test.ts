import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/http.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives.get('script-src')).toEqual(["'self'"]); // no 'unsafe-inline', no 'unsafe-eval'
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('connect-src')).toEqual(expect.arrayContaining(["'self'", 'ws:', 'wss:']));
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
}

describe('security headers', () => {
  it('are on API answers, errors included', async () => {
    expectSecurityHeaders(await t.request('GET', '/api/health'));
    expectSecurityHeaders(await t.request('GET', '/api/auth/me'));
    expectSecurityHeaders(await t.request('POST', '/api/auth/login', { rawBody: 'x', headers: { 'content-type': 'text/plain' } }));
  });

  it('are on the client page', async () => {
    expectSecurityHeaders(await t.request('GET', '/'));
  });

  it('API answers are never cached', async () => {
    expect((await t.request('GET', '/api/health')).headers.get('cache-control')).toBe('no-store');
  });

  it('unexpected errors are a bare 500 `internal` without a stack trace', async () => {
    t.services.db.exec('DROP TABLE memberships'); // make the next query fail inside a route
    const login = await t.request('POST', '/api/auth/login', { body: { email: 'koordynator@walcz.example', password: 'strategia-demo' } });
    expect(login.status).toBe(500);
    const text = await login.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal server error.' } });
    expect(text).not.toMatch(/memberships|at .*\.ts|SqliteError/);
  });
});

describe('serving the built client', () => {
  const dir = () => t.services.config.clientDir;

  it('answers 503 with instructions when the client is not built', async () => {
    const res = await t.request('GET', '/strategie/123');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  it('serves files, falls back to index.html for app routes, never for /api or /collab', async () => {
    fs.mkdirSync(path.join(dir(), 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir(), 'index.html'), '<!doctype html><title>Wspólna Strategia</title>');
    fs.writeFileSync(path.join(dir(), 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir(), 'favicon.svg'), '<svg/>');

    const index = await t.request('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');

    const route = await t.request('GET', '/rozdzial/abc');
    expect(await route.text()).toContain('Wspólna Strategia');

    const asset = await t.request('GET', '/assets/index-abc123.js');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    expect((await t.request('GET', '/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await t.request('GET', '/assets/missing-123.js')).status).toBe(404);
    expect((await t.request('GET', '/api/unknown')).headers.get('content-type')).toMatch(/json/);
    expect((await t.request('GET', '/collab/abc')).status).toBe(404);
  });

  it('does not serve files outside the client folder', async () => {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(path.join(dir(), 'index.html'), 'INDEX');
    fs.writeFileSync(path.join(dir(), '..', 'secret.txt'), 'SECRET');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await t.request('GET', p);
      expect(await res.text(), p).not.toContain('SECRET');
    }
  });
});
