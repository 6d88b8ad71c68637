/**
 * Chapter versions over the in-process API, with real chapter documents (the test context's
 * collab double reads and changes them through a real room registry): named and automatic
 * versions, listing with who changed the text, opening, comparing known texts with
 * attribution, restoring, and who may do what.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CompareResponse, RestoreResponse, VersionDto, VersionListResponse } from '../../shared/apiTypes.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { runAutoVersions, startVersionScheduler } from '../../server/versions/scheduler.ts';
import { waitFor } from '../helpers/server.ts';
import { writeInitialText } from '../../server/seed/demoDocument.ts';

let t: TestContext;
let chapterId: string;
const cookies: Record<string, string> = {};

/** Versions are timed by the services' clock, edits by the wall clock: keep them together. */
const syncClock = () => void (t.clock.now = Date.now());

/** Replaces the chapter text with paragraphs, as `email` (a server-side change through the room). */
async function writeText(email: string, paragraphs: string[], marks: Record<number, Record<string, unknown>> = {}) {
  syncClock();
  await t.collab.documents.change(chapterId, t.userId(email), (doc) => {
    const frag = doc.getXmlFragment(DOCUMENT_FIELD);
    frag.delete(0, frag.length);
    frag.insert(
      0,
      paragraphs.map((text, i) => {
        const p = new Y.XmlElement('paragraph');
        const x = new Y.XmlText();
        p.insert(0, [x]);
        x.insert(0, text, marks[i]);
        return p;
      }),
    );
  });
}

/** Appends text to the first paragraph, as `email`. */
async function appendText(email: string, text: string) {
  syncClock();
  await t.collab.documents.change(chapterId, t.userId(email), (doc) => {
    const x = (doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    x.insert(x.length, text);
  });
}

/** Appends `text` to the first paragraph as an update stored at `at` by `email`, as the room stores a client's update. */
async function storeEdit(email: string, at: number, text: string) {
  const state = await t.collab.documents.read(chapterId, (doc) => Y.encodeStateAsUpdate(doc));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  const frag = doc.getXmlFragment(DOCUMENT_FIELD);
  if (frag.length === 0) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText()]);
    frag.insert(0, [p]);
  }
  const x = (frag.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  x.insert(x.length, text);
  const data = Y.encodeStateAsUpdate(doc, before);
  t.services.stores.documents.append([{ chapterId, data, userId: t.userId(email), at, clientIds: [doc.clientID] }]);
  doc.destroy();
}

const currentXml = () => t.collab.documents.read(chapterId, (doc) => doc.getXmlFragment(DOCUMENT_FIELD).toString());

async function saveNamed(name: string, email: string = DEMO.editorTuczno, sync = true): Promise<VersionDto> {
  if (sync) syncClock();
  const res = await t.request('POST', `/api/chapters/${chapterId}/versions`, { cookie: cookies[email], body: { name } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as VersionDto;
}

const list = async (email: string = DEMO.viewer) =>
  ((await (await t.request('GET', `/api/chapters/${chapterId}/versions`, { cookie: cookies[email] })).json()) as VersionListResponse).versions;

beforeEach(async () => {
  t = await createTestContext();
  syncClock(); // log in at the real time the edits carry: sessions idle 7 days have ended
  chapterId = t.demo.walcz.chapterIds[5];
  for (const email of Object.values(DEMO)) cookies[email] = await t.login(email);
});
afterEach(() => t.close());

describe('named versions', () => {
  it('saves the current text under a name, with HTML whose SHA-256 is given, and audits it', async () => {
    await writeText(DEMO.editorTuczno, ['Rozwój turystyki & <rekreacji> nad jeziorami.']);
    const v = await saveNamed('  Projekt do konsultacji  ');
    expect(v).toMatchObject({
      chapterId, name: 'Projekt do konsultacji', kind: 'named', note: null,
      createdBy: { name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno' },
      html: '<p>Rozwój turystyki &amp; &lt;rekreacji&gt; nad jeziorami.</p>',
    });
    expect(v.sha256).toBe(createHash('sha256').update(Buffer.from(v.html, 'utf8')).digest('hex'));
    expect(v.json).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rozwój turystyki & <rekreacji> nad jeziorami.' }] }] });
    const opened = (await (await t.request('GET', `/api/versions/${v.id}`, { cookie: cookies[DEMO.viewer] })).json()) as VersionDto;
    expect(opened).toEqual(v);
    const audit = t.services.stores.audit.list({ chapterId, action: 'version.named' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: t.userId(DEMO.editorTuczno), details: { versionId: v.id, name: 'Projekt do konsultacji', sha256: v.sha256 } });
    expect(t.collab.calls).toContainEqual({ kind: 'notifyChapter', chapterId, event: { type: 'versions-changed' } });
  });

  it('lists versions newest first with who changed the text since the version before', async () => {
    // Edits stored at chosen times, as the room stores them (the edit log has minute resolution).
    const t0 = Date.now() - 3600_000;
    await storeEdit(DEMO.editorTuczno, t0, 'Pierwszy tekst.');
    t.clock.now = t0 + 60_000;
    const first = await saveNamed('Pierwsza', DEMO.editorTuczno, false);
    await storeEdit(DEMO.editorCzlopa, t0 + 5 * 60_000, ' Dopisek z Człopy.');
    await storeEdit(DEMO.coordinator, t0 + 6 * 60_000, ' I koordynatorki.');
    t.clock.now = t0 + 10 * 60_000;
    const second = await saveNamed('Po warsztatach 12 marca', DEMO.coordinator, false);
    t.clock.now = t0 + 20 * 60_000;
    const third = await saveNamed('Bez zmian', DEMO.editorCzlopa, false);
    const versions = await list();
    expect(versions.map((v) => v.id)).toEqual([third.id, second.id, first.id]);
    expect(versions[1].changedBy.map((p) => `${p.name} · ${p.organization}`)).toEqual([
      'Agnieszka Kowalczyk · Miasto i Gmina Człopa',
      'Katarzyna Wiśniewska · Powiat Wałecki',
    ]);
    expect(versions[1].createdBy?.name).toBe('Katarzyna Wiśniewska');
    expect(versions[2].changedBy.map((p) => p.name)).toEqual(['Marek Zieliński']);
    expect(versions[0].changedBy).toEqual([]);
  });

  it('is for people with edit rights only, and validates the name', async () => {
    const post = (email: string | null, body: unknown = { name: 'X' }) =>
      t.request('POST', `/api/chapters/${chapterId}/versions`, { cookie: email ? cookies[email] : undefined, body });
    expect((await post(DEMO.expert)).status).toBe(403);
    expect((await post(DEMO.viewer)).status).toBe(403);
    expect((await post(DEMO.otherPartnership)).status).toBe(404);
    expect((await post(null)).status).toBe(401);
    const empty = await post(DEMO.editorTuczno, { name: '   ' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    expect((await post(DEMO.editorTuczno, { name: 'x'.repeat(201) })).status).toBe(400);
    expect((await post(DEMO.coordinator)).status).toBe(201);
    expect(await list()).toHaveLength(1);
  });

  it('hides versions from other partnerships (404) and answers 404 for unknown ids', async () => {
    const v = await saveNamed('Wersja');
    expect((await t.request('GET', `/api/versions/${v.id}`, { cookie: cookies[DEMO.otherPartnership] })).status).toBe(404);
    expect((await t.request('GET', `/api/chapters/${chapterId}/versions`, { cookie: cookies[DEMO.otherPartnership] })).status).toBe(404);
    expect((await t.request('GET', `/api/versions/nieznana`, { cookie: cookies[DEMO.viewer] })).status).toBe(404);
    expect((await t.request('GET', `/api/versions/${v.id}`)).status).toBe(401);
  });
});

describe('automatic versions', () => {
  it('records one when an editing burst has been quiet for VERSION_IDLE_MINUTES, once', async () => {
    await writeText(DEMO.editorTuczno, ['Tekst po serii zmian.']);
    const lastChange = t.services.stores.chapters.chapterById(chapterId)!.last_change_at!;
    const idle = t.services.config.versionIdleMs;
    expect(idle).toBe(10 * 60_000);
    expect(await runAutoVersions(t.services, t.collab, lastChange + idle - 1000)).not.toContain(chapterId);
    t.clock.now = lastChange + idle;
    expect(await runAutoVersions(t.services, t.collab, lastChange + idle)).toEqual([chapterId]);
    expect(await runAutoVersions(t.services, t.collab, lastChange + idle + 60_000)).toEqual([]);
    const [v] = await list();
    expect(v).toMatchObject({ kind: 'auto', name: null, createdBy: null });
    expect(v.changedBy.map((p) => p.name)).toEqual(['Marek Zieliński']);
    const full = (await (await t.request('GET', `/api/versions/${v.id}`, { cookie: cookies[DEMO.viewer] })).json()) as VersionDto;
    expect(full.html).toBe('<p>Tekst po serii zmian.</p>');
  });

  it('records one at least daily while someone keeps editing without a pause', async () => {
    const ctx = await createTestContext({ env: { VERSION_IDLE_MINUTES: '100000' } });
    try {
      const id = ctx.demo.walcz.chapterIds[2];
      await ctx.collab.documents.change(id, ctx.userId(DEMO.editorCzlopa), (doc) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText('ciągła praca')]);
        doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
      });
      const now = Date.now();
      expect(await runAutoVersions(ctx.services, ctx.collab, now + 3600_000)).toEqual([]);
      ctx.clock.now = now + 25 * 3600_000;
      expect(await runAutoVersions(ctx.services, ctx.collab, now + 25 * 3600_000)).toEqual([id]);
    } finally {
      ctx.close();
    }
  });

  it('runs on its own every VERSION_SCAN_SECONDS until stopped', async () => {
    const ctx = await createTestContext({ env: { VERSION_IDLE_MINUTES: '0.001', VERSION_SCAN_SECONDS: '0.05' } });
    const stop = startVersionScheduler(ctx.services, ctx.collab);
    try {
      const id = ctx.demo.walcz.chapterIds[4];
      await ctx.collab.documents.change(id, ctx.userId(DEMO.editorTuczno), (doc) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText('harmonogram')]);
        doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
      });
      ctx.clock.now = Date.now() + 1000;
          await waitFor(() => ctx.services.stores.versions.ofChapter(id).length === 1, 'automatic version', 5000);
      stop();
      await ctx.collab.documents.change(id, ctx.userId(DEMO.editorTuczno), (doc) => {
        ((doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'po zatrzymaniu ');
      });
      ctx.clock.now = Date.now() + 60_000;
      await new Promise((r) => setTimeout(r, 300));
      expect(ctx.services.stores.versions.ofChapter(id)).toHaveLength(1);
    } finally {
      stop();
      ctx.close();
    }
  });
});

describe('compare', () => {
  const compare = async (from: string, to: string, email: string = DEMO.viewer) => {
    const res = await t.request('GET', `/api/chapters/${chapterId}/compare?from=${from}&to=${to}`, { cookie: cookies[email] });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as CompareResponse;
  };

  it('shows word-level insertions and deletions with counts and the author of inserted text', async () => {
    await writeText(DEMO.coordinator, ['Partnerstwo rozwija turystykę wodną.', 'Drugi akapit bez zmian.']);
    const v1 = await saveNamed('Przed');
    await t.collab.documents.change(chapterId, t.userId(DEMO.editorTuczno), (doc) => {
      const x = (doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      const at = 'Partnerstwo rozwija turystykę '.length;
      x.delete(at, 'wodną'.length);
      x.insert(at, 'rowerową i wodną w Tucznie');
    });
    const r = await compare(v1.id, 'current');
    expect(r.from).toMatchObject({ id: v1.id, name: 'Przed', kind: 'named' });
    expect(r.to).toMatchObject({ id: 'current', kind: 'current' });
    const marek = { id: t.userId(DEMO.editorTuczno), name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno' };
    expect(r.segments).toEqual([
      { op: 'equal', text: 'Partnerstwo rozwija turystykę ' },
      { op: 'insert', text: 'rowerową i ', author: marek },
      { op: 'equal', text: 'wodną ' },
      { op: 'insert', text: 'w Tucznie', author: marek },
      { op: 'equal', text: '.\nDrugi akapit bez zmian.' },
    ]);
    expect(r.counts).toEqual({ insertions: 2, deletions: 0, insertedWords: 4, deletedWords: 0 });

    const v2 = await saveNamed('Po');
    const back = await compare(v2.id, v1.id);
    expect(back.segments.filter((s) => s.op === 'delete').map((s) => s.text)).toEqual(['rowerową i ', 'w Tucznie']);
    expect(back.counts).toMatchObject({ insertions: 0, deletions: 2, deletedWords: 4 });
  });

  it('leaves the author out where the text was written outside this product', async () => {
    const v1 = await saveNamed('Tekst z importu');
    // Stored like seeded or imported text: an update with no person behind it.
    writeInitialText(t.services.stores.documents, chapterId, [{ type: 'paragraph', text: 'Zaimportowany akapit' }]);
    const r = await compare(v1.id, 'current');
    expect(r.segments).toEqual([{ op: 'insert', text: 'Zaimportowany akapit' }]);
  });

  it('refuses missing parameters (400) and versions of another chapter (404)', async () => {
    const v = await saveNamed('V');
    const bad = await t.request('GET', `/api/chapters/${chapterId}/compare?from=${v.id}`, { cookie: cookies[DEMO.viewer] });
    expect(bad.status).toBe(400);
    const other = t.demo.walcz.chapterIds[6];
    const wrong = await t.request('GET', `/api/chapters/${other}/compare?from=${v.id}&to=current`, { cookie: cookies[DEMO.viewer] });
    expect(wrong.status).toBe(404);
    const foreign = await t.request('GET', `/api/chapters/${chapterId}/compare?from=${v.id}&to=current`, { cookie: cookies[DEMO.otherPartnership] });
    expect(foreign.status).toBe(404);
  });
});

describe('restore', () => {
  it('makes the current text that of the version as one change, keeping the text before it as a version, audited', async () => {
    await writeText(DEMO.editorTuczno, ['Tekst zatwierdzony na warsztatach z uwagą.'], { 0: { 'comment--AbCd1234': { threadId: 'watek1' } } });
    const v1 = await saveNamed('Po warsztatach');
    const xmlV1 = await currentXml();
    await writeText(DEMO.editorCzlopa, ['Całkiem inny tekst bez uwag.']);
    const res = await t.request('POST', `/api/versions/${v1.id}/restore`, { cookie: cookies[DEMO.coordinator] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RestoreResponse;
    expect(body.restoredVersionId).toBe(v1.id);
    expect(body.previousVersionId).toBeTruthy();
    expect(await currentXml()).toBe(xmlV1);
    expect(xmlV1).toContain('comment--AbCd1234');
    const previous = (await (await t.request('GET', `/api/versions/${body.previousVersionId}`, { cookie: cookies[DEMO.viewer] })).json()) as VersionDto;
    expect(previous).toMatchObject({ kind: 'auto', html: '<p>Całkiem inny tekst bez uwag.</p>' });
    const [entry] = t.services.stores.audit.list({ chapterId, action: 'version.restored' });
    expect(entry).toMatchObject({ userId: t.userId(DEMO.coordinator), details: { versionId: v1.id, versionName: 'Po warsztatach', previousVersionId: body.previousVersionId } });
    // restoring again changes nothing that needs keeping: no new automatic version
    const again = (await (await t.request('POST', `/api/versions/${v1.id}/restore`, { cookie: cookies[DEMO.editorTuczno] })).json()) as RestoreResponse;
    expect(again.previousVersionId).toBeNull();
    expect(await currentXml()).toBe(xmlV1);
  });

  it('is for people with edit rights only', async () => {
    await writeText(DEMO.editorTuczno, ['A']);
    const v = await saveNamed('A');
    await writeText(DEMO.editorTuczno, ['B']);
    for (const [email, status] of [[DEMO.expert, 403], [DEMO.viewer, 403], [DEMO.otherPartnership, 404]] as const) {
      expect((await t.request('POST', `/api/versions/${v.id}/restore`, { cookie: cookies[email] })).status, email).toBe(status);
    }
    expect((await t.request('POST', `/api/versions/${v.id}/restore`)).status).toBe(401);
    expect(await currentXml()).toBe('<paragraph>B</paragraph>');
  });
});
