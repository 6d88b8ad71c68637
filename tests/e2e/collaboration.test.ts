/**
 * Two officials co-write a chapter in two real Chromium contexts against the real server:
 * each sees the other's text and name-labelled caret, undo takes back only one's own typing,
 * "Zapisano" appears once the server confirmed storage, and an edit made offline arrives
 * after reconnecting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, newPerson, openChapter, type Person, useServerAndBrowser } from '../helpers/browser.ts';

const CHAPTER = 'Proces opracowania i partycypacja';
const e2e = useServerAndBrowser();
let tuczno: Person;
let czlopa: Person;

const text = (page: Page) => page.locator('#chapter-text');
const status = (page: Page) => page.locator('.save-status');

/** Puts the caret at the end of the chapter on a new paragraph and types. */
async function typeAtEnd(page: Page, value: string): Promise<void> {
  await text(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(value, { delay: 15 });
}

beforeAll(async () => {
  tuczno = await newPerson(e2e.browser, e2e.server.url);
  czlopa = await newPerson(e2e.browser, e2e.server.url);
  await loginAs(tuczno.page, 'tuczno@walcz.example');
  await loginAs(czlopa.page, 'czlopa@walcz.example');
  await openChapter(tuczno.page, CHAPTER);
  await openChapter(czlopa.page, CHAPTER);
});

describe('two people in one chapter', () => {
  it('shows each person the other one in the presence list, with name and organisation', async () => {
    await expect.poll(() => tuczno.page.locator('.avatars').innerText()).toContain('Miasto i Gmina Człopa');
    await expect.poll(() => czlopa.page.locator('.avatars').innerText()).toContain('Gmina i Miasto Tuczno');
  });

  it('relays typing both ways and shows the remote caret labelled with the name', async () => {
    await typeAtEnd(tuczno.page, 'Warsztaty w Tucznie odbyły się w marcu.');
    await expect.poll(() => text(czlopa.page).innerText(), { timeout: 10_000 }).toContain('Warsztaty w Tucznie odbyły się w marcu.');

    await typeAtEnd(czlopa.page, 'Ankieta w Człopie zebrała 312 odpowiedzi.');
    await expect.poll(() => text(tuczno.page).innerText(), { timeout: 10_000 }).toContain('Ankieta w Człopie zebrała 312 odpowiedzi.');

    const czlopaName = await czlopa.page.locator('.app-user strong').innerText();
    await expect.poll(() => tuczno.page.locator('.collaboration-carets__label').allInnerTexts()).toContain(czlopaName);
  });

  it('says „Zapisano” once the server confirmed, and a third person then loads the text', async () => {
    await typeAtEnd(tuczno.page, 'Zdanie do zapisania.');
    await expect.poll(() => status(tuczno.page).getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    await expect(status(tuczno.page).innerText()).resolves.toContain('Zapisano');

    const coordinator = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(coordinator.page, 'koordynator@walcz.example');
    await openChapter(coordinator.page, CHAPTER);
    await expect.poll(() => text(coordinator.page).innerText()).toContain('Zdanie do zapisania.');
    await coordinator.context.close();
  });

  it('undo takes back only my own typing', async () => {
    await typeAtEnd(tuczno.page, 'Moje zdanie do cofnięcia');
    await expect.poll(() => text(czlopa.page).innerText()).toContain('Moje zdanie do cofnięcia');
    await typeAtEnd(czlopa.page, 'Zdanie Człopy zostaje');
    await expect.poll(() => text(tuczno.page).innerText()).toContain('Zdanie Człopy zostaje');

    // Tuczno's undo: the caret is still in Tuczno's editor; Yjs' undo manager groups typing bursts.
    for (let i = 0; i < 10 && (await text(tuczno.page).innerText()).includes('Moje zdanie do cofnięcia'); i++) {
      await tuczno.page.keyboard.press('Control+z');
    }
    await expect.poll(() => text(czlopa.page).innerText()).not.toContain('Moje zdanie do cofnięcia');
    expect(await text(tuczno.page).innerText()).toContain('Zdanie Człopy zostaje');
    expect(await text(czlopa.page).innerText()).toContain('Zdanie Człopy zostaje');
  });

  it('keeps an offline edit and delivers it after reconnecting', async () => {
    await czlopa.context.setOffline(true);
    await expect.poll(() => status(czlopa.page).getAttribute('data-status'), { timeout: 15_000 }).toBe('offline');
    await expect(status(czlopa.page).innerText()).resolves.toContain('Offline – zmiany zachowane w przeglądarce');

    await typeAtEnd(czlopa.page, 'Poprawka wpisana bez sieci.');
    await tuczno.page.waitForTimeout(1500);
    expect(await text(tuczno.page).innerText()).not.toContain('Poprawka wpisana bez sieci.');

    await czlopa.context.setOffline(false);
    await expect.poll(() => text(tuczno.page).innerText(), { timeout: 20_000 }).toContain('Poprawka wpisana bez sieci.');
    await expect.poll(() => status(czlopa.page).getAttribute('data-status'), { timeout: 20_000 }).toBe('saved');
  });

  it('raised no page errors', () => {
    expect(tuczno.errors).toEqual([]);
    expect(czlopa.errors).toEqual([]);
  });
});
