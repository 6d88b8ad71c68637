/**
 * Comments in two real Chromium contexts against the real server (issue 3): an official (A)
 * comments a passage with Ctrl+Alt+M, a ZMP expert (B, who may not edit the text) sees it
 * live, starts a thread of his own on read-only text, replies with an @mention of A picked
 * from the autocomplete; A finds the reply in „Do mnie”, opens it and resolves the thread;
 * B sees it resolved. axe finds no serious violation with the panel open.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, newPerson, openChapter, seriousAxeViolations, type Person, useServerAndBrowser } from '../helpers/browser.ts';

const CHAPTER = 'Wnioski z diagnozy';
const PASSAGE = 'Słabe połączenia transportu zbiorowego';
const EXPERT_PASSAGE = 'przetwórstwie drewna';
const e2e = useServerAndBrowser();
let a: Person; // Marek Zieliński · Gmina i Miasto Tuczno (editor)
let b: Person; // Piotr Lewandowski · Związek Miast Polskich (expert: text read-only)

const panel = (page: Page) => page.locator('.comments-panel');
const threadWith = (page: Page, text: string) => panel(page).locator('.thread-list .comment-thread', { hasText: text });

/** Selects `needle` in the chapter text as a mouse drag would (the DOM selection ProseMirror reads). */
async function selectInText(page: Page, needle: string): Promise<void> {
  await page.evaluate((text) => {
    const root = document.getElementById('chapter-text');
    if (!root) throw new Error('no chapter text');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.textContent?.indexOf(text) ?? -1;
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + text.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${text}" not in the chapter text`);
  }, needle);
  await page.locator('.comment-start:not([aria-disabled])').waitFor();
}

beforeAll(async () => {
  a = await newPerson(e2e.browser, e2e.server.url);
  b = await newPerson(e2e.browser, e2e.server.url);
  await loginAs(a.page, 'tuczno@walcz.example');
  await loginAs(b.page, 'ekspert@zmp.example');
  await openChapter(a.page, CHAPTER);
  await openChapter(b.page, CHAPTER);
});

describe('comment threads between an official and an expert', () => {
  it('A selects a passage, presses Ctrl+Alt+M, writes a comment with a link and two lines', async () => {
    await a.page.locator('#chapter-text').click();
    await selectInText(a.page, PASSAGE);
    await a.page.keyboard.press('Control+Alt+m');
    const body = a.page.getByLabel('Treść komentarza');
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await expect(panel(a.page).innerText()).resolves.toContain(`Fragment: „${PASSAGE}”`);
    await body.fill('Proszę podać źródło danych o kursach PKS.\nZob. https://walcz.pl/rozklad <b>nie HTML</b>');
    await a.page.getByRole('button', { name: 'Dodaj komentarz' }).click();

    const thread = threadWith(a.page, 'Proszę podać źródło danych');
    await thread.waitFor();
    await a.page.locator('.comment-draft').waitFor({ state: 'detached' });
    await expect(thread.innerText()).resolves.toContain('Marek Zieliński · Gmina i Miasto Tuczno');
    expect(await thread.locator('.comment-body a').getAttribute('href')).toBe('https://walcz.pl/rozklad');
    expect(await thread.locator('.comment-body b').count()).toBe(0);
    expect(await thread.locator('.comment-body').innerText()).toContain('<b>nie HTML</b>');
    // The passage is marked in the text and the mark reached the server.
    await expect.poll(() => a.page.locator('#chapter-text .comment-open').allInnerTexts()).toContain(PASSAGE);
    await expect.poll(() => a.page.locator('.save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
  });

  it('B (expert) sees the new thread live, with the passage highlighted in his text', async () => {
    await threadWith(b.page, 'Proszę podać źródło danych').waitFor({ timeout: 10_000 });
    await expect.poll(() => b.page.locator('#chapter-text .comment-open').allInnerTexts(), { timeout: 10_000 }).toContain(PASSAGE);
    await expect.poll(() => b.page.locator('.announcer').innerText()).toContain('Nowy komentarz: Marek Zieliński · Gmina i Miasto Tuczno');
  });

  it('B, who may not edit the text, anchors a thread of his own; A sees it and nothing was refused', async () => {
    // An expert's text is editable, but only as suggestions (issue 4): anchoring a comment must still pass the change check.
    expect(await b.page.locator('#chapter-text').getAttribute('contenteditable')).toBe('true');
    await selectInText(b.page, EXPERT_PASSAGE);
    await b.page.getByRole('button', { name: 'Skomentuj zaznaczony fragment (Ctrl+Alt+M)' }).click();
    await b.page.getByLabel('Treść komentarza').fill('Warto dodać dane o zatrudnieniu w branży drzewnej.');
    await b.page.getByRole('button', { name: 'Dodaj komentarz' }).click();
    await threadWith(b.page, 'branży drzewnej').waitFor();
    await expect.poll(() => a.page.locator('#chapter-text .comment-open').allInnerTexts(), { timeout: 10_000 }).toContain(EXPERT_PASSAGE);
    await expect.poll(() => b.page.locator('.save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    expect(await b.page.locator('body').innerText()).not.toContain('Zmiana odrzucona');
    // Text order: the expert's passage (Sfera gospodarcza) comes before A's (Sfera przestrzenna).
    const order = await panel(a.page).locator('.thread-list .comment-body').allInnerTexts();
    expect(order.findIndex((t) => t.includes('branży drzewnej'))).toBeLessThan(order.findIndex((t) => t.includes('źródło danych')));
  });

  it('B replies to A’s thread with an @mention chosen from the autocomplete', async () => {
    const thread = threadWith(b.page, 'Proszę podać źródło danych');
    await thread.getByRole('button', { name: 'Odpowiedz' }).click();
    const reply = b.page.getByLabel('Twoja odpowiedź');
    await reply.pressSequentially('Dane są w BDL GUS, ', { delay: 5 });
    await reply.pressSequentially('@Zieli', { delay: 20 });
    await b.page.getByRole('option', { name: /Marek Zieliński/ }).waitFor();
    await reply.press('Enter');
    await expect(reply.inputValue()).resolves.toBe('Dane są w BDL GUS, @Marek Zieliński ');
    await reply.pressSequentially('proszę o potwierdzenie.', { delay: 5 });
    await thread.getByRole('button', { name: 'Odpowiedz' }).click();
    await expect.poll(() => thread.locator('.comment').count()).toBe(2);
    await expect.poll(() => threadWith(a.page, 'Proszę podać źródło danych').innerText(), { timeout: 10_000 }).toContain('@Marek Zieliński proszę o potwierdzenie.');
  });

  it('A finds the reply in „Do mnie” with an unread count, opens it and resolves the thread', async () => {
    await a.page.getByRole('link', { name: 'Wróć do pulpitu' }).first().click();
    const inbox = a.page.locator('section.inbox');
    await inbox.getByText('Piotr Lewandowski · Związek Miast Polskich').waitFor({ timeout: 10_000 });
    const text = await inbox.innerText();
    expect(text).toContain('Nieprzeczytane: 1');
    expect(text).toContain('wspomniano Cię');
    expect(text).toContain('proszę o potwierdzenie');
    expect(await seriousAxeViolations(a.page)).toEqual([]);
    fs.mkdirSync('.tmp', { recursive: true });
    await inbox.screenshot({ path: '.tmp/e2e-inbox.png' });
    // The dashboard counts the chapter's open threads.
    await expect(a.page.locator('table.chapters').innerText()).resolves.toContain('otwarte wątki: 2');

    await inbox.getByRole('link', { name: `Rozdział „${CHAPTER}”` }).click();
    await a.page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 20_000 });
    const thread = threadWith(a.page, 'Proszę podać źródło danych');
    await expect.poll(() => thread.getAttribute('aria-current')).toBe('true');
    await thread.getByRole('button', { name: 'Rozwiąż wątek' }).click();
    await expect.poll(() => thread.innerText()).toContain('Rozwiązany');
  });

  it('B sees the thread resolved, with who resolved it', async () => {
    await expect.poll(() => threadWith(b.page, 'Proszę podać źródło danych').count(), { timeout: 10_000 }).toBe(0); // open filter
    await panel(b.page).getByLabel('Rozwiązane').check();
    const thread = threadWith(b.page, 'Proszę podać źródło danych');
    await expect.poll(() => thread.innerText()).toContain('Rozwiązał(a): Marek Zieliński · Gmina i Miasto Tuczno');
    await expect.poll(() => b.page.locator('#chapter-text .comment-open').allInnerTexts()).not.toContain(PASSAGE);
  });

  it('clicking a thread’s passage selects it in the text', async () => {
    const thread = threadWith(a.page, 'branży drzewnej');
    await thread.locator('.thread-passage').click();
    await expect.poll(() => a.page.evaluate(() => window.getSelection()?.toString())).toBe(EXPERT_PASSAGE);
    await expect.poll(() => a.page.locator('#chapter-text .comment-active').allInnerTexts()).toContain(EXPERT_PASSAGE);
  });

  it('axe: no serious or critical violation with the comments panel and a composer open', async () => {
    await threadWith(a.page, 'branży drzewnej').getByRole('button', { name: 'Odpowiedz' }).click();
    await a.page.getByLabel('Twoja odpowiedź').waitFor();
    expect(await seriousAxeViolations(a.page)).toEqual([]);
    expect(await seriousAxeViolations(b.page)).toEqual([]);
    fs.mkdirSync('.tmp', { recursive: true });
    await a.page.screenshot({ path: '.tmp/e2e-comments.png', fullPage: true });
  });

  it('raised no page errors', () => {
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
