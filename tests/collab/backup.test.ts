/**
 * Backup while people type, restore, and nothing confirmed is missing.
 *
 * A real server process; six real y-websocket clients (with this product's SaveQuery/Saved
 * confirmations) type into two chapters. `npm run backup -- DIR` runs as a child process while
 * they type. What a backup promises, precisely: every change whose "stored" confirmation
 * (Saved) arrived before the backup command started is in the backup. Changes confirmed
 * later may or may not be in it. So:
 * - backup A, taken mid-typing, must hold each client's document as of its last confirmation
 *   before A started;
 * - once typing stops and every client's last change is confirmed, backup B must hold every
 *   client's whole document.
 * Each backup is restored as README.md says (the file copied to a fresh DATA_DIR as
 * strategia.db), a new server is started on it, and fresh clients load the chapters from it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startCrowd, type Crowd } from '../helpers/reliability/crowd.ts';
import { missingFrom, startTyping } from '../helpers/reliability/writers.ts';
import { mulberry32 } from '../helpers/random.ts';
import { DEMO } from '../helpers/demo.ts';
import { login, startServer, waitFor, type RunningServer } from '../helpers/server.ts';
import { connectClient, fragmentText } from '../helpers/yclient.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const servers: RunningServer[] = [];
let crowd: Crowd | null = null;
afterEach(async () => {
  crowd?.close();
  crowd = null;
  for (const s of servers.splice(0)) await s.kill();
});

/** Runs `npm run backup -- dir` for a data folder; resolves with the backup file it printed. */
function runBackup(dataDir: string, dir: string): Promise<{ file: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('npm', ['run', '--silent', 'backup', '--', dir], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`backup exited with ${code}: ${stderr}`));
      resolve({ file: stdout.trim(), stderr, ms: performance.now() - t0 });
    });
  });
}

/** Restores a backup as README.md describes and starts a server on it. */
async function restoreAndStart(backupFile: string): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-restored-'));
  fs.copyFileSync(backupFile, path.join(dataDir, 'strategia.db'));
  const server = await startServer({ dataDir, env: { SEED_DEMO: '0' } });
  servers.push(server);
  return server;
}

/** Each chapter's document as a fresh client loads it from `server`. */
async function loadChapters(server: RunningServer, chapters: string[]): Promise<Map<string, Y.Doc>> {
  const cookie = await login(server.url, DEMO.coordinator);
  const docs = new Map<string, Y.Doc>();
  for (const id of chapters) {
    const client = connectClient(server.wsUrl, id, { cookie });
    await client.synced();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
    client.destroy();
    docs.set(id, copy);
  }
  return docs;
}

describe('backup while people type, and restore', () => {
  it('every change confirmed before a backup started is in it, after a restore into a fresh folder', async () => {
    const live = await startServer();
    servers.push(live);
    crowd = await startCrowd(live.url, live.wsUrl, 6, 2);
    const writers = crowd.writers;
    const typing = startTyping(writers, mulberry32(1616));
    await waitFor(() => writers.every((w) => w.confirmed !== null), 'a first confirmation from every client', 15_000);
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-backups-'));

    // Backup A, while everyone types.
    const confirmedBeforeA = writers.map((w) => w.confirmed!);
    const editsBeforeA = writers.reduce((n, w) => n + w.edits, 0);
    const aStart = performance.now();
    const a = await runBackup(live.dataDir, backupDir);
    const aEnd = performance.now();
    const editsDuringA = writers.reduce((n, w) => n + w.edits, 0) - editsBeforeA;
    const confirmedDuringA = writers.flatMap((w) => w.confirmations).filter((c) => c.sentAt > aStart && c.at < aEnd).length;
    expect(a.stderr).toContain('integrity ok');
    expect(path.basename(a.file)).toMatch(/^strategia-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/);
    // They really typed, and were confirmed, while the backup ran.
    expect(editsDuringA).toBeGreaterThan(5);
    expect(confirmedDuringA).toBeGreaterThan(5);

    // Typing goes on a little after A (so A is a snapshot from the middle of it, whatever the
    // timing of the backup process), then stops; every client's last change is confirmed; backup B.
    const editsAfterA = writers.map((w) => w.edits);
    await waitFor(() => writers.every((w, i) => w.edits >= editsAfterA[i] + 2), 'two more edits from every client after backup A', 10_000);
    typing.stop();
    const lastAsk = performance.now();
    for (const w of writers) w.query();
    await waitFor(() => writers.every((w) => w.confirmations.some((c) => c.sentAt >= lastAsk)), 'every last change confirmed', 10_000);
    const b = await runBackup(live.dataDir, backupDir);
    expect(fs.readdirSync(backupDir).sort()).toEqual([path.basename(a.file), path.basename(b.file)].sort());
    const finalDocs = writers.map((w) => Y.encodeStateAsUpdate(w.client.doc));
    const finalTexts = writers.map((w) => fragmentText(w.client.doc));
    crowd.close();
    crowd = null;
    await live.stop();

    // Restore A: every change confirmed before A started is there.
    const fromA = await restoreAndStart(a.file);
    const docsA = await loadChapters(fromA, [...new Set(writers.map((w) => w.chapterId))]);
    const missingInA = writers.map((w, i) => missingFrom(docsA.get(w.chapterId)!, confirmedBeforeA[i]));
    expect(missingInA).toEqual(writers.map(() => 0));
    // …and A is a snapshot from the middle of the typing, not the end of it.
    const laterThanA = writers.filter((w, i) => missingFrom(docsA.get(w.chapterId)!, finalDocs[i]) > 0).length;
    expect(laterThanA).toBeGreaterThan(0);
    await fromA.stop();

    // Restore B: everything every client typed (all of it confirmed before B) is there.
    const fromB = await restoreAndStart(b.file);
    await waitFor(async () => (await fetch(`${fromB.url}/api/health/ready`)).status === 200, 'the restored server to be ready');
    const docsB = await loadChapters(fromB, [...new Set(writers.map((w) => w.chapterId))]);
    expect(writers.map((w, i) => missingFrom(docsB.get(w.chapterId)!, finalDocs[i]))).toEqual(writers.map(() => 0));
    writers.forEach((w, i) => expect(fragmentText(docsB.get(w.chapterId)!)).toBe(finalTexts[i]));
    await fromB.stop();
    // Three server starts, two backups and six typists: allow for a loaded 2-core machine.
  }, 180_000);
});
