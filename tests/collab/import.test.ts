/**
 * A DOCX import reaches everyone in the chapter live (docs/import.md): it is one server change
 * through the chapter's room — stored, then relayed as an ordinary update — so a connected
 * y-websocket client sees the imported text and suggestions without reloading, and a typing
 * client's text made meanwhile survives next to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreviewDto } from '../../shared/import.ts';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import { login, waitFor } from '../helpers/server.ts';
import { appendParagraph, connectClient, fragmentText, type TestClient } from '../helpers/yclient.ts';
import { docxLibraryFile } from '../helpers/importFixtures.ts';

let server: InProcessServer;
let cookie: string;
let chapterId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startInProcessServer();
  cookie = await login(server.url, DEMO.coordinator);
  chapterId = (await chapterIds(server.url, cookie))[3]; // has seeded text
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
});

describe('import into a chapter people are editing', () => {
  it('reaches a connected client live, as one stored change, next to what others typed', async () => {
    const reader = connectClient(server.wsUrl, chapterId, { cookie: await login(server.url, DEMO.editorCzlopa) });
    const writer = connectClient(server.wsUrl, chapterId, { cookie: await login(server.url, DEMO.editorTuczno) });
    clients.push(reader, writer);
    await Promise.all([reader.synced(), writer.synced()]);

    const res = await fetch(`${server.url}/api/chapters/${chapterId}/import/preview`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream', 'x-file-name': 'uwagi.docx' }, body: new Uint8Array(await docxLibraryFile()),
    });
    expect(res.status).toBe(200);
    const p = (await res.json()) as ImportPreviewDto;
    appendParagraph(writer.doc, 'Zdanie dopisane w czasie importu.');
    const ok = await fetch(`${server.url}/api/chapters/${chapterId}/import`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ token: p.token, mode: 'append' }),
    });
    expect(ok.status).toBe(201);

    await waitFor(() => reader.text().includes('aktywnie') && reader.text().includes('Zdanie dopisane w czasie importu.'), 'the import and the typed sentence at the reader');
    expect(reader.text()).toContain('suggestionInsert');
    // Stored: the server's copy (and so a reload) holds the same.
    await waitFor(async () => (await server.collab.control.documents.read(chapterId, (d) => fragmentText(d))) === reader.text(), 'server and client agree');
    await waitFor(() => writer.text() === reader.text(), 'both clients converge');
  });
});
