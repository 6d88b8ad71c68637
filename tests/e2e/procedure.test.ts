/**
 * The „Procedura” page in Chromium: reached from the dashboard (with the completeness count),
 * a too-short consultation refused with the earliest lawful end in Polish, the report deadline
 * computed past a holiday, the completeness view; axe finds nothing serious at 1366 and 390 px
 * and nothing scrolls sideways at 390 px.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuild } from '../../server/cli/ensure-client-build.ts';
import { launchBrowser, loginAs, newPerson, seriousAxeViolations } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuild();
  fs.mkdirSync('.tmp', { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function openProcedure(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Procedura i terminy ustawowe' }).first().click();
  await page.getByRole('heading', { name: 'Procedura uchwalenia strategii' }).waitFor();
  await page.getByRole('heading', { name: 'Kompletność strategii' }).waitFor();
  await page.getByText(/\d+ z 10 elementów kompletnych/).first().waitFor();
}

describe('procedure page', () => {
  it('coordinator: refuses a short consultation, shows the report deadline as a Polish date, completeness; axe clean', async () => {
    const { page, context, errors } = await newPerson(browser, server.url);
    await loginAs(page, 'koordynator@walcz.example');
    await page.getByText(/\d+ z 10 elementów kompletnych/).first().waitFor();
    await openProcedure(page);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('Ogłoszenie konsultacji').fill('2026-10-31');
    await page.getByLabel('Koniec konsultacji (ostatni dzień na uwagi)').fill('2026-12-05');
    await page.getByRole('button', { name: 'Zapisz daty' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('najwcześniej 7 grudnia 2026');

    await page.getByLabel('Koniec konsultacji (ostatni dzień na uwagi)').fill('2026-12-07');
    await page.getByRole('button', { name: 'Zapisz daty' }).click();
    // 7 December + 30 days = 6 January 2027, a holiday (Trzech Króli): the term ends on 7 January.
    await page.getByText('Sprawozdanie z konsultacji należy opublikować do 7 stycznia 2027.').waitFor();

    const goals = page.locator('.completeness-element', { hasText: 'Cele strategiczne w wymiarze' });
    await expect.poll(() => goals.innerText()).toContain('w opracowaniu');
    expect(await goals.innerText()).toContain('Spełnione');
    const model = page.locator('.completeness-element', { hasText: 'Model struktury funkcjonalno-przestrzennej' });
    expect(await model.innerText()).toMatch(/rozdział pusty|Niespełnione/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-procedure.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('viewer at 390 px: reads the timeline without fields, no sideways scroll, axe clean', async () => {
    const { page, context } = await newPerson(browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, 'obserwator@walcz.example');
    await openProcedure(page);
    expect(await page.locator('input[type=date]').count()).toBe(0);
    expect(await noSideScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-procedure-390.png', fullPage: true });
    await context.close();
  });
});
