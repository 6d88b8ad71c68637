/**
 * The „Procedura” page in Chromium: reached from the dashboard (with the completeness count),
 * a too-short consultation refused with the earliest lawful end in Polish, the report deadline
 * computed past a holiday, the completeness view; axe finds nothing serious at 1366 and 390 px
 * and nothing scrolls sideways at 390 px.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, newPerson, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import { getJson, login } from '../helpers/server.ts';

const e2e = useServerAndBrowser();

/** Elements reaching past the right edge of the window (what makes a page scroll sideways). */
const wideElements = (page: Page) => page.evaluate(() => [...document.querySelectorAll('body *')]
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !el.parentElement?.closest('.table-scroll'))
  .map((el) => `${el.tagName}.${el.className}#${el.id} ${Math.round(el.getBoundingClientRect().right)}`).slice(0, 12));
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function openProcedure(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Procedura i terminy ustawowe' }).first().click();
  await page.getByRole('heading', { name: 'Procedura uchwalenia strategii' }).waitFor();
  await page.getByRole('heading', { name: 'Kompletność strategii' }).waitFor();
  await page.getByText(/\d+ z 10 elementów kompletnych/).first().waitFor();
}

describe('procedure page', () => {
  it('coordinator: refuses a short consultation, shows the report deadline as a Polish date, completeness; axe clean', async () => {
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
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

    // Filtered by the element's heading: every item's chapter list names all chapters.
    const item = (name: RegExp) => page.locator('.completeness-element').filter({ has: page.getByRole('heading', { name }) });
    const goals = item(/^✓? ?Cele strategiczne w wymiarze/);
    await expect.poll(() => goals.innerText()).toContain('w opracowaniu');
    expect(await goals.innerText()).toContain('Spełnione');
    // The demo's model chapter has no text and no map yet.
    const model = item(/Model struktury funkcjonalno-przestrzennej/);
    expect(await model.innerText()).toContain('rozdział pusty');
    expect(await model.getByRole('heading').innerText()).toContain('niekompletny');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-procedure.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('viewer at 390 px: reads the timeline without fields, no sideways scroll, axe clean', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, 'obserwator@walcz.example');
    await openProcedure(page);
    expect(await page.locator('input[type=date]').count()).toBe(0);
    expect(await noSideScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-procedure-390.png', fullPage: true });
    await context.close();
  });

  it('adoptions: an editor records their council’s resolution; anyone verifies the milestone by hash at 390 px', async () => {
    const cookie = await login(e2e.server.url, 'koordynator@walcz.example');
    const [strategy] = await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', cookie);
    const made = await fetch(`${e2e.server.url}/api/strategies/${strategy.id}/milestones`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: e2e.server.url }, body: JSON.stringify({ name: 'Wersja przyjęta' }),
    });
    expect(made.status).toBe(201);

    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, 'tuczno@walcz.example');
    await openProcedure(page);
    await page.getByRole('heading', { name: 'Uchwały partnerów' }).waitFor();
    // An editor records only for their own organisation.
    expect(await page.locator('#ad-org option').allInnerTexts()).toEqual(['Gmina i Miasto Tuczno']);
    await page.getByLabel('Numer uchwały').fill('XII/85/2027');
    await page.getByLabel('Data uchwały').fill('2027-03-30');
    await page.getByLabel('Adres uchwały w BIP (https://…)').fill('https://bip.tuczno.pl/uchwala-xii-85-2027');
    await page.getByRole('button', { name: 'Zapisz uchwałę' }).click();
    await page.getByRole('cell', { name: /Uchwała nr XII\/85\/2027 z 30 marca 2027/ }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const link = page.getByRole('link', { name: /^Weryfikacja/ }).first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/weryfikacja\/[0-9a-f]{64}$/);
    await context.close();

    // Anyone, without logging in, on a phone.
    const anon = await newPerson(e2e.browser, e2e.server.url);
    // At 1366 px first, then on a phone.
    await anon.page.setViewportSize({ width: 1366, height: 900 });
    await anon.page.goto(href!);
    await anon.page.getByRole('heading', { name: 'Wersja przyjęta' }).waitFor();
    expect(await seriousAxeViolations(anon.page)).toEqual([]);
    await anon.page.setViewportSize({ width: 390, height: 844 });
    await anon.page.reload();
    await anon.page.getByRole('heading', { name: 'Weryfikacja tekstu strategii' }).waitFor();
    await anon.page.getByRole('heading', { name: 'Wersja przyjęta' }).waitFor();
    const text = await anon.page.locator('main').innerText();
    expect(text).toContain('Gmina i Miasto Tuczno');
    expect(text).toContain('XII/85/2027');
    expect(text).not.toContain('Marek');
    expect(text).not.toContain('@walcz.example');
    await anon.page.getByLabel('Tekst do sprawdzenia (np. HTML rozdziału)').fill('inny tekst');
    await anon.page.getByRole('button', { name: 'Sprawdź tekst' }).click();
    await expect.poll(() => anon.page.locator('.verify-result').innerText()).toContain('Niezgodny');
    const wide = await anon.page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => `${el.tagName}.${el.className}`).slice(0, 5));
    expect(wide).toEqual([]);
    expect(await noSideScroll(anon.page)).toBe(true);
    expect(await seriousAxeViolations(anon.page)).toEqual([]);
    await anon.page.screenshot({ path: '.tmp/e2e-verification-390.png', fullPage: true });
    await anon.context.close();
  });

  it('dashboard: the adoption matrix and urgent terms at 1366 and 390 px; the signed resolution and the calendar address on the procedure page', async () => {
    // (Runs after the adoption above: Tuczno adopted „Wersja przyjęta”.) The councils' adoption is planned in 7 days.
    const cookie = await login(e2e.server.url, 'koordynator@walcz.example');
    const [strategy] = await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', cookie);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
    const planned = new Date(Date.parse(`${today}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const put = await fetch(`${e2e.server.url}/api/strategies/${strategy.id}/procedure`, {
      method: 'PUT', headers: { cookie, 'content-type': 'application/json', origin: e2e.server.url }, body: JSON.stringify({ dates: { councils_adopted: planned } }),
    });
    expect(put.status).toBe(200);
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await page.setViewportSize({ width: 1366, height: 900 });
    await loginAs(page, 'tuczno@walcz.example');
    const matrix = page.locator('.adoption-summary').first();
    await matrix.getByRole('heading', { name: 'Uchwały partnerów' }).waitFor();
    await matrix.getByRole('cell', { name: /Uchwała nr XII\/85\/2027 z 30 marca 2027/ }).waitFor();
    // Who did not adopt says so in words, not by colour.
    expect(await matrix.getByRole('cell', { name: 'brak uchwały' }).count()).toBeGreaterThan(0);
    expect(await matrix.getByRole('rowheader', { name: /Gmina i Miasto Tuczno/ }).count()).toBe(1);
    // Read-only on the dashboard.
    expect(await matrix.locator('input, select, button').count()).toBe(0);
    // The planned adoption is among the dashboard's near items, as a date in words.
    await page.getByText(/Planowane uchwały rad partnerów przyjmujące strategię: \d{1,2} \p{L}+ \d{4} \(dni do terminu: 7\)\./u).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSideScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-dashboard-adoptions-390.png', fullPage: true });

    // The procedure page: attach the signed resolution of Tuczno's adoption.
    await page.setViewportSize({ width: 1366, height: 900 });
    await openProcedure(page);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
    await page.getByLabel(/Dołącz podpisaną uchwałę \(PDF, do 10 MB\) — Gmina i Miasto Tuczno/).setInputFiles({ name: 'uchwala.pdf', mimeType: 'application/pdf', buffer: pdf });
    const download = page.getByRole('link', { name: 'Podpisana uchwała (PDF)' });
    await download.waitFor();
    expect(await download.getAttribute('href')).toMatch(/^\/api\/adoptions\/[^/]+\/resolution\.pdf$/);
    // Not a PDF: refused with a Polish message.
    await page.getByLabel(/Zastąp podpisaną uchwałę/).setInputFiles({ name: 'skan.png', mimeType: 'application/pdf', buffer: Buffer.from('89504e470d0a1a0a', 'hex') });
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Uchwała musi być plikiem PDF');

    // The calendar address: made once, shown with a copy button and how to subscribe.
    await page.getByRole('heading', { name: 'Kalendarz terminów procedury' }).waitFor();
    await page.getByRole('button', { name: 'Utwórz mój adres kalendarza' }).click();
    const address = page.getByLabel('Twój prywatny adres kalendarza');
    await address.waitFor();
    expect(await address.inputValue()).toMatch(/\/api\/public\/calendar\/[a-z2-7]{52}\.ics$/);
    await page.getByRole('button', { name: 'Kopiuj adres' }).waitFor();
    expect(await page.locator('.calendar-feed').innerText()).toContain('Subskrybuj z sieci Web');
    const feedUrl = await address.inputValue();
    expect(feedUrl.startsWith(e2e.server.url)).toBe(true);
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await wideElements(page)).toEqual([]);
    expect(await noSideScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Revoked: the address stops working.
    await page.getByRole('button', { name: 'Unieważnij adres' }).click();
    await page.getByText('Nie masz jeszcze adresu kalendarza.').waitFor();
    expect((await fetch(feedUrl)).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });
});
