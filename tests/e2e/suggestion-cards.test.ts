/**
 * Issue 13, defect 6, in real Chromium: suggestion cards say what a suggestion is, and one
 * card's „Akceptuj” decides exactly what the card shows and announces that count.
 *
 * The expert's suggestions are written by a y-websocket client as our editor writes them (the
 * server's change check accepts each): a whole table proposed for insertion, a joined paragraph
 * (the second paragraph's text inserted at the end of the first + the second paragraph proposed
 * for deletion, one id), a list item and a heading proposed for insertion, and an ordinary
 * inline insertion. An official opens the chapter and reads the cards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { loginAs, newPerson, openChapter, seriousAxeViolations, type Person, useServerAndBrowser } from '../helpers/browser.ts';
import { getJson, login, waitFor } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { DEMO } from '../helpers/demo.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { BLOCK_SUGGESTION_ATTR, SUGGESTION_INSERT_MARK } from '../../shared/annotations.ts';
import type { StrategyDto, SuggestionDecisionDto, SuggestionDto } from '../../shared/apiTypes.ts';

const e2e = useServerAndBrowser();
let official: Person;
let expertClient: TestClient;
let chapterId: string;
let chapterTitle: string;
let editorCookie: string;

const panel = (page: Page) => page.locator('.suggestions-panel');
const card = (page: Page, label: string) =>
  panel(page).locator('.suggestion-card', { has: page.locator('.suggestion-kind', { hasText: new RegExp(`^\\W*${label}$`) }) });

const JOINED_FIRST = 'Pierwszy akapit do połączenia.';
const JOINED_SECOND = 'Drugi akapit do połączenia.';

beforeAll(async () => {
  editorCookie = await login(e2e.server.url, DEMO.editorTuczno);
  const expertCookie = await login(e2e.server.url, DEMO.expert);
  const expertId = (await getJson<{ user: { id: string } }>(e2e.server.url, '/api/auth/me', expertCookie)).user.id;
  const chapter = (await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', editorCookie))[0].chapters[4];
  chapterId = chapter.id;
  chapterTitle = chapter.title;

  // The editor adds two plain paragraphs the expert will then join.
  const editor = connectClient(e2e.server.wsUrl, chapterId, { cookie: editorCookie, extended: true });
  await editor.synced();
  editor.doc.transact(() => {
    const f = editor.doc.getXmlFragment(DOCUMENT_FIELD);
    const a = new Y.XmlElement('paragraph');
    a.insert(0, [new Y.XmlText(JOINED_FIRST)]);
    const b = new Y.XmlElement('paragraph');
    b.insert(0, [new Y.XmlText(JOINED_SECOND)]);
    f.insert(f.length, [a, b]);
  });

  expertClient = connectClient(e2e.server.wsUrl, chapterId, { cookie: expertCookie, extended: true });
  await waitFor(() => expertClient.provider.synced && expertClient.text().includes('Drugi akapit'), 'expert sees the paragraphs');
  const s = (id: string) => ({ id, authorId: expertId, createdAt: '2026-12-06T03:00:00.000Z' });
  const blockAttr = (id: string) => ({ ...s(id), type: 'insert' }) as unknown as string;
  const d = expertClient.doc;
  const f = d.getXmlFragment(DOCUMENT_FIELD);
  d.transact(() => {
    // a whole table
    const table = new Y.XmlElement('table');
    table.setAttribute(BLOCK_SUGGESTION_ATTR, blockAttr('tabela-1'));
    const row = new Y.XmlElement('tableRow');
    for (const cellText of ['Komórka A', 'Komórka B']) {
      const cell = new Y.XmlElement('tableCell');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(cellText)]);
      cell.insert(0, [p]);
      row.insert(row.length, [cell]);
    }
    table.insert(0, [row]);
    // a heading
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 3 as unknown as string);
    heading.setAttribute(BLOCK_SUGGESTION_ATTR, blockAttr('naglowek-1'));
    heading.insert(0, [new Y.XmlText('Nagłówek eksperta')]);
    f.insert(0, [heading, table]);
  });
  d.transact(() => {
    // the joined paragraph: the second paragraph's text at the end of the first, the second proposed for deletion
    const els = f.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
    const first = els.find((e) => e.toString().includes(JOINED_FIRST))!;
    const second = els.find((e) => e.toString().includes(JOINED_SECOND))!;
    (first.get(0) as Y.XmlText).insert(JOINED_FIRST.length, JOINED_SECOND, { [SUGGESTION_INSERT_MARK]: s('polaczenie-1') });
    second.setAttribute(BLOCK_SUGGESTION_ATTR, { ...s('polaczenie-1'), type: 'delete' } as unknown as string);
    // an ordinary insertion
    (first.get(0) as Y.XmlText).insert(0, 'Wstawka eksperta. ', { [SUGGESTION_INSERT_MARK]: s('wstawka-1') });
  });
  await waitFor(async () => (await getJson<SuggestionDto[]>(e2e.server.url, `/api/chapters/${chapterId}/suggestions`, editorCookie)).length === 5, 'the five suggestions stored');
  expect(expertClient.received.rejected).toEqual([]);
  editor.destroy();

  official = await newPerson(e2e.browser, e2e.server.url);
  await loginAs(official.page, DEMO.editorTuczno);
  await openChapter(official.page, chapterTitle);
  await official.page.getByRole('tab', { name: /^Sugestie/ }).click();
  await panel(official.page).waitFor();
}, 120_000);

afterAll(async () => {
  expertClient?.destroy();
});

describe('suggestion cards (Chromium)', () => {
  it('label each suggestion by what it is', async () => {
    const page = official.page;
    await expect.poll(() => panel(page).locator('.suggestion-card').count(), { timeout: 15_000 }).toBe(4);
    const labels = (await panel(page).locator('.suggestion-kind').allInnerTexts()).map((l) => l.replace(/^[+±−]\s*/, '').trim());
    expect(labels.sort()).toEqual(['nowa tabela', 'nowy nagłówek', 'wstawienie', 'zamiana: akapit → tekst'].sort());
    // the joined paragraph's card shows both halves
    const joined = card(page, 'zamiana: akapit → tekst');
    const shown = await joined.locator('.suggestion-excerpt').innerText();
    expect(shown).toContain(`„${JOINED_SECOND}”`);
    expect(shown).toMatch(/Usunięt.*Wstawion/s);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('one card’s „Akceptuj” decides exactly what the card shows and announces 1', async () => {
    const page = official.page;
    await card(page, 'zamiana: akapit → tekst').getByRole('button', { name: 'Akceptuj' }).click();
    await expect.poll(() => page.locator('.announcer').innerText()).toContain('Zaakceptowano sugestie: 1');
    const decisions = await getJson<SuggestionDecisionDto[]>(e2e.server.url, `/api/chapters/${chapterId}/suggestions/decisions`, editorCookie);
    expect(decisions.map((r) => [r.suggestionId, r.kind, r.scope]).sort()).toEqual([
      ['polaczenie-1', 'delete', 'block'],
      ['polaczenie-1', 'insert', 'inline'],
    ]);
    const open = await getJson<SuggestionDto[]>(e2e.server.url, `/api/chapters/${chapterId}/suggestions`, editorCookie);
    expect(open.map((s) => s.id).sort()).toEqual(['naglowek-1', 'tabela-1', 'wstawka-1']);
    await expect.poll(() => panel(page).locator('.suggestion-card').count()).toBe(3);
    await card(page, 'nowa tabela').getByRole('button', { name: 'Odrzuć' }).click();
    await expect.poll(() => page.locator('.announcer').innerText()).toContain('1');
    await expect.poll(() => panel(page).locator('.suggestion-card').count()).toBe(2);
    expect(official.errors).toEqual([]);
  });
});
