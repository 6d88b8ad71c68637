/**
 * Small screens (WCAG 2.1 1.4.10 Reflow): at 390 px wide no page scrolls sideways
 * (document.documentElement.scrollWidth <= 390) and axe finds no serious violation. Every page:
 * login, dashboard, chapter editor with each side panel open and a comment holding a very long
 * word, version viewer and compare view, account, audit log, invitation, not found. The header
 * stays compact above the chapter text. Screenshots go to .tmp/small-*.png.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { AddMemberResponse, PartnershipDto } from '../../shared/apiTypes.ts';
import { loginAs, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import { getJson, login } from '../helpers/server.ts';
import { DEMO } from '../helpers/demo.ts';

const WIDTH = 390;
const CHAPTER = 'Wnioski z diagnozy';
/** One 400-character word: a pasted identifier or link without spaces. */
const LONG_WORD = 'Wałcz-Człopa-Tuczno-Mirosławiec-'.repeat(12) + 'koniec';

const e2e = useServerAndBrowser();
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  context = await e2e.browser.newContext({ baseURL: e2e.server.url, locale: 'pl-PL', timezoneId: 'Europe/Warsaw', viewport: { width: WIDTH, height: 844 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
});

/** The page's width, the widest elements (for the failure message) and axe's serious findings. */
async function checkPage(name: string): Promise<void> {
  const { scrollWidth, widest } = await page.evaluate((width) => {
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} right=${Math.round(e.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, widest: wide };
  }, WIDTH);
  await page.screenshot({ path: `.tmp/small-${name}.png` });
  expect(scrollWidth, `${name} is ${scrollWidth}px wide: ${widest.join('; ')}`).toBeLessThanOrEqual(WIDTH);
  expect(await seriousAxeViolations(page), name).toEqual([]);
}

/**
 * Puts the caret, collapsed, at the very end of the chapter text. A click in the middle of the
 * text at 390 px may land on a commented passage or leave an earlier selection in place, and
 * typing then replaces it: so focus, place the caret through the DOM selection, and check.
 */
async function caretAtEnd(): Promise<void> {
  await page.locator('#chapter-text').focus();
  await page.keyboard.press('Control+End');
  await page.evaluate(() => {
    const root = document.getElementById('chapter-text')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let last: Node | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node;
    if (!last) throw new Error('no text in the chapter');
    window.getSelection()!.collapse(last, last.textContent!.length);
  });
  await expect.poll(() => page.evaluate(() => window.getSelection()!.isCollapsed)).toBe(true);
}

/** Selects `needle` in the chapter text as a mouse drag would. */
async function selectInText(needle: string): Promise<void> {
  await page.evaluate((text) => {
    const root = document.getElementById('chapter-text')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.textContent?.indexOf(text) ?? -1;
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + text.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`"${text}" not in the chapter text`);
  }, needle);
  await page.locator('.comment-start:not([aria-disabled])').waitFor();
}

describe(`every page at ${WIDTH} px`, () => {
  it('login', async () => {
    await page.goto('/logowanie');
    await page.getByRole('heading', { name: 'Logowanie' }).waitFor();
    await checkPage('login');
  });

  it('dashboard: chapters stack, other tables scroll inside their own labelled region', async () => {
    await loginAs(page, DEMO.coordinator);
    await checkPage('dashboard');
    // The chapter table is still a table for screen readers, one row per chapter.
    const chapters = page.locator('table.chapters');
    expect(await chapters.getByRole('row').count()).toBeGreaterThan(10);
    expect(await chapters.getByRole('columnheader', { name: 'Status' }).count()).toBe(1);
    // Each stacked chapter fits the screen.
    const rowRight = await chapters.locator('tbody tr').first().evaluate((tr) => tr.getBoundingClientRect().right);
    expect(rowRight).toBeLessThanOrEqual(WIDTH);
    // The members table scrolls inside a focusable region named after it.
    const members = page.locator('div.table-scroll[role=region]', { has: page.getByRole('columnheader', { name: 'E-mail' }) });
    expect(await members.getAttribute('aria-label')).toBe('Członkowie partnerstwa');
    expect(await members.getAttribute('tabindex')).toBe('0');
    await page.screenshot({ path: '.tmp/small-dashboard-full.png', fullPage: true });
  });

  it('chapter editor: the header is compact and the text starts in the first screen', async () => {
    await page.getByRole('link', { name: CHAPTER }).first().click();
    await page.locator('#chapter-text').waitFor();
    await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 20_000 });
    const header = await page.locator('header.app-header').boundingBox();
    expect(header!.height).toBeLessThan(844 * 0.12);
    const textTop = await page.locator('#chapter-text').boundingBox();
    expect(textTop!.y).toBeLessThan(844);
    await checkPage('chapter');
  });

  it('chapter editor: a 400-character word in the text, in a commented passage and in a comment does not widen the page', async () => {
    await caretAtEnd();
    await page.keyboard.press('Enter');
    await page.keyboard.type(LONG_WORD);
    await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 20_000 });
    await selectInText(LONG_WORD);
    await page.keyboard.press('Control+Alt+m');
    await page.getByLabel('Treść komentarza').fill(`Proszę sprawdzić: ${LONG_WORD}`);
    await page.getByRole('button', { name: 'Dodaj komentarz' }).click();
    const thread = page.locator('.comments-panel .comment-thread', { hasText: 'Proszę sprawdzić' });
    await thread.waitFor();
    expect(await thread.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(WIDTH);
    await checkPage('chapter-comments');
  });

  it('chapter editor: a suggestion holding a 400-character word does not widen the suggestions panel', async () => {
    await page.getByRole('button', { name: 'Tryb sugestii (Ctrl+Shift+E)' }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('Tryb sugestii włączony');
    await caretAtEnd();
    await page.keyboard.type(` Sugestia ${LONG_WORD}`);
    await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Tryb sugestii (Ctrl+Shift+E)' }).click();
    await page.getByRole('tab', { name: /^Sugestie/ }).click();
    // The card holding the long word, whether it reads as an insertion or, when the typing
    // landed next to the earlier long word, as a replacement.
    const card = page.locator('.suggestions-panel .suggestion-card', { hasText: LONG_WORD.slice(0, 40) }).first();
    await card.waitFor();
    expect(await card.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(WIDTH);
    await checkPage('chapter-suggestions');
  });

  it('chapter editor: the history panel, the version viewer and the compare view', async () => {
    await page.getByRole('tab', { name: 'Historia' }).click();
    await page.getByRole('heading', { name: 'Historia wersji' }).waitFor();
    await page.getByRole('button', { name: 'Zapisz wersję' }).click();
    const save = page.getByRole('dialog', { name: 'Zapisz wersję rozdziału' });
    await save.getByLabel(/Nazwa/).fill(`Wersja ${LONG_WORD.slice(0, 120)}`);
    await save.getByRole('button', { name: 'Zapisz wersję' }).click();
    const item = page.locator('.version-item', { hasText: 'Wersja Wałcz' });
    await item.waitFor();
    await checkPage('chapter-history');

    await item.getByRole('button', { name: /^Otwórz wersję/ }).click();
    const viewer = page.getByRole('dialog', { name: /^Wersja: / });
    await viewer.locator('.version-text').waitFor();
    await checkPage('version-viewer');
    await viewer.getByRole('button', { name: 'Zamknij' }).click();

    await item.getByRole('button', { name: /^Porównaj z bieżącą/ }).click();
    const compare = page.getByRole('dialog', { name: 'Porównanie wersji' });
    await compare.locator('.diff-text').waitFor();
    await checkPage('compare');
    await compare.getByRole('button', { name: 'Zamknij' }).click();
  });

  it('account', async () => {
    await page.goto('/konto');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPage('account');
  });

  it('audit log', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Dziennik zdarzeń' }).first().click();
    await page.locator('table.audit-table').waitFor();
    await checkPage('audit');
  });

  it('not found', async () => {
    await page.goto('/nie-ma-takiej-strony');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPage('not-found');
  });

  it('invitation', async () => {
    const cookie = await login(e2e.server.url, DEMO.coordinator);
    const [mine] = await getJson<{ id: string }[]>(e2e.server.url, '/api/partnerships', cookie);
    const partnership = await getJson<PartnershipDto>(e2e.server.url, `/api/partnerships/${mine.id}`, cookie);
    const res = await fetch(`${e2e.server.url}/api/partnerships/${mine.id}/members`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'waska.osoba@walcz.example', name: 'Aleksandra Wąska-Szerokowska', organizationId: partnership.organizations[0].id, role: 'editor' }),
    });
    expect(res.status).toBe(201);
    const { invitationUrl } = (await res.json()) as AddMemberResponse;
    const guest = await e2e.browser.newContext({ baseURL: e2e.server.url, locale: 'pl-PL', viewport: { width: WIDTH, height: 844 } });
    const previous = page;
    page = await guest.newPage();
    try {
      await page.goto(new URL(invitationUrl!, e2e.server.url).pathname);
      await expect.poll(() => page.locator('main').innerText()).toContain('Aleksandra Wąska-Szerokowska');
      await checkPage('invitation');
    } finally {
      await guest.close();
      page = previous;
    }
    expect(errors).toEqual([]);
  });
});
