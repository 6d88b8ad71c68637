/**
 * GET /api/health (liveness) and GET /api/health/ready (readiness) in process: ready on a
 * writable database; 503 naming the database when it is read-only or locked by someone else;
 * the write probe really writes, and not more than once per PROBE_REUSE_MS.
 * (The commit worker's states are checked on a real server: tests/collab/health.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createServices, type Services } from '../../server/services.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { PROBE_FAILED_REUSE_MS, PROBE_REUSE_MS } from '../../server/health/readiness.ts';
import { PROBE_BUSY_MS } from '../../server/storage/writeProbe.ts';
import type { HealthReadyResponse } from '../../shared/apiTypes.ts';
import { createTestContext, fakeClock, recordingCollab, type FakeClock, type TestContext } from '../helpers/http.ts';

let t: TestContext | null = null;
const cleanups: (() => void)[] = [];
afterEach(() => {
  t?.close();
  t = null;
  for (const c of cleanups.splice(0)) c();
});

/** The app on a database file (opened as `open` says), with a fake clock. */
function appOnFile(open: (file: string) => Database.Database) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-health-'));
  const file = path.join(dir, 'strategia.db');
  openDatabase({ path: file }).close(); // create and migrate it
  const clock = fakeClock();
  const config = loadConfig({ DATA_DIR: dir, CLIENT_DIR: path.join(dir, 'client'), LOG_LEVEL: 'error', ARGON2_MEMORY_KIB: '1024' });
  const services: Services = createServices(config, { db: open(file), clock: () => clock.now });
  const app = createApp(services, { control: recordingCollab(services), mount() {} });
  cleanups.push(() => {
    services.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { app, services, clock, file };
}

async function ready(app: { request(p: string): Response | Promise<Response> }): Promise<{ status: number; body: HealthReadyResponse }> {
  const res = await app.request('/api/health/ready');
  return { status: res.status, body: (await res.json()) as HealthReadyResponse };
}

const probeWrittenAt = (services: Services) =>
  (services.db.prepare('SELECT written_at FROM health_probe WHERE id = 1').get() as { written_at: number } | undefined)?.written_at;

describe('liveness', () => {
  it('GET /api/health answers 200 up without a session', async () => {
    t = await createTestContext();
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'up' });
  });
});

describe('readiness', () => {
  it('is 200 ready on a writable database, and the probe really writes', async () => {
    t = await createTestContext();
    const res = await t.request('GET', '/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      status: 'ready',
      checks: { database: { ok: true }, commitWorker: { ok: true, state: 'none' }, documentWrites: { ok: true } },
      failed: [],
    });
    expect(probeWrittenAt(t.services)).toBe(t.clock.now);
  });

  it('writes at most once per PROBE_REUSE_MS however often it is asked', async () => {
    t = await createTestContext();
    const first = t.clock.now;
    await t.request('GET', '/api/health/ready');
    t.clock.advance(PROBE_REUSE_MS - 1);
    for (let i = 0; i < 20; i++) expect((await t.request('GET', '/api/health/ready')).status).toBe(200);
    expect(probeWrittenAt(t.services)).toBe(first);
    t.clock.advance(1);
    await t.request('GET', '/api/health/ready');
    expect(probeWrittenAt(t.services)).toBe(first + PROBE_REUSE_MS);
  });

  it('is 503 naming the database when the database is read-only, while liveness stays 200', async () => {
    const { app } = appOnFile((file) => new Database(file, { readonly: true, fileMustExist: true }));
    const { status, body } = await ready(app);
    expect(status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.failed).toEqual(['database']);
    expect(body.checks.database).toEqual({ ok: false, error: 'sqlite_readonly' });
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('is 503 while another process holds the write lock, and ready again once it lets go', async () => {
    const { app, clock, file } = appOnFile((f) => openDatabase({ path: f }));
    const other = new Database(file);
    cleanups.unshift(() => other.close());
    other.exec('BEGIN IMMEDIATE');
    const t0 = performance.now();
    const locked = await ready(app);
    const waited = performance.now() - t0;
    expect(locked.status).toBe(503);
    expect(locked.body.checks.database).toEqual({ ok: false, error: 'sqlite_busy' });
    // The probe gives up after PROBE_BUSY_MS, not the connection's usual 5 s.
    expect(waited).toBeGreaterThanOrEqual(PROBE_BUSY_MS * 0.9);
    expect(waited).toBeLessThan(PROBE_BUSY_MS + 1500);

    other.exec('ROLLBACK');
    // Within PROBE_FAILED_REUSE_MS the failed result is reused (each failed probe may have
    // blocked the event loop for PROBE_BUSY_MS); afterwards the probe writes again.
    clock.advance(PROBE_FAILED_REUSE_MS - 1);
    expect((await ready(app)).status).toBe(503);
    clock.advance(1);
    expect(await ready(app)).toMatchObject({ status: 200, body: { status: 'ready', failed: [] } });
  });
});
