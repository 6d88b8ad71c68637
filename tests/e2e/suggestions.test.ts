/**
 * Tracked suggestions in two real Chromium contexts against the real server (issue 4): a ZMP
 * expert (who may not edit directly) types an insertion and deletes a whole paragraph — both
 * become suggestions; an official sees them live with the expert's name on hover and on the
 * caret, accepts the insertion and rejects the deletion from the „Sugestie” panel; the expert
 * sees the outcome, his status reaches „Zapisano” and nothing was refused. axe with the panel
 * open. The server runs with LOG_LEVEL=info so a refusal's reason is in its output.
 */
import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, newPerson, openChapter, seriousAxeViolations, type Person, useServerAndBrowser } from '../helpers/browser.ts';

const CHAPTER = 'Wprowadzenie i podstawa prawna';
const FIRST_END = 'sposób ich osiągania.';
const INSERTED = ' Dokument będzie aktualizowany co dwa lata.';
const DELETED_START = 'Dokument powstał w ramach Centrum Wsparcia Doradczego';
const EXPERT = 'Piotr Lewandowski · Związek Miast Polskich';
const OFFICIAL_TEXT = ' Aktualizacja nastąpi w 2027 roku.';
const EXPERT_WITHDRAWN = ' (wraz z aktami wykonawczymi)';
/** „26 listopada 2026, 14:03” */
const POLISH_DATE = /\d{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia) \d{4}, \d{2}:\d{2}/;

const e2e = useServerAndBrowser({ env: { LOG_LEVEL: 'info' } });
let expert: Person; // Piotr Lewandowski · Związek Miast Polskich (expert: always suggesting)
let official: Person; // Marek Zieliński · Gmina i Miasto Tuczno (editor: reviews)

const text = (page: Page) => page.locator('#chapter-text');
const panel = (page: Page) => page.locator('.suggestions-panel');
const card = (page: Page, kind: string) => panel(page).locator('.suggestion-card', { has: page.locator('.suggestion-kind', { hasText: kind }) });

/** Puts the caret right after `needle` in the chapter text (the DOM selection ProseMirror reads). */
async function caretAfter(page: Page, needle: string): Promise<void> {
  await page.evaluate((t) => {
    const root = document.getElementById('chapter-text')!;
    root.focus();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.textContent?.indexOf(t) ?? -1;
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i + t.length);
      range.collapse(true);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`"${t}" not in the chapter text`);
  }, needle);
}

/** Selects the whole paragraph that starts with `start` (its text, from its first to its last character). */
async function selectParagraph(page: Page, start: string): Promise<string> {
  return page.evaluate((s) => {
    const root = document.getElementById('chapter-text')!;
    root.focus();
    const p = [...root.querySelectorAll('p')].find((el) => el.textContent?.startsWith(s));
    if (!p) throw new Error(`no paragraph starting with "${s}"`);
    const range = document.createRange();
    range.selectNodeContents(p);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return p.textContent ?? '';
  }, start);
}

beforeAll(async () => {
  expert = await newPerson(e2e.browser, e2e.server.url);
  official = await newPerson(e2e.browser, e2e.server.url);
  await loginAs(expert.page, 'ekspert@zmp.example');
  await loginAs(official.page, 'tuczno@walcz.example');
  await openChapter(expert.page, CHAPTER);
  await openChapter(official.page, CHAPTER);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  fs.mkdirSync('.tmp', { recursive: true });
  await expert?.page.screenshot({ path: '.tmp/e2e-suggestions-expert-fail.png', fullPage: true }).catch(() => undefined);
  await official?.page.screenshot({ path: '.tmp/e2e-suggestions-official-fail.png', fullPage: true }).catch(() => undefined);
  console.log('server log (refusals):\n', e2e.server.output().split('\n').filter((l) => /reject|refus|suggest/i.test(l)).join('\n'));
});

let paragraphText = '';

describe('suggestions between an expert and an official', () => {
  it('the expert’s text is editable, in suggesting mode that he cannot turn off, and explained', async () => {
    expect(await text(expert.page).getAttribute('contenteditable')).toBe('true');
    const toggle = expert.page.getByRole('button', { name: 'Tryb sugestii (Ctrl+Shift+E)' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await toggle.getAttribute('aria-disabled')).toBe('true');
    await expect(expert.page.locator('.suggest-mode-status').innerText()).resolves.toContain('Jako ekspert proponujesz zmiany');
    expect(await expert.page.locator('body').innerText()).not.toContain('Tylko do odczytu');
    // The official edits directly until he switches the mode on.
    const officialToggle = official.page.getByRole('button', { name: 'Tryb sugestii (Ctrl+Shift+E)' });
    expect(await officialToggle.getAttribute('aria-pressed')).toBe('false');
    expect(await officialToggle.getAttribute('aria-disabled')).toBeNull();
  });

  it('the expert types an insertion and deletes a whole paragraph: both stay as his suggestions', async () => {
    await text(expert.page).click();
    await caretAfter(expert.page, FIRST_END);
    await expert.page.keyboard.type(INSERTED, { delay: 15 });
    await expect.poll(async () => (await text(expert.page).locator('ins.suggestion-insert').allInnerTexts()).join('')).toContain(INSERTED.trim());

    paragraphText = await selectParagraph(expert.page, DELETED_START);
    await expert.page.keyboard.press('Backspace');
    // The paragraph is still there, struck through (as deleted text or a deleted block).
    await expect.poll(() => text(expert.page).innerText()).toContain(DELETED_START);
    await expect.poll(async () => (await text(expert.page).locator('del.suggestion-delete, .suggestion-block-delete').allInnerTexts()).join(' '))
      .toContain(DELETED_START);
    await expect.poll(() => expert.page.locator('.save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    expect(await expert.page.locator('body').innerText()).not.toContain('Zmiana odrzucona');
  });

  it('the official sees both live, and hovering names the expert with the date', async () => {
    const ins = text(official.page).locator('ins.suggestion-insert', { hasText: INSERTED.trim() });
    await ins.waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await text(official.page).locator('del.suggestion-delete, .suggestion-block-delete').allInnerTexts()).join(' '), { timeout: 10_000 })
      .toContain(DELETED_START);
    await ins.hover();
    const tooltip = official.page.getByRole('tooltip');
    await expect.poll(() => tooltip.innerText()).toContain('Sugestia: wstawienie');
    const who = await tooltip.innerText();
    expect(who).toContain(EXPERT);
    expect(who).toMatch(POLISH_DATE);
  });

  it('the caret entering a suggestion describes the text box and is announced', async () => {
    await official.page.mouse.move(5, 5);
    await caretAfter(official.page, 'Dokument będzie');
    await official.page.keyboard.press('ArrowRight'); // a real caret move, inside the insertion
    const describedBy = await text(official.page).getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await expect.poll(() => official.page.locator(`[id="${describedBy}"]`).innerText()).toContain(EXPERT);
    await expect.poll(() => official.page.locator('.announcer').innerText()).toContain(EXPERT);
  });

  it('the official’s panel lists them in text order, with kinds in words and authors', async () => {
    await official.page.getByRole('tab', { name: /^Sugestie/ }).click();
    await panel(official.page).waitFor();
    await expect.poll(() => panel(official.page).locator('.suggestion-card').count()).toBe(2);
    const kinds = await panel(official.page).locator('.suggestion-kind').allInnerTexts();
    expect(kinds[0]).toContain('wstawienie');
    expect(kinds[1]).toMatch(/usunięcie/);
    const cards = await panel(official.page).locator('.suggestion-card').allInnerTexts();
    for (const c of cards) expect(c).toContain(EXPERT);
    expect(cards[0]).toContain('Dokument będzie aktualizowany co dwa lata.');
    // Alt+] selects the next suggestion in the text.
    await caretAfter(official.page, 'Strategia terytorialna');
    await official.page.keyboard.press('Alt+BracketRight');
    await expect.poll(() => official.page.evaluate(() => window.getSelection()?.toString().trim())).toBe(INSERTED.trim());
  });

  it('axe: no serious or critical violation with the panel open', async () => {
    expect(await seriousAxeViolations(official.page)).toEqual([]);
    await expert.page.getByRole('tab', { name: /^Sugestie/ }).click();
    await panel(expert.page).waitFor();
    expect(await seriousAxeViolations(expert.page)).toEqual([]);
    fs.mkdirSync('.tmp', { recursive: true });
    await official.page.screenshot({ path: '.tmp/e2e-suggestions.png', fullPage: true });
  });

  it('the official accepts the insertion and rejects the deletion', async () => {
    await card(official.page, 'wstawienie').getByRole('button', { name: 'Akceptuj' }).click();
    await expect.poll(() => panel(official.page).locator('.suggestion-card').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => official.page.locator('.announcer').innerText()).toContain('Zaakceptowano sugestie: 1');
    await panel(official.page).locator('.suggestion-card').getByRole('button', { name: 'Odrzuć' }).click();
    await expect.poll(() => panel(official.page).locator('.suggestion-card').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => text(official.page).locator('ins, del, .suggestion-block').count()).toBe(0);
    const body = await text(official.page).innerText();
    expect(body).toContain(`${FIRST_END}${INSERTED}`);
    expect(body).toContain(paragraphText.trim());
  });

  it('the expert sees the outcome: the insertion is plain text, the paragraph stays, nothing was refused', async () => {
    await expect.poll(() => text(expert.page).locator('ins, del, .suggestion-block').count(), { timeout: 10_000 }).toBe(0);
    const body = await text(expert.page).innerText();
    expect(body).toContain(`${FIRST_END}${INSERTED}`);
    expect(body).toContain(paragraphText.trim());
    await expect.poll(() => panel(expert.page).locator('.suggestion-card').count()).toBe(0);
    await expect.poll(() => expert.page.locator('.save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    expect(await expert.page.locator('body').innerText()).not.toContain('Zmiana odrzucona');
    // The record of decisions shows both, with who decided.
    await panel(expert.page).getByText('Historia decyzji').click();
    const history = panel(expert.page).locator('.decision-list');
    await expect.poll(() => history.innerText(), { timeout: 10_000 }).toContain('Zaakceptowana');
    const h = await history.innerText();
    expect(h).toContain('Odrzucona');
    expect(h).toContain('Zdecydował(a): Marek Zieliński · Gmina i Miasto Tuczno');
  });

  it('the official turns suggesting mode on with Ctrl+Shift+E: his typing becomes his suggestion, seen by the expert', async () => {
    const toggle = official.page.getByRole('button', { name: 'Tryb sugestii (Ctrl+Shift+E)' });
    await caretAfter(official.page, 'rozdział 12.');
    await official.page.keyboard.press('Control+Shift+E');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => official.page.locator('.suggest-mode-status').innerText()).toContain('Tryb sugestii włączony');
    await official.page.keyboard.type(OFFICIAL_TEXT, { delay: 15 });
    await expect.poll(async () => (await text(official.page).locator('ins.suggestion-insert').allInnerTexts()).join('')).toContain(OFFICIAL_TEXT.trim());
    const theirs = panel(expert.page).locator('.suggestion-card', { hasText: OFFICIAL_TEXT.trim() });
    await theirs.waitFor({ timeout: 10_000 });
    await expect(theirs.innerText()).resolves.toContain('Marek Zieliński · Gmina i Miasto Tuczno');
    // The expert may not decide on it, nor withdraw someone else's.
    expect(await theirs.getByRole('button', { name: /Akceptuj|Odrzuć|Wycofaj/ }).count()).toBe(0);
    await official.page.keyboard.press('Control+Shift+E');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => official.page.locator('.save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
  });

  it('„Skomentuj” on a suggestion selects its text and opens the comment composer', async () => {
    const theirs = panel(expert.page).locator('.suggestion-card', { hasText: OFFICIAL_TEXT.trim() });
    await theirs.getByRole('button', { name: 'Skomentuj' }).click();
    await expect.poll(() => expert.page.locator('.comments-panel').innerText()).toContain(`Fragment: „${OFFICIAL_TEXT.trim()}”`);
    await expert.page.getByLabel('Treść komentarza').fill('Czy co roku, czy co dwa lata?');
    await expert.page.getByRole('button', { name: 'Dodaj komentarz' }).click();
    await expect.poll(async () => (await official.page.locator('#chapter-text .comment-open').allInnerTexts()).join(''), { timeout: 10_000 })
      .toContain(OFFICIAL_TEXT.trim());
    await expect.poll(() => expert.page.locator('.save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    expect(await expert.page.locator('body').innerText()).not.toContain('Zmiana odrzucona');
    await expert.page.getByRole('tab', { name: /^Sugestie/ }).click();
  });

  it('the expert withdraws a suggestion of his own; it disappears for both', async () => {
    await caretAfter(expert.page, 'powiatowym;');
    await expert.page.keyboard.type(EXPERT_WITHDRAWN, { delay: 15 });
    const mine = panel(expert.page).locator('.suggestion-card', { hasText: EXPERT_WITHDRAWN.trim() });
    await mine.waitFor({ timeout: 10_000 });
    await expect.poll(() => text(official.page).innerText(), { timeout: 10_000 }).toContain(EXPERT_WITHDRAWN.trim());
    await mine.getByRole('button', { name: 'Wycofaj' }).click();
    await expect.poll(() => expert.page.locator('.announcer').innerText()).toContain('Wycofano sugestie: 1');
    await expect.poll(() => text(official.page).innerText(), { timeout: 10_000 }).not.toContain(EXPERT_WITHDRAWN.trim());
    await expect.poll(() => text(expert.page).innerText()).not.toContain(EXPERT_WITHDRAWN.trim());
  });

  it('the coordinator locks suggesting mode: the official’s toggle is forced on and explained, then unlocked', async () => {
    const coordinator = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(coordinator.page, 'koordynator@walcz.example');
    await openChapter(coordinator.page, CHAPTER);
    await coordinator.page.getByRole('button', { name: 'Zablokuj tryb sugestii' }).click();
    const toggle = official.page.getByRole('button', { name: 'Tryb sugestii (Ctrl+Shift+E)' });
    await expect.poll(() => toggle.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('true');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => official.page.locator('.suggest-mode-status').innerText()).toContain('Koordynator zablokował tryb sugestii');
    expect(await text(official.page).getAttribute('contenteditable')).toBe('true');
    // Naming a version leaves the text as it is: the lock does not take it away.
    await official.page.getByRole('tab', { name: 'Historia' }).click();
    await expect.poll(() => official.page.getByRole('button', { name: 'Zapisz wersję' }).count()).toBe(1);
    await official.page.getByRole('tab', { name: /^Sugestie/ }).click();
    await coordinator.page.getByRole('button', { name: 'Odblokuj tryb sugestii' }).click();
    await expect.poll(() => toggle.getAttribute('aria-disabled'), { timeout: 10_000 }).toBeNull();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(coordinator.errors).toEqual([]);
    await coordinator.context.close();
  });

  it('raised no page errors and the server refused nothing', () => {
    expect(expert.errors).toEqual([]);
    expect(official.errors).toEqual([]);
    expect(e2e.server.output()).not.toMatch(/rejected|refused/i);
  });
});
