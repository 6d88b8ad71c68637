/**
 * Freezing approved text over the in-process API: "Zatwierdź i zamroź" with a note, what a
 * frozen chapter refuses, unfreezing with a required reason, strategy milestones, and that
 * only coordinators may do it.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  ChapterDto, FreezeResponse, MilestoneDto, MilestoneListResponse, UnfreezeResponse, VersionDto,
  VersionListResponse,
} from '../../shared/apiTypes.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
let chapterId: string;
const cookies: Record<string, string> = {};
const NOTE = 'Uchwała Rady Partnerstwa nr 3/2021 z 12.10.2021';

async function writeParagraph(text: string) {
  t.clock.now = Date.now();
  await t.collab.documents.change(chapterId, t.userId(DEMO.editorTuczno), (doc) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    const frag = doc.getXmlFragment(DOCUMENT_FIELD);
    frag.insert(frag.length, [p]);
  });
}

const post = (path: string, email: string | null, body?: unknown) =>
  t.request('POST', path, { cookie: email ? cookies[email] : undefined, body });
const freeze = (email: string | null = DEMO.coordinator, body: unknown = { note: NOTE }, id = chapterId) => post(`/api/chapters/${id}/freeze`, email, body);
const unfreeze = (email: string | null = DEMO.coordinator, body: unknown = { reason: 'Poprawka po opinii zarządu województwa' }) =>
  post(`/api/chapters/${chapterId}/unfreeze`, email, body);
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const sha256 = (s: string) => createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');
const chapter = async (email: string = DEMO.editorTuczno) =>
  (await (await t.request('GET', `/api/chapters/${chapterId}`, { cookie: cookies[email] })).json()) as ChapterDto;

beforeEach(async () => {
  t = await createTestContext();
  // Document updates carry the real time (writeParagraph moves the clock to it), so log in at
  // the real time too: a session opened at the fake clock's start would have been idle too long.
  t.clock.now = Date.now();
  chapterId = t.demo.walcz.chapterIds[4];
  for (const email of Object.values(DEMO)) cookies[email] = await t.login(email);
});
afterEach(() => t.close());

describe('freezing a chapter', () => {
  it('stores an approved version with HTML and its SHA-256, marks the chapter frozen and approved, tells open editors, audits', async () => {
    await writeParagraph('Wizja: partnerstwo zielone i dostępne — „Wałcz 2030”.');
    const res = await freeze();
    expect(res.status).toBe(201);
    const body = (await res.json()) as FreezeResponse;
    expect(body.chapter.frozen).toMatchObject({ note: NOTE, by: { name: 'Katarzyna Wiśniewska', organization: 'Powiat Wałecki' } });
    expect(body.chapter.status).toBe('approved');
    expect(body.version).toMatchObject({ kind: 'approved', note: NOTE, html: '<p>Wizja: partnerstwo zielone i dostępne — „Wałcz 2030”.</p>' });
    expect(body.version.sha256).toBe(sha256(body.version.html));

    const opened = (await (await t.request('GET', `/api/versions/${body.version.id}`, { cookie: cookies[DEMO.viewer] })).json()) as VersionDto;
    expect(opened.sha256).toBe(sha256(opened.html));
    expect(opened.html).toBe(body.version.html);

    const seen = await chapter();
    expect(seen.frozen?.note).toBe(NOTE);
    expect(seen.permissions).toMatchObject({ edit: false, suggest: false, comment: false, read: true });
    expect(t.collab.calls).toContainEqual({ kind: 'chapterStateChanged', chapterId });
    const [entry] = t.services.stores.audit.list({ chapterId, action: 'chapter.frozen' });
    expect(entry).toMatchObject({ userId: t.userId(DEMO.coordinator), details: { versionId: body.version.id, note: NOTE, sha256: body.version.sha256 } });
    const summary = (await (await t.request('GET', `/api/strategies/${t.demo.walcz.strategyId}`, { cookie: cookies[DEMO.viewer] })).json()) as {
      chapters: Array<{ id: string; frozen: boolean }>;
    };
    expect(summary.chapters.find((c) => c.id === chapterId)?.frozen).toBe(true);
  });

  it('refuses named versions, restores and a second freeze with 409 chapter_frozen while frozen', async () => {
    await writeParagraph('Tekst');
    const named = (await (await post(`/api/chapters/${chapterId}/versions`, DEMO.editorTuczno, { name: 'Przed' })).json()) as VersionDto;
    expect((await freeze()).status).toBe(201);
    const again = await freeze();
    expect([again.status, await errorCode(again)]).toEqual([409, 'chapter_frozen']);
    const version = await post(`/api/chapters/${chapterId}/versions`, DEMO.editorTuczno, { name: 'Po' });
    expect([version.status, await errorCode(version)]).toEqual([409, 'chapter_frozen']);
    const restore = await post(`/api/versions/${named.id}/restore`, DEMO.editorTuczno);
    expect([restore.status, await errorCode(restore)]).toEqual([409, 'chapter_frozen']);
    // refused for people who could not do it anyway with 403, not 409
    expect((await post(`/api/versions/${named.id}/restore`, DEMO.viewer)).status).toBe(403);
    // reading stays open
    expect((await t.request('GET', `/api/chapters/${chapterId}/versions`, { cookie: cookies[DEMO.viewer] })).status).toBe(200);
  });

  it('requires a note', async () => {
    for (const body of [{}, { note: '' }, { note: '   ' }, { note: 'x'.repeat(2001) }, { note: NOTE, extra: 1 }]) {
      const res = await freeze(DEMO.coordinator, body);
      expect([res.status, await errorCode(res)], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    expect((await chapter()).frozen).toBeNull();
  });
});

describe('unfreezing', () => {
  it('needs a reason, audits it, and leaves the approved version as it was', async () => {
    await writeParagraph('Zatwierdzony tekst');
    const frozen = (await (await freeze()).json()) as FreezeResponse;
    for (const body of [{}, { reason: '' }, { reason: '  ' }]) {
      const res = await unfreeze(DEMO.coordinator, body);
      expect([res.status, await errorCode(res)]).toEqual([400, 'validation_failed']);
    }
    expect((await chapter()).frozen).not.toBeNull();

    const res = await unfreeze();
    expect(res.status).toBe(200);
    expect(((await res.json()) as UnfreezeResponse).chapter.frozen).toBeNull();
    expect((await chapter()).permissions.edit).toBe(true);
    expect(t.collab.calls.filter((c) => c.kind === 'chapterStateChanged')).toHaveLength(2);
    const [entry] = t.services.stores.audit.list({ chapterId, action: 'chapter.unfrozen' });
    expect(entry.details).toMatchObject({ reason: 'Poprawka po opinii zarządu województwa', frozenNote: NOTE, approvedVersionId: frozen.version.id });

    await writeParagraph('Zmiana po odmrożeniu');
    const approved = (await (await t.request('GET', `/api/versions/${frozen.version.id}`, { cookie: cookies[DEMO.viewer] })).json()) as VersionDto;
    expect(approved).toMatchObject({ kind: 'approved', html: frozen.version.html, sha256: frozen.version.sha256 });
    expect(() => t.services.db.prepare('UPDATE chapter_versions SET html = ? WHERE id = ?').run('<p>podmiana</p>', frozen.version.id)).toThrow(/never change/);
    expect(() => t.services.db.prepare('DELETE FROM chapter_versions WHERE id = ?').run(frozen.version.id)).toThrow(/kept/);
  });

  it('answers 409 when the chapter is not frozen', async () => {
    const res = await unfreeze();
    expect(res.status).toBe(409);
  });
});

describe('who may freeze', () => {
  it('only coordinators freeze and unfreeze: 403 for other members, 404 for other partnerships, 401 anonymous', async () => {
    for (const [email, status] of [[DEMO.editorTuczno, 403], [DEMO.expert, 403], [DEMO.viewer, 403], [DEMO.otherPartnership, 404], [null, 401]] as const) {
      expect((await freeze(email)).status, `freeze ${email}`).toBe(status);
    }
    expect((await chapter()).frozen).toBeNull();
    expect((await freeze()).status).toBe(201);
    for (const [email, status] of [[DEMO.editorTuczno, 403], [DEMO.expert, 403], [DEMO.viewer, 403], [DEMO.otherPartnership, 404], [null, 401]] as const) {
      expect((await unfreeze(email)).status, `unfreeze ${email}`).toBe(status);
    }
    expect((await chapter()).frozen).not.toBeNull();
    expect(t.services.stores.audit.list({ chapterId }).map((e) => e.action)).toEqual(['chapter.frozen']);
  });
});

describe('strategy milestones', () => {
  it('freezes every chapter under one name, one approved version each; frozen chapters keep their freeze', async () => {
    const { strategyId, chapterIds } = t.demo.walcz;
    await writeParagraph('Rozdział z tekstem');
    expect((await freeze(DEMO.coordinator, { note: 'Wcześniejsze zatwierdzenie' }, chapterIds[0])).status).toBe(201);
    const res = await post(`/api/strategies/${strategyId}/milestones`, DEMO.coordinator, { name: 'Projekt do konsultacji', note: 'Uchwała nr 5/2026' });
    expect(res.status).toBe(201);
    const m = (await res.json()) as MilestoneDto;
    expect(m).toMatchObject({ strategyId, name: 'Projekt do konsultacji', note: 'Uchwała nr 5/2026', createdBy: { name: 'Katarzyna Wiśniewska' } });
    expect(m.chapters.map((c) => c.chapterId)).toEqual(chapterIds);
    const ours = m.chapters.find((c) => c.chapterId === chapterId)!;
    const version = (await (await t.request('GET', `/api/versions/${ours.versionId}`, { cookie: cookies[DEMO.viewer] })).json()) as VersionDto;
    expect(version).toMatchObject({ kind: 'approved', name: 'Projekt do konsultacji', milestoneId: m.id, html: '<p>Rozdział z tekstem</p>', sha256: ours.sha256 });

    const strategy = (await (await t.request('GET', `/api/strategies/${strategyId}`, { cookie: cookies[DEMO.viewer] })).json()) as {
      chapters: Array<{ frozen: boolean }>;
    };
    expect(strategy.chapters.every((c) => c.frozen)).toBe(true);
    const first = (await (await t.request('GET', `/api/chapters/${chapterIds[0]}`, { cookie: cookies[DEMO.viewer] })).json()) as ChapterDto;
    expect(first.frozen?.note).toBe('Wcześniejsze zatwierdzenie');
    expect((await chapter()).frozen?.note).toBe('Uchwała nr 5/2026');
    const history = (await (await t.request('GET', `/api/chapters/${chapterIds[0]}/versions`, { cookie: cookies[DEMO.viewer] })).json()) as VersionListResponse;
    expect(history.versions.map((v) => [v.kind, v.name])).toEqual([['approved', 'Projekt do konsultacji'], ['approved', null]]);

    const listed = (await (await t.request('GET', `/api/strategies/${strategyId}/milestones`, { cookie: cookies[DEMO.viewer] })).json()) as MilestoneListResponse;
    expect(listed.milestones).toEqual([m]);
    const audit = t.services.stores.audit.list({ partnershipId: t.demo.walcz.partnershipId, action: 'milestone.created' });
    expect(audit[0].details).toMatchObject({ milestoneId: m.id, name: 'Projekt do konsultacji' });
    expect(t.services.stores.audit.list({ action: 'chapter.frozen', limit: 1000 })).toHaveLength(chapterIds.length);
  });

  it('only coordinators create milestones; names are required', async () => {
    const { strategyId } = t.demo.walcz;
    const path = `/api/strategies/${strategyId}/milestones`;
    expect((await post(path, DEMO.editorTuczno, { name: 'X' })).status).toBe(403);
    expect((await post(path, DEMO.otherPartnership, { name: 'X' })).status).toBe(404);
    expect((await post(path, null, { name: 'X' })).status).toBe(401);
    expect((await post(path, DEMO.coordinator, { name: '' })).status).toBe(400);
    expect((await t.request('GET', path, { cookie: cookies[DEMO.otherPartnership] })).status).toBe(404);
    expect((await chapter()).frozen).toBeNull();
  });
});
