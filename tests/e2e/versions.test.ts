/**
 * Version history in the browser: an editor saves a named version, types more, compares the
 * version with the current text and sees the insertion (with its author, not by colour alone);
 * restores the version and a second person's open editor follows live. The history panel and
 * the compare view pass axe; the dialogs trap focus, close with Escape and return focus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, newPerson, openChapter, seriousAxeViolations, type Person, useServerAndBrowser } from '../helpers/browser.ts';

const CHAPTER = 'Cele strategiczne';
const ADDED = 'Partnerstwo rozwija sieć tras rowerowych.';

const e2e = useServerAndBrowser();
let marek: Person;
let agnieszka: Person;

const focusedLabel = (p: Person) => p.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

beforeAll(async () => {
  marek = await newPerson(e2e.browser, e2e.server.url);
  agnieszka = await newPerson(e2e.browser, e2e.server.url);
  await loginAs(marek.page, 'tuczno@walcz.example');
  await loginAs(agnieszka.page, 'czlopa@walcz.example');
  await openChapter(marek.page, CHAPTER);
  await openChapter(agnieszka.page, CHAPTER);
});

describe('version history', () => {
  it('saves a named version from the history tab', async () => {
    const page = marek.page;
    await page.getByRole('tab', { name: 'Historia' }).click();
    await page.getByRole('heading', { name: 'Historia wersji' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Zapisz wersję' }).click();
    const dialog = page.getByRole('dialog', { name: 'Zapisz wersję rozdziału' });
    await dialog.waitFor();
    // Focus starts in the dialog's field; an empty name is refused with a message tied to it.
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await dialog.getByRole('button', { name: 'Zapisz wersję' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('Podaj nazwę wersji.');
    await dialog.getByLabel('Nazwa wersji').fill('Projekt do konsultacji');
    await dialog.getByRole('button', { name: 'Zapisz wersję' }).click();
    await dialog.waitFor({ state: 'detached' });

    const item = page.locator('.version-item', { hasText: 'Projekt do konsultacji' });
    await item.waitFor();
    expect(await item.innerText()).toContain('Wersja nazwana');
    expect(await item.innerText()).toContain('Zapisał(a): Marek Zieliński · Gmina i Miasto Tuczno');
    // Focus went back to the button that opened the dialog.
    expect(await focusedLabel(marek)).toContain('Zapisz wersję');
    // The other editor's open history panel follows (versions-changed push).
    await agnieszka.page.getByRole('tab', { name: 'Historia' }).click();
    await agnieszka.page.locator('.version-item', { hasText: 'Projekt do konsultacji' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('compares the version with the current text after more typing and shows the insertion with its author', async () => {
    const page = marek.page;
    await page.locator('#chapter-text').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(ADDED);
    await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 20_000 });

    const opener = page.getByRole('button', { name: 'Porównaj z bieżącą: Projekt do konsultacji' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Porównanie wersji' });
    await dialog.waitFor();
    await dialog.locator('.diff-text').waitFor();
    const ins = dialog.locator('.diff-text ins', { hasText: 'tras rowerowych' });
    await expect.poll(() => ins.count()).toBeGreaterThan(0);
    // Not colour alone: the insertion is underlined and carries words for screen readers.
    expect(await ins.first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('underline');
    expect(await ins.first().innerText()).toContain('[wstawiono (Marek Zieliński · Gmina i Miasto Tuczno):');
    expect(await dialog.locator('.compare-summary').innerText()).toMatch(/Zmiany: 1 wstawienie \(\d+ s[łl]ów?\w*\), 0 usunięć/);
    expect(await dialog.locator('.diff-author').first().innerText()).toBe('Marek Zieliński');
    expect(await dialog.locator('.diff-text del').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Tab stays inside the modal dialog (the page behind is inert).
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog') || document.activeElement === document.body)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedLabel(marek)).toBe('Porównaj z bieżącą: Projekt do konsultacji');
  });

  it('opens a version read-only with its SHA-256 checked', async () => {
    const page = marek.page;
    await page.getByRole('button', { name: 'Otwórz wersję: Projekt do konsultacji' }).click();
    const dialog = page.getByRole('dialog', { name: 'Wersja: Projekt do konsultacji' });
    await dialog.locator('.version-text').waitFor();
    expect(await dialog.locator('.version-text').innerText()).not.toContain(ADDED);
    expect(await dialog.locator('.version-text [contenteditable]').count()).toBe(0);
    await expect.poll(() => dialog.locator('.checksum').innerText()).toContain('Suma kontrolna zgodna');
    expect(await dialog.locator('.checksum-value').innerText()).toMatch(/^[0-9a-f]{64}$/);
    await dialog.getByRole('button', { name: 'Zamknij' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('restores the version and the second open editor follows live', async () => {
    await expect.poll(() => agnieszka.page.locator('#chapter-text').innerText(), { timeout: 15_000 }).toContain(ADDED);

    const page = marek.page;
    await page.getByRole('button', { name: 'Przywróć: Projekt do konsultacji' }).click();
    const dialog = page.getByRole('dialog', { name: 'Przywrócić wersję „Projekt do konsultacji”?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Przywróć tę wersję' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => agnieszka.page.locator('#chapter-text').innerText(), { timeout: 15_000 }).not.toContain(ADDED);
    await expect.poll(() => page.locator('#chapter-text').innerText(), { timeout: 15_000 }).not.toContain(ADDED);
    // Nothing is lost: the text before the restore is kept as an automatic version.
    await expect.poll(() => page.locator('.version-item-auto').count()).toBeGreaterThan(0);
    expect(marek.errors).toEqual([]);
    expect(agnieszka.errors).toEqual([]);
  });
});
