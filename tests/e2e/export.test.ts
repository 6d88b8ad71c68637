/**
 * Export downloads in the browser: a viewer downloads the whole strategy as PDF from the
 * dashboard and a chapter as DOCX with tracked changes from the chapter page; the files arrive
 * with their Polish names; the links pass axe and fit a 390 px screen. (The end-to-end test with
 * a map, a freeze and the milestone's files needs the figure feature too: see docs/export.md.)
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import { loginAs, newPerson, openChapter, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import { getJson, login } from '../helpers/server.ts';

const e2e = useServerAndBrowser();
let strategy: StrategyDto;

beforeAll(async () => {
  strategy = (await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', await login(e2e.server.url, 'obserwator@walcz.example')))[0];
});

/** Clicks a download link of the labelled export group and returns the file's name and first bytes. */
async function download(page: Page, group: string, link: string): Promise<{ name: string; head: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: group }).getByRole('link', { name: link, exact: true }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), head: fs.readFileSync(path).subarray(0, 4).toString('latin1') };
}

/**
 * Export links reaching past the right edge of the window. (Only these: at 390 px the
 * dashboard's chapter table is wider than the screen already, before any export link.)
 */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.export-links, .export-links *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 5),
  );

describe('export downloads', () => {
  it('a viewer downloads the whole strategy as PDF from the dashboard, with its Polish name', async () => {
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, 'obserwator@walcz.example');
    const pdf = await download(page, 'Pobierz całą strategię (tekst bieżący):', 'PDF');
    expect(pdf.name).toBe(`${strategy.title}.pdf`);
    expect(pdf.head).toBe('%PDF');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloads a chapter as DOCX with changes and comments from the chapter page', async () => {
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, 'obserwator@walcz.example');
    const chapter = strategy.chapters[0];
    await openChapter(page, chapter.title);
    const docx = await download(page, 'Pobierz rozdział:', 'DOCX ze zmianami i komentarzami');
    expect(docx.name).toBe(`${chapter.title}.docx`);
    expect(docx.head).toBe('PK\u0003\u0004');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await overflowing(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
