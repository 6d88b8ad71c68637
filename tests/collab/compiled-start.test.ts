/**
 * `npm start` runs the compiled server (dist/node, built by server/cli/build.mjs when its
 * sources changed) with plain Node: no tsx, no compiler in the running process. This checks
 * that the compiled server does everything the sources do where compilation could differ:
 * worker threads (the commit worker, started by the first edit, and the export pool) start on compiled modules, files read
 * beside the modules (the shipped TERC list) are there, and a real client edits and is stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureServerBuild } from '../../server/cli/build.mjs';
import { login, startServer, waitFor, type RunningServer } from '../helpers/server.ts';
import { appendParagraph, connectClient, type TestClient } from '../helpers/yclient.ts';
import { chapterIds, DEMO } from '../helpers/demo.ts';
import * as frames from '../helpers/frames.ts';

let server: RunningServer | null = null;
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe('the compiled server, as npm start runs it', () => {
  it('starts without tsx, stores edits through its commit worker, exports through its worker pool, and knows the shipped TERC list', async () => {
    ensureServerBuild();
    server = await startServer({ compiled: true, env: { LOG_LEVEL: 'info' } });
    expect(server.child.spawnargs.join(' ')).not.toContain('tsx');
    const cookie = await login(server.url, DEMO.editorTuczno);
    const id = (await chapterIds(server.url, cookie))[6];
    const a = connectClient(server.wsUrl, id, { cookie, extended: true });
    clients.push(a);
    await a.synced();
    appendParagraph(a.doc, 'Zapisane przez skompilowany serwer');
    a.provider.ws?.send(frames.saveQuery(7) as Uint8Array<ArrayBuffer>);
    await waitFor(() => a.received.saved.includes(7), 'save confirmation');
    await waitFor(() => server!.output().includes('commit worker started'), 'the commit worker started');
    const late = connectClient(server.wsUrl, id, { cookie });
    clients.push(late);
    await late.synced();
    expect(late.text()).toContain('Zapisane przez skompilowany serwer');

    const docx = await fetch(`${server.url}/api/chapters/${id}/export.docx`, { headers: { cookie } });
    expect(docx.status).toBe(200);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    expect(server.output()).toMatch(/TERC list: added [1-9]\d* units/);
    expect(server.output()).not.toMatch(/worker.*(failed|error)/i);
  }, 120_000);

  it('starts its commit worker also when the process was started with a preload the worker could not load (a .ts probe under tsx)', async () => {
    ensureServerBuild();
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preload-')), 'probe.ts');
    fs.writeFileSync(probe, 'const mark: string = "probe loaded";\nconsole.log(mark);\n');
    const s = await startServer({ compiled: true, nodeArgs: ['--expose-gc', '--import', 'tsx', '--import', probe], env: { LOG_LEVEL: 'info' } });
    try {
      expect(s.output()).toContain('probe loaded');
      // The commit worker starts with the first edit.
      const cookie = await login(s.url, DEMO.editorTuczno);
      const c = connectClient(s.wsUrl, (await chapterIds(s.url, cookie))[6], { cookie });
      clients.push(c);
      await c.synced();
      appendParagraph(c.doc, 'Pierwsza zmiana uruchamia wątek zapisu');
      await waitFor(() => s.output().includes('commit worker started'), 'the commit worker started');
      const ready = (await (await fetch(`${s.url}/api/health/ready`)).json()) as { checks: { commitWorker: { state: string } } };
      expect(ready.checks.commitWorker.state).toBe('running');
      expect(s.output()).not.toContain('commit worker stopped');
    } finally {
      await s.stop();
    }
  }, 120_000);
});
