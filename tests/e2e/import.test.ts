/**
 * DOCX import in Chromium (docs/import.md): an editor imports a Word file with tracked changes
 * by two authors and a comment through the chapter page's dialog — the summary lists what
 * cannot come through, one author is matched by name and the other keeps the file's name —
 * then accepts one imported suggestion from its card. axe finds nothing serious in the dialog.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StrategyDto, SuggestionDecisionDto, SuggestionDto } from '../../shared/apiTypes.ts';
import { loginAs, newPerson, openChapter, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import { getJson, login } from '../helpers/server.ts';
import { DEMO } from '../helpers/demo.ts';
import { JAN, docxLibraryFile, strategyDocx } from '../helpers/importFixtures.ts';

const e2e = useServerAndBrowser();
let strategy: StrategyDto;
let cookie: string;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-e2e-import-')), 'Diagnoza od konsultanta.docx');

beforeAll(async () => {
  cookie = await login(e2e.server.url, DEMO.editorTuczno);
  strategy = (await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', cookie))[0];
  fs.writeFileSync(file, await docxLibraryFile());
}, 120_000);

const panel = (page: Page) => page.locator('.suggestions-panel');

describe('DOCX import (Chromium)', () => {
  it('imports through the dialog with the summary and author mapping, then accepts one imported suggestion', async () => {
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, DEMO.editorTuczno);
    const chapter = strategy.chapters[2];
    await openChapter(page, chapter.title);
    await page.getByRole('button', { name: 'Importuj z pliku Word…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Plik Word/).setInputFiles(file);
    await dialog.getByRole('button', { name: 'Wczytaj podgląd' }).click();
    await expect.poll(() => dialog.getByRole('heading', { name: 'Podsumowanie pliku „Diagnoza od konsultanta.docx”' }).count(), { timeout: 30_000 }).toBe(1);
    const summary = await dialog.innerText();
    expect(summary).toContain('wstawienia 1, usunięcia 1');
    expect(summary).toContain('Komentarze: wątki 1, odpowiedzi 0');
    // The demo editor „Marek Zieliński” is matched by name; Jan Kowalski is nobody here.
    const marek = dialog.getByLabel(/^Marek Zieliński/);
    expect(await marek.locator('option:checked').innerText()).toMatch(/^Marek Zieliński/);
    const jan = dialog.getByLabel(new RegExp(`^${JAN}`));
    expect(await jan.locator('option:checked').innerText()).toBe('Zachowaj nazwisko z pliku (przypisz do mnie)');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByLabel('Na końcu rozdziału').check();
    await dialog.getByRole('button', { name: 'Importuj', exact: true }).click();
    await expect.poll(() => page.locator('.announcer').innerText(), { timeout: 30_000 }).toContain('Zaimportowano. Sugestie: 2, wątki komentarzy: 1.');

    const open = await getJson<SuggestionDto[]>(e2e.server.url, `/api/chapters/${chapter.id}/suggestions`, cookie);
    const imported = open.filter((s) => s.text === 'aktywnie ' || s.text === 'turystykę i ');
    expect(imported.map((s) => [s.kind, s.author?.name, s.createdAt]).sort()).toEqual([
      ['delete', 'Marek Zieliński', '2026-03-05T09:15:00.000Z'],
      ['insert', 'Marek Zieliński', '2026-03-03T10:00:00.000Z'],
    ]);

    await page.getByRole('tab', { name: /^Sugestie/ }).click();
    await panel(page).waitFor();
    // Jan's deletion is the importer's, with his name and date from the file shown.
    const janCard = panel(page).locator('.suggestion-card', { hasText: 'z pliku: Jan Kowalski, 5 marca 2026' });
    await expect.poll(() => janCard.count(), { timeout: 15_000 }).toBe(1);
    expect(await janCard.innerText()).toContain('turystykę i');
    expect(await janCard.innerText()).toContain('zaimportował(a): Marek Zieliński');
    // The same words in the text show it on hover.
    await page.locator('.ProseMirror del', { hasText: 'turystykę i' }).first().hover();
    await expect.poll(() => page.locator('[role="tooltip"]').first().innerText().catch(() => ''), { timeout: 10_000 }).toContain('z pliku: Jan Kowalski, 5 marca 2026');
    const marekCard = panel(page).locator('.suggestion-card', { hasText: 'aktywnie' });
    await marekCard.getByRole('button', { name: 'Akceptuj' }).click();
    await expect.poll(() => page.locator('.announcer').innerText()).toContain('Zaakceptowano sugestie: 1');
    const decisions = await getJson<SuggestionDecisionDto[]>(e2e.server.url, `/api/chapters/${chapter.id}/suggestions/decisions`, cookie);
    expect(decisions.map((d) => [d.kind, d.scope])).toEqual([['insert', 'inline']]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a coordinator imports a whole-strategy file from the dashboard, confirming which part goes to which chapter', async () => {
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, DEMO.coordinator);
    const existing = strategy.chapters[1];
    const whole = path.join(path.dirname(file), 'Strategia całość.docx');
    fs.writeFileSync(whole, await strategyDocx([existing.title, 'Aneks z konsultacji']));
    await page.getByRole('button', { name: 'Importuj całą strategię z pliku Word…' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Plik Word/).setInputFiles(whole);
    await dialog.getByRole('button', { name: 'Wczytaj podgląd' }).click();
    await expect.poll(() => dialog.getByRole('heading', { name: /Podsumowanie pliku/ }).count(), { timeout: 30_000 }).toBe(1);
    const first = dialog.getByLabel(new RegExp(`^${existing.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(await first.locator('option:checked').innerText()).toBe(`Do rozdziału „${existing.title}”`);
    const second = dialog.getByLabel(/^Aneks z konsultacji/);
    expect(await second.locator('option:checked').innerText()).toBe('Nowy rozdział (z tytułem części)');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Importuj', exact: true }).click();
    await expect.poll(() => page.locator('.announcer').innerText(), { timeout: 30_000 }).toContain('Zaimportowano do rozdziałów: 2.');
    const after = (await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', cookie))[0];
    expect(after.chapters.map((c) => c.title)).toContain('Aneks z konsultacji');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
