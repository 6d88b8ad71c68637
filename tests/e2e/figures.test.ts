/**
 * An editor inserts a map into a chapter through the „Wstaw rycinę” dialog in real Chromium:
 * the dialog opens from the toolbar by keyboard, refuses to insert without a text alternative
 * (Polish message, focus on the field), then inserts the map with its caption; the image is
 * served and drawn, a second person sees the figure live, and axe finds nothing serious with
 * the dialog open or with the figure in the text. The figure's description is changed later
 * through the same button with the figure selected. A ZMP expert's figure goes through
 * suggesting mode: the coordinator sees it as a proposed block and the server refuses nothing.
 */
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, newPerson, openChapter, seriousAxeViolations, type Person, useServerAndBrowser } from '../helpers/browser.ts';

const CHAPTER = 'OSI kluczowe dla partnerstwa';
const ALT = 'Mapa powiatu wałeckiego z zaznaczonymi obszarami strategicznej interwencji wokół Wałcza i Tuczna';
const CAPTION = 'Mapa 3. Obszary strategicznej interwencji';
const MAP_FILE = path.resolve('.tmp/e2e-mapa-osi.png');

const e2e = useServerAndBrowser({ env: { LOG_LEVEL: 'info' } });
let editor: Person;
let coordinator: Person;

const figure = (page: Page) => page.locator('#chapter-text figure').filter({ has: page.locator(`img[alt="${ALT}"]`) });

/** Whether the figure's image was really fetched and decoded (not a broken image). */
const imageDrawn = (page: Page) => figure(page).locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

beforeAll(async () => {
  // A "map": green land, a blue lake and two red areas, as a PNG made with sharp.
  const area = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#d62828' } }).png().toBuffer();
  const lake = await sharp({ create: { width: 80, height: 50, channels: 3, background: '#3a86ff' } }).png().toBuffer();
  await sharp({ create: { width: 400, height: 300, channels: 3, background: '#a7c957' } })
    .composite([{ input: lake, left: 250, top: 30 }, { input: area, left: 40, top: 60 }, { input: area, left: 150, top: 200 }])
    .png()
    .toFile(MAP_FILE);
  // LOG_LEVEL=info: a refused change's reason is in the server's output.
  editor = await newPerson(e2e.browser, e2e.server.url);
  coordinator = await newPerson(e2e.browser, e2e.server.url);
  await loginAs(editor.page, 'tuczno@walcz.example');
  await loginAs(coordinator.page, 'koordynator@walcz.example');
  await openChapter(editor.page, CHAPTER);
  await openChapter(coordinator.page, CHAPTER);
});

describe('figures in the editor', () => {
  it('an editor inserts a map with caption and required text alternative; the coordinator sees it', async () => {
    const page = editor.page;
    await page.locator('#chapter-text').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Obszary pokazuje mapa poniżej.', { delay: 10 });
    // Open the dialog with the keyboard.
    const button = page.getByRole('button', { name: /^Wstaw rycinę lub mapę/ });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Wstaw rycinę' });
    await dialog.waitFor();
    await dialog.getByLabel(/Plik obrazu/).setInputFiles(MAP_FILE);
    await dialog.getByLabel('Podpis (opcjonalny)').fill(CAPTION);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // No text alternative: a Polish error, focus on the field, nothing inserted.
    await dialog.getByRole('button', { name: 'Wstaw rycinę', exact: true }).click();
    const altField = dialog.getByLabel('Tekst alternatywny (wymagany)');
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('Wpisz tekst alternatywny – opis ryciny jest wymagany.');
    expect(await altField.getAttribute('aria-invalid')).toBe('true');
    expect(await altField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('#chapter-text figure').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // With it, Enter in the field inserts the figure.
    await altField.fill(ALT);
    await altField.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await figure(page).waitFor();
    expect(await figure(page).locator('figcaption').innerText()).toBe(CAPTION);
    await expect.poll(() => imageDrawn(page)).toBe(true);
    expect(await figure(page).locator('img').getAttribute('src')).toMatch(/^\/api\/files\/[0-9a-f]{64}$/);
    await page.locator('.save-status[data-status="saved"]').waitFor();
    // The coordinator sees it live, image and all.
    await figure(coordinator.page).waitFor({ timeout: 15_000 });
    expect(await figure(coordinator.page).locator('figcaption').innerText()).toBe(CAPTION);
    await expect.poll(() => imageDrawn(coordinator.page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await seriousAxeViolations(coordinator.page)).toEqual([]);
    expect(editor.errors).toEqual([]);
  });

  it('changes the caption of the selected figure; Escape closes the dialog without changes', async () => {
    const page = editor.page;
    const button = page.getByRole('button', { name: /^Wstaw rycinę lub mapę/ });
    const dialog = page.getByRole('dialog', { name: 'Zmień opis ryciny' });
    const selected = page.locator('#chapter-text figure.ProseMirror-selectednode');
    // Select the figure from the keyboard (end of the paragraph above it, then →), as a keyboard user would.
    await page.locator('#chapter-text p', { hasText: 'Obszary pokazuje mapa poniżej.' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    await selected.waitFor();
    await button.click();
    await dialog.waitFor();
    expect(await dialog.getByLabel('Tekst alternatywny (wymagany)').inputValue()).toBe(ALT);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The text has the focus back with the figure still selected: the page's selection is the
    // figure's (a plain focus() on the text would put the caret at its start, and the editor
    // would take that as its selection), and the button acts on the figure again.
    expect(await page.evaluate(() => {
      const figureEl = document.querySelector('#chapter-text figure.ProseMirror-selectednode');
      const sel = window.getSelection();
      const range = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
      return document.activeElement?.id === 'chapter-text' && !!figureEl && !!range && range.startContainer.childNodes[range.startOffset] === figureEl && !range.collapsed;
    })).toBe(true);
    await button.click();
    await dialog.waitFor();
    await dialog.getByLabel('Podpis (opcjonalny)').fill('Mapa 4. Obszary strategicznej interwencji');
    await dialog.getByRole('button', { name: 'Zapisz opis' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => figure(coordinator.page).locator('figcaption').innerText(), { timeout: 15_000 }).toBe('Mapa 4. Obszary strategicznej interwencji');
    expect(await page.locator('#chapter-text figure').count()).toBe(1);
    // On a phone (390 px) the 400 px map shrinks to fit: no horizontal scroll.
    await coordinator.page.setViewportSize({ width: 390, height: 844 });
    await figure(coordinator.page).scrollIntoViewIfNeeded();
    await expect.poll(() => coordinator.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await figure(coordinator.page).locator('img').boundingBox();
    expect(box!.width).toBeLessThan(390);
    await coordinator.page.setViewportSize({ width: 1366, height: 900 });
  });

  it('an expert proposes a figure: it arrives as a block suggestion and nothing is refused', async () => {
    const expert = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(expert.page, 'ekspert@zmp.example');
    await openChapter(expert.page, CHAPTER);
    const page = expert.page;
    await page.locator('#chapter-text').click();
    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: /^Wstaw rycinę lub mapę/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Wstaw rycinę' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('W trybie sugestii rycina zostanie zaproponowana');
    await dialog.getByLabel(/Plik obrazu/).setInputFiles(MAP_FILE);
    await dialog.getByLabel('Tekst alternatywny (wymagany)').fill('Propozycja eksperta: mapa powiązań funkcjonalnych');
    await dialog.getByRole('button', { name: 'Wstaw rycinę', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const proposed = (p: Page) => p.locator('#chapter-text figure.suggestion-block-insert img[alt="Propozycja eksperta: mapa powiązań funkcjonalnych"]');
    await proposed(page).waitFor();
    await page.locator('.save-status[data-status="saved"]').waitFor();
    await proposed(coordinator.page).waitFor({ timeout: 15_000 });
    expect(await page.locator('.banner-warning').count()).toBe(0);
    expect(e2e.server.output()).not.toMatch(/refused/i);
    expect(await seriousAxeViolations(coordinator.page)).toEqual([]);
    await expert.context.close();
  });
});
