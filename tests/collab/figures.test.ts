/**
 * Figures over real sockets (in-process server on port 0, real y-websocket clients building
 * Yjs updates by hand, as y-tiptap stores a figure: an XmlElement `figure` with attributes and
 * no children): an editor's figure reaches another client; an expert's figure is accepted only
 * as their own block suggestion, and accepting it makes it part of the text; an expert cannot
 * change an accepted figure's alt, caption or file; a figure naming another partnership's file
 * is stored (editors write freely) but its image is never served to this partnership; a
 * comparison shows a new figure as „[Rycina: …]”.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CompareResponse } from '../../shared/apiTypes.ts';
import { BLOCK_SUGGESTION_ATTR } from '../../shared/annotations.ts';
import type { UploadedFileDto } from '../../shared/files.ts';
import { DOCUMENT_FIELD, RejectReason } from '../../shared/protocol.ts';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, waitFor } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import { makeImage } from '../helpers/images.ts';

let server: InProcessServer;
const cookie: Record<string, string> = {};
let chapterId: string;
let expertId: string;
let editor: TestClient;
const all: TestClient[] = [];

function client(who: string): TestClient {
  const c = connectClient(server.wsUrl, chapterId, { cookie: cookie[who], extended: true });
  all.push(c);
  return c;
}

async function upload(who: string, chapter: string, bytes: Buffer, type = 'image/png'): Promise<UploadedFileDto> {
  const res = await fetch(`${server.url}/api/chapters/${chapter}/files`, {
    method: 'POST',
    headers: { cookie: cookie[who], 'content-type': type },
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as UploadedFileDto;
}

function figureElement(file: UploadedFileDto, alt: string, caption: string, suggestion?: unknown): Y.XmlElement {
  const el = new Y.XmlElement('figure');
  el.setAttribute('fileId', file.fileId);
  el.setAttribute('alt', alt);
  el.setAttribute('caption', caption);
  el.setAttribute('width', file.width as unknown as string);
  el.setAttribute('height', file.height as unknown as string);
  if (suggestion) el.setAttribute(BLOCK_SUGGESTION_ATTR, suggestion as string);
  return el;
}

function figures(doc: Y.Doc): Y.XmlElement[] {
  return doc.getXmlFragment(DOCUMENT_FIELD).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'figure');
}

function byAlt(doc: Y.Doc, alt: string): Y.XmlElement | undefined {
  return figures(doc).find((f) => f.getAttribute('alt') === alt);
}

function append(doc: Y.Doc, el: Y.XmlElement) {
  const frag = doc.getXmlFragment(DOCUMENT_FIELD);
  frag.insert(frag.length, [el]);
}

const blockSuggestion = (authorId: string, type: 'insert' | 'delete' = 'insert') => ({
  id: Math.random().toString(36).slice(2),
  authorId,
  createdAt: new Date().toISOString(),
  type,
});

/** The expert's change is refused, and neither the editor nor a fresh client ever sees it. */
async function expectRefused(op: (doc: Y.Doc) => void) {
  const before = editor.text();
  const c = client(DEMO.expert);
  await c.synced();
  op(c.doc);
  await waitFor(() => c.received.rejected.length > 0, 'rejection');
  expect(c.received.rejected[0]).toBe(RejectReason.SuggestOnly);
  await new Promise((r) => setTimeout(r, 100));
  expect(editor.text()).toBe(before);
  const probe = client(DEMO.editorTuczno);
  await probe.synced();
  expect(probe.text()).toBe(before);
  c.destroy();
  probe.destroy();
}

beforeAll(async () => {
  server = await startInProcessServer({ env: { LOG_LEVEL: process.env.TEST_LOG ?? 'error' } });
  for (const who of [DEMO.editorTuczno, DEMO.coordinator, DEMO.expert, DEMO.otherPartnership]) cookie[who] = await login(server.url, who);
  const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: cookie[DEMO.expert] } })).json()) as { user: { id: string } };
  expertId = me.user.id;
  chapterId = (await chapterIds(server.url, cookie[DEMO.editorTuczno]))[9];
  editor = client(DEMO.editorTuczno);
  await editor.synced();
});

afterAll(async () => {
  for (const c of all) c.destroy();
  await server.close();
});

describe('figures in the shared document', () => {
  it('an editor’s figure reaches another client and survives a reload', async () => {
    const file = await upload(DEMO.editorTuczno, chapterId, await makeImage('png', 64, 48));
    const other = client(DEMO.coordinator);
    await other.synced();
    append(editor.doc, figureElement(file, 'Mapa powiatu wałeckiego', 'Mapa 3. Obszary strategicznej interwencji'));
    const seen = (await waitFor(() => byAlt(other.doc, 'Mapa powiatu wałeckiego'), 'figure at the other client'))!;
    expect(seen.getAttributes()).toMatchObject({ fileId: file.fileId, caption: 'Mapa 3. Obszary strategicznej interwencji', width: 64, height: 48 });
    expect(editor.received.rejected).toEqual([]);
    const fresh = client(DEMO.expert);
    await fresh.synced();
    expect(byAlt(fresh.doc, 'Mapa powiatu wałeckiego')?.getAttribute('fileId')).toBe(file.fileId);
    // Its image is served to the partnership's members.
    expect((await fetch(`${server.url}/api/files/${file.fileId}`, { headers: { cookie: cookie[DEMO.expert] } })).status).toBe(200);
  });

  it('refuses a figure without a text alternative or an image, and blanking an existing one’s alt, even from an editor', async () => {
    const file = await upload(DEMO.editorTuczno, chapterId, await makeImage('png', 40, 20));
    const before = editor.text();
    const attempts: ((d: Y.Doc) => void)[] = [
      (d) => append(d, figureElement(file, '   ', 'Mapa bez opisu')),
      (d) => {
        const el = figureElement(file, 'Mapa bez pliku', '');
        el.setAttribute('fileId', 'nie-ma-takiego-pliku');
        append(d, el);
      },
      (d) => byAlt(d, 'Mapa powiatu wałeckiego')!.removeAttribute('alt'),
      (d) => byAlt(d, 'Mapa powiatu wałeckiego')!.setAttribute('alt', ''),
    ];
    for (const [i, attempt] of attempts.entries()) {
      const writer = client(DEMO.editorTuczno);
      await writer.synced();
      attempt(writer.doc);
      await waitFor(() => writer.received.rejected.length > 0, `refusal of attempt ${i + 1}`);
      expect(writer.received.rejected[0]).toBe(RejectReason.Invalid);
      writer.destroy();
      const fresh = client(DEMO.coordinator);
      await fresh.synced();
      expect(fresh.text()).toBe(before);
      expect(byAlt(fresh.doc, 'Mapa powiatu wałeckiego')?.getAttribute('alt')).toBe('Mapa powiatu wałeckiego');
      fresh.destroy();
    }
    expect(editor.text()).toBe(before);
  });

  it('refuses an expert’s figure without a block suggestion', async () => {
    const file = await upload(DEMO.expert, chapterId, await makeImage('png', 30, 30));
    await expectRefused((d) => append(d, figureElement(file, 'Wykres bez sugestii', '')));
  });

  it('refuses an expert’s figure marked as someone else’s suggestion', async () => {
    const file = await upload(DEMO.expert, chapterId, await makeImage('png', 31, 30));
    const editorId = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: cookie[DEMO.editorTuczno] } })).json()) as { user: { id: string } };
    await expectRefused((d) => append(d, figureElement(file, 'Cudza sugestia', '', blockSuggestion(editorId.user.id))));
  });

  it('refuses an expert changing the alt, caption or file of an accepted figure', async () => {
    const other = await upload(DEMO.expert, chapterId, await makeImage('png', 32, 30));
    await expectRefused((d) => byAlt(d, 'Mapa powiatu wałeckiego')!.setAttribute('alt', 'Inny opis'));
    await expectRefused((d) => byAlt(d, 'Mapa powiatu wałeckiego')!.setAttribute('caption', 'Mapa 4.'));
    await expectRefused((d) => byAlt(d, 'Mapa powiatu wałeckiego')!.setAttribute('fileId', other.fileId));
    await expectRefused((d) => byAlt(d, 'Mapa powiatu wałeckiego')!.removeAttribute('alt'));
  });

  it('accepts an expert’s figure as their block suggestion; accepting it makes it plain text of the chapter', async () => {
    const file = await upload(DEMO.expert, chapterId, await makeImage('webp', 40, 20), 'image/webp');
    const c = client(DEMO.expert);
    await c.synced();
    append(c.doc, figureElement(file, 'Schemat modelu funkcjonalno-przestrzennego', 'Rycina 2. Model', blockSuggestion(expertId)));
    const seen = (await waitFor(() => byAlt(editor.doc, 'Schemat modelu funkcjonalno-przestrzennego'), 'suggested figure at the editor'))!;
    expect(c.received.rejected).toEqual([]);
    const s = seen.getAttribute(BLOCK_SUGGESTION_ATTR) as unknown as { id: string; type: string };
    expect(s.type).toBe('insert');
    // The expert may reshape their own proposal (its caption).
    byAlt(c.doc, 'Schemat modelu funkcjonalno-przestrzennego')!.setAttribute('caption', 'Rycina 2. Model funkcjonalno-przestrzenny');
    await waitFor(() => byAlt(editor.doc, 'Schemat modelu funkcjonalno-przestrzennego')?.getAttribute('caption') === 'Rycina 2. Model funkcjonalno-przestrzenny', 'caption change');
    expect(c.received.rejected).toEqual([]);
    const res = await fetch(`${server.url}/api/chapters/${chapterId}/suggestions/decide`, {
      method: 'POST',
      headers: { cookie: cookie[DEMO.coordinator], 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'accept', ids: [s.id] }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    await waitFor(() => byAlt(editor.doc, 'Schemat modelu funkcjonalno-przestrzennego')?.getAttribute(BLOCK_SUGGESTION_ATTR) == null, 'accepted figure');
    // Now an accepted figure: the expert can no longer change it directly.
    await expectRefused((d) => byAlt(d, 'Schemat modelu funkcjonalno-przestrzennego')!.setAttribute('alt', 'Zmieniony'));
  });

  it('never serves another partnership’s image, even when a figure names it', async () => {
    const otherChapter = (await chapterIds(server.url, cookie[DEMO.otherPartnership]))[0];
    const foreign = await upload(DEMO.otherPartnership, otherChapter, await makeImage('png', 50, 50));
    append(editor.doc, figureElement(foreign, 'Cudza mapa', ''));
    const probe = client(DEMO.coordinator);
    await probe.synced();
    await waitFor(() => byAlt(probe.doc, 'Cudza mapa'), 'figure stored');
    for (const who of [DEMO.editorTuczno, DEMO.coordinator, DEMO.expert]) {
      expect((await fetch(`${server.url}/api/files/${foreign.fileId}`, { headers: { cookie: cookie[who] } })).status).toBe(404);
    }
    expect((await fetch(`${server.url}/api/files/${foreign.fileId}`, { headers: { cookie: cookie[DEMO.otherPartnership] } })).status).toBe(200);
  });

  it('shows a new figure in a comparison as „[Rycina: alt]”', async () => {
    const save = await fetch(`${server.url}/api/chapters/${chapterId}/versions`, {
      method: 'POST',
      headers: { cookie: cookie[DEMO.coordinator], 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Przed mapą OSI' }),
    });
    expect(save.status, await save.clone().text()).toBe(201);
    const saved = (await save.json()) as { id: string };
    const file = await upload(DEMO.editorTuczno, chapterId, await makeImage('jpeg', 20, 20), 'image/jpeg');
    append(editor.doc, figureElement(file, 'Mapa OSI', 'Mapa 5. OSI regionalne'));
    const probe = client(DEMO.coordinator);
    await probe.synced();
    await waitFor(() => byAlt(probe.doc, 'Mapa OSI'), 'figure stored');
    await new Promise((r) => setTimeout(r, 200));
    const cmp = (await (
      await fetch(`${server.url}/api/chapters/${chapterId}/compare?from=${saved.id}&to=current`, { headers: { cookie: cookie[DEMO.coordinator] } })
    ).json()) as CompareResponse;
    const inserted = cmp.segments.filter((s) => s.op === 'insert').map((s) => s.text).join('');
    expect(inserted).toContain('[Rycina: Mapa OSI] Mapa 5. OSI regionalne');
  });
});
