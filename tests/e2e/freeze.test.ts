/**
 * Freezing in the browser: the coordinator approves and freezes a chapter with a note; the
 * editor's open editor turns read-only at once with a banner naming who froze it and why; the
 * approved version shows its SHA-256, equal to the API's hash of its HTML; unfreezing needs a
 * reason; every step is on the audit page (axe clean, CSV with the same filters); a strategy
 * milestone freezes all chapters and the dashboard says so.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VersionDto, VersionListResponse } from '../../shared/apiTypes.ts';
import { loginAs, newPerson, openChapter, seriousAxeViolations, type Person, useServerAndBrowser } from '../helpers/browser.ts';
import { getJson, login } from '../helpers/server.ts';

const CHAPTER = 'Kierunki działań';
const NOTE = 'Uchwała Rady Partnerstwa nr 3/2021 z 12.10.2021';

const e2e = useServerAndBrowser();
let coordinator: Person;
let editor: Person;

beforeAll(async () => {
  coordinator = await newPerson(e2e.browser, e2e.server.url);
  editor = await newPerson(e2e.browser, e2e.server.url);
  await loginAs(coordinator.page, 'koordynator@walcz.example');
  await loginAs(editor.page, 'tuczno@walcz.example');
  await openChapter(coordinator.page, CHAPTER);
  await openChapter(editor.page, CHAPTER);
});

const editable = (p: Person) => p.page.locator('#chapter-text').getAttribute('contenteditable');

describe('freezing', () => {
  it('freezes with a required note; the editor’s open editor becomes read-only at once with the banner', async () => {
    const page = coordinator.page;
    expect(await editable(editor)).toBe('true');
    await page.getByRole('tab', { name: 'Historia' }).click();
    await page.getByRole('button', { name: 'Zatwierdź i zamroź' }).click();
    const dialog = page.getByRole('dialog', { name: `Zatwierdź i zamroź rozdział „${CHAPTER}”` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Zatwierdź i zamroź' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('Podaj uwagę');
    expect(await dialog.getByLabel(/Uwaga \(podstawa zatwierdzenia\)/).getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel(/Uwaga \(podstawa zatwierdzenia\)/).fill(NOTE);
    await dialog.getByRole('button', { name: 'Zatwierdź i zamroź' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => editable(editor), { timeout: 5_000 }).toBe('false');
    const banner = editor.page.locator('.banner-frozen', { hasText: 'Rozdział zatwierdzony i zamrożony' });
    await expect.poll(() => banner.innerText()).toContain('Katarzyna Wiśniewska');
    expect(await banner.innerText()).toContain(NOTE);
    // Typing does nothing on a frozen chapter.
    const before = await editor.page.locator('#chapter-text').innerText();
    await editor.page.locator('#chapter-text').click();
    await editor.page.keyboard.type('Zmiana po zamrożeniu');
    expect(await editor.page.locator('#chapter-text').innerText()).toBe(before);
    // The editor's history panel: no „Zapisz wersję” or „Przywróć” on a frozen chapter.
    await editor.page.getByRole('tab', { name: 'Historia' }).click();
    await editor.page.locator('.version-item-approved').waitFor();
    expect(await editor.page.getByRole('button', { name: 'Zapisz wersję' }).count()).toBe(0);
    expect(await editor.page.getByRole('button', { name: /^Przywróć/ }).count()).toBe(0);
    expect(await seriousAxeViolations(editor.page)).toEqual([]);
  });

  it('shows the approved version with the SHA-256 of its HTML', async () => {
    const page = coordinator.page;
    const item = page.locator('.version-item-approved').first();
    await item.waitFor();
    expect(await item.innerText()).toContain('Wersja zatwierdzona');
    expect(await item.innerText()).toContain(NOTE);
    await item.getByRole('button', { name: /^Otwórz wersję/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Wersja: Wersja zatwierdzona/ });
    await dialog.locator('.checksum-value').waitFor();
    const shown = await dialog.locator('.checksum-value').innerText();
    await expect.poll(() => dialog.locator('.checksum').innerText()).toContain('Suma kontrolna zgodna');

    const cookie = await login(e2e.server.url, 'obserwator@walcz.example');
    const chapterId = await page.evaluate(() => decodeURIComponent(location.pathname.split('/').pop() ?? ''));
    const list = await getJson<VersionListResponse>(e2e.server.url, `/api/chapters/${chapterId}/versions`, cookie);
    const approved = list.versions.find((v) => v.kind === 'approved')!;
    const version = await getJson<VersionDto>(e2e.server.url, `/api/versions/${approved.id}`, cookie);
    expect(shown).toBe(version.sha256);
    expect(createHash('sha256').update(version.html, 'utf8').digest('hex')).toBe(shown);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('unfreezes only with a reason; the editor can edit again', async () => {
    const page = coordinator.page;
    await page.getByRole('button', { name: 'Odmroź' }).click();
    const dialog = page.getByRole('dialog', { name: `Odmroź rozdział „${CHAPTER}”` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Odmroź rozdział' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('Podaj powód odmrożenia.');
    expect(await editable(editor)).toBe('false');
    await dialog.getByLabel('Powód odmrożenia').fill('Poprawka redakcyjna po uwagach gminy Tuczno');
    await dialog.getByRole('button', { name: 'Odmroź rozdział' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => editable(editor), { timeout: 5_000 }).toBe('true');
    expect(await editor.page.locator('.banner-frozen', { hasText: 'Rozdział zatwierdzony i zamrożony' }).count()).toBe(0);
    // Focus did not fall off the page although the button that opened the dialog was replaced.
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
  });

  it('shows every step on the audit page with filters and a CSV download; axe clean', async () => {
    const page = coordinator.page;
    await page.getByRole('link', { name: 'Wróć do pulpitu' }).click();
    await page.getByRole('link', { name: 'Dziennik zdarzeń' }).click();
    await page.getByRole('heading', { name: 'Dziennik zdarzeń' }).waitFor();
    const table = page.locator('table.audit-table');
    await table.waitFor();
    const all = await table.innerText();
    expect(all).toContain('Zatwierdzenie i zamrożenie rozdziału');
    expect(all).toContain('Odmrożenie rozdziału');
    expect(all).toContain('Katarzyna Wiśniewska · Powiat Wałecki');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('Działanie').selectOption('chapter.unfrozen');
    await page.getByLabel('Rozdział').selectOption({ label: CHAPTER });
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.innerText()).toContain('Powód: Poprawka redakcyjna po uwagach gminy Tuczno');

    const href = await page.getByRole('link', { name: /Pobierz CSV/ }).getAttribute('href');
    expect(href).toContain('action=chapter.unfrozen');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain('Odmrożenie rozdziału');
    expect(text).not.toContain('Zatwierdzenie i zamrożenie rozdziału');

    // A „from” date after the „to” date is refused before asking the server.
    await page.getByLabel('Od dnia').fill('2030-01-02');
    await page.getByLabel('Do dnia (włącznie)').fill('2030-01-01');
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('późniejsza');
  });

  it('freezes all chapters under one milestone name; the dashboard shows the strategy’s state', async () => {
    const page = coordinator.page;
    await page.getByRole('link', { name: 'Wróć do pulpitu' }).click();
    await page.getByRole('button', { name: 'Zamroź wszystkie rozdziały' }).click();
    const dialog = page.getByRole('dialog', { name: 'Zamroź wszystkie rozdziały pod jedną nazwą' });
    await dialog.getByLabel(/Nazwa kamienia milowego/).fill('Projekt do konsultacji');
    await dialog.getByRole('button', { name: 'Zamroź wszystkie rozdziały' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.locator('.strategy-frozen-state').first().innerText()).toContain('Wszystkie rozdziały zatwierdzone i zamrożone');
    const rows = page.locator('table.chapters tbody tr');
    const count = await rows.count();
    await expect.poll(() => page.locator('table.chapters tbody tr', { hasText: 'zamrożony' }).count()).toBe(count);
    expect(await page.locator('.milestone-list').innerText()).toContain('Projekt do konsultacji');
    await expect.poll(() => editable(editor), { timeout: 5_000 }).toBe('false');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(coordinator.errors).toEqual([]);
    expect(editor.errors).toEqual([]);
  });
});
