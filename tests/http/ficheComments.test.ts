/**
 * Comments on a fiche's structured fields and links to things on a fiche (issue 19,
 * docs/projects.md): a thread can name a field of the fiche instead of a passage; the field is
 * checked against the fiche's fields on the server; experts may comment like on the text, viewers
 * not, a frozen fiche refuses with 409 chapter_frozen; the threads are listed with the fiche's
 * comments; the inbox says a thread is on a fiche (its link opens the fiche page) and e-mails link
 * to the fiche page, never to its text as a chapter.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, type TestContext } from '../helpers/http.ts';
import { mailTestContext, TEST_PUBLIC_URL, type TestSmtpServer } from '../helpers/smtp.ts';
import { createFiche } from '../../server/projects/service.ts';
import type { CommentThreadDto, InboxDto } from '../../shared/apiTypes.ts';

const PUBLIC = TEST_PUBLIC_URL;
let smtp: TestSmtpServer;
let t: TestContext;
let ficheId: string;

mailTestContext({}, (s, c) => {
  smtp = s;
  t = c;
  ficheId = createFiche(t.services, t.services.stores.chapters.strategyById(t.demo.walcz.strategyId)!, { title: 'Ścieżka rowerowa Wałcz–Tuczno' }, null);
});

const startThread = async (email: string, body: Record<string, unknown>, chapterId = ficheId) =>
  t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: await t.login(email), body });

describe('comments on structured fields of a fiche', () => {
  it('anchors a thread to a field, checked against the fiche’s fields; experts may comment, viewers not', async () => {
    const res = await startThread(DEMO.expert, { quote: 'Koszt całkowity', field: 'totalCostGrosze', body: 'Czy kwota obejmuje VAT?' });
    expect(res.status).toBe(201);
    const thread = (await res.json()) as CommentThreadDto;
    expect(thread).toMatchObject({ field: 'totalCostGrosze', quote: 'Koszt całkowity', chapterId: ficheId });
    expect((await startThread(DEMO.editorTuczno, { quote: 'Partnerzy', field: 'partners', body: 'Brakuje Człopy.' })).status).toBe(201);

    // Unknown fields, and fields on a chapter that is not a fiche, are refused.
    const unknown = await startThread(DEMO.editorTuczno, { quote: 'Status', field: 'status', body: 'x' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'validation_failed', details: { issues: [{ path: 'field' }] } } });
    const notFiche = await startThread(DEMO.editorTuczno, { quote: 'Koszt', field: 'totalCostGrosze', body: 'x' }, t.demo.walcz.chapterIds[0]);
    expect(notFiche.status).toBe(400);
    // A viewer may read but not write, like on the text.
    expect((await startThread(DEMO.viewer, { quote: 'Koszt całkowity', field: 'totalCostGrosze', body: 'x' })).status).toBe(403);

    // Listed with the fiche's comments, with the field; a text thread has none.
    expect((await startThread(DEMO.editorTuczno, { quote: 'akapit', body: 'Uwaga do tekstu' })).status).toBe(201);
    const list = (await (await t.request('GET', `/api/chapters/${ficheId}/comments`, { cookie: await t.login(DEMO.viewer) })).json()) as CommentThreadDto[];
    expect(list.map((th) => th.field)).toEqual(['totalCostGrosze', 'partners', null]);

    // Replying and resolving work as on any thread.
    const reply = await t.request('POST', `/api/threads/${thread.id}/comments`, { cookie: await t.login(DEMO.editorTuczno), body: { body: 'Tak, brutto.' } });
    expect(reply.status).toBe(201);
    expect(((await reply.json()) as CommentThreadDto).field).toBe('totalCostGrosze');
  });

  it('refuses comments on the fields of a frozen fiche with 409 chapter_frozen', async () => {
    const coordinator = await t.login(DEMO.coordinator);
    expect((await t.request('POST', `/api/chapters/${ficheId}/freeze`, { cookie: coordinator, body: { note: 'Karta przyjęta' } })).status).toBe(201);
    const res = await startThread(DEMO.expert, { quote: 'Koszt całkowity', field: 'totalCostGrosze', body: 'Za późno?' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'chapter_frozen' } });
  });
});

describe('links to things on a fiche', () => {
  it('marks the inbox entry as a fiche’s (with its field) and names the fiche by its current title', async () => {
    const expertCookie = await t.login(DEMO.expert);
    const res = await t.request('POST', `/api/chapters/${ficheId}/comments`, {
      cookie: expertCookie, body: { quote: 'Źródła finansowania', field: 'funding', body: 'Proszę sprawdzić KPO', mentions: [t.userId(DEMO.editorTuczno)] },
    });
    expect(res.status).toBe(201);
    await t.collab.documents.change(ficheId, t.userId(DEMO.editorTuczno), (doc) => doc.getMap('fiche').set('title', 'Ścieżka rowerowa Wałcz–Tuczno–Człopa'));
    const inbox = (await (await t.request('GET', '/api/inbox', { cookie: await t.login(DEMO.editorTuczno) })).json()) as InboxDto;
    expect(inbox.threads[0]).toMatchObject({ chapterId: ficheId, fiche: true, field: 'funding', chapterTitle: 'Ścieżka rowerowa Wałcz–Tuczno–Człopa' });
    // A thread in a chapter of the strategy stays a chapter's.
    const chapterId = t.demo.walcz.chapterIds[2];
    await t.request('POST', `/api/chapters/${chapterId}/comments`, { cookie: expertCookie, body: { quote: 'fragment', body: 'Uwaga', mentions: [t.userId(DEMO.editorTuczno)] } });
    const again = (await (await t.request('GET', '/api/inbox', { cookie: await t.login(DEMO.editorTuczno) })).json()) as InboxDto;
    expect(again.threads.find((th) => th.chapterId === chapterId)).toMatchObject({ fiche: false, field: null });
  });

  it('tells the client that a chapter address names a fiche (old links then open the fiche page)', async () => {
    const cookie = await t.login(DEMO.viewer);
    expect(await (await t.request('GET', `/api/chapters/${ficheId}`, { cookie })).json()).toMatchObject({ id: ficheId, fiche: true });
    expect(await (await t.request('GET', `/api/chapters/${t.demo.walcz.chapterIds[0]}`, { cookie })).json()).not.toHaveProperty('fiche');
  });

  it('e-mails a link to the fiche page, and a chapter’s link stays the chapter’s', async () => {
    const res = await startThread(DEMO.expert, { quote: 'Partnerzy', field: 'partners', body: 'Kto jest liderem?', mentions: [t.userId(DEMO.editorTuczno)] });
    expect(res.status).toBe(201);
    const mail = await smtp.waitFor((m) => m.to === DEMO.editorTuczno && /^Wspomniano o Tobie/.test(m.subject));
    expect(mail.text).toContain(`${PUBLIC}/projekt/${ficheId}`);
    expect(mail.text).not.toContain('/rozdzial/');
    expect(mail.text).toContain('Ścieżka rowerowa Wałcz–Tuczno');

    const chapterId = t.demo.walcz.chapterIds[2];
    await startThread(DEMO.expert, { quote: 'fragment', body: 'A tutaj?', mentions: [t.userId(DEMO.editorCzlopa)] }, chapterId);
    const other = await smtp.waitFor((m) => m.to === DEMO.editorCzlopa && /^Wspomniano o Tobie/.test(m.subject));
    expect(other.text).toContain(`${PUBLIC}/rozdzial/${chapterId}`);
  });
});
