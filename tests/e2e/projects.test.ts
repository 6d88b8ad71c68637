/**
 * Key-project fiches in Chromium (issue 19): an editor creates a fiche from the package page,
 * types Polish amounts („1 234,50”, „234.5”), sees the difference until the shares and sources
 * add up and „Zapisano” once the server stored it; another editor sees the amount live; an
 * expert's field change becomes a proposal. The overview shows the fiche with its sums and the
 * charts with their data tables. axe finds nothing serious on the fiche, the overview and the
 * charts, also at 390 px.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loginAs, newPerson, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import type { RunningServer } from '../helpers/server.ts';

const e2e = useServerAndBrowser();
// The test bodies read them as `server` and `browser`.
let server: RunningServer;
let browser: Browser;
beforeAll(() => {
  ({ server, browser } = e2e);
});

const saved = (page: Page) => page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 20_000 });

async function money(page: Page, label: string, value: string, nth = 0): Promise<void> {
  const input = page.getByLabel(label, { exact: false }).nth(nth);
  await input.fill(value);
  await input.press('Tab');
}

describe('key-project fiches', () => {
  let ficheUrl = '';

  it('editor: creates a fiche, amounts add up with a visible difference until then, „Zapisano”; axe clean', async () => {
    const { page, context, errors } = await newPerson(browser, server.url);
    await loginAs(page, 'tuczno@walcz.example');
    await page.getByRole('link', { name: 'Karty projektów kluczowych i zestawienie pakietu' }).first().click();
    await page.getByRole('heading', { name: 'Pakiet projektów kluczowych', level: 1 }).waitFor();
    await page.getByLabel('Tytuł nowego projektu').fill('Wspólne centrum usług społecznych');
    await page.getByRole('button', { name: 'Utwórz kartę projektu' }).click();
    await page.getByRole('heading', { name: 'Karta projektu: Wspólne centrum usług społecznych' }).waitFor();
    await saved(page);
    ficheUrl = page.url();

    await money(page, 'Koszt całkowity', '1 234,50');
    await page.getByLabel('Lider').selectOption({ label: 'Gmina i Miasto Tuczno' });
    await page.getByRole('button', { name: 'Dodaj partnera' }).click();
    await money(page, 'Udział w koszcie', '1234.5');
    await page.getByText('Suma udziałów partnerów: 1 234,50 zł. Suma zgadza się z kosztem całkowitym.').waitFor();
    await money(page, 'Program UE', '1 000');
    await page.getByText(/Suma źródeł finansowania: 1\s000,00\szł\. Różnica względem kosztu całkowitego: −234,50\szł\./).waitFor();
    // Too many decimals: refused in the field, with a message, nothing stored.
    await money(page, 'Budżet własny', '234,505');
    await page.getByText('Kwota może mieć najwyżej dwa miejsca po przecinku (grosze).').waitFor();
    await money(page, 'Budżet własny', '234,50');
    await page.getByText('Suma źródeł finansowania: 1 234,50 zł. Suma zgadza się z kosztem całkowitym.').waitFor();
    await saved(page);

    // Another editor sees the stored amount.
    const other = await newPerson(browser, server.url);
    await loginAs(other.page, 'czlopa@walcz.example');
    await other.page.goto(ficheUrl);
    await expect.poll(async () => (await other.page.getByLabel('Koszt całkowity').inputValue()).replace(/\u00a0/g, ' '), { timeout: 20_000 }).toBe('1 234,50');
    await other.context.close();

    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-fiche.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('expert: a field change becomes a proposal the editor sees', async () => {
    const { page, context, errors } = await newPerson(browser, server.url);
    await loginAs(page, 'ekspert@zmp.example');
    await page.goto(ficheUrl);
    await page.getByText('Jako ekspert nie zmieniasz pól bezpośrednio', { exact: false }).waitFor();
    await money(page, 'Koszt całkowity', '1 300');
    await page.getByRole('heading', { name: 'Twoje propozycje do wysłania: 1' }).waitFor();
    await page.getByRole('button', { name: 'Wyślij propozycje' }).click();
    await page.getByRole('heading', { name: 'Propozycje zmian pól (1)' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('comments on a field: „Komentarze (N)” by keyboard, a thread under the field, the inbox link opens it on the fiche page; axe clean', async () => {
    const expert = await newPerson(browser, server.url);
    await loginAs(expert.page, 'ekspert@zmp.example');
    const threadLoads: string[] = [];
    expert.page.on('request', (r) => {
      if (r.method() === 'GET' && /^\/api\/chapters\/[^/]+\/comments$/.test(new URL(r.url()).pathname)) threadLoads.push(r.url());
    });
    await expert.page.goto(ficheUrl);
    const costComments = expert.page.getByRole('button', { name: 'Komentarze (0) do pola „Koszt całkowity”' });
    await costComments.waitFor();
    await expert.page.getByRole('tab', { name: /Komentarze/ }).first().waitFor();
    // The fields and the editor's comment tab share one list: loaded once.
    await new Promise((r) => setTimeout(r, 300));
    expect(threadLoads).toHaveLength(1);
    await costComments.focus();
    await expert.page.keyboard.press('Enter');
    expect(await costComments.getAttribute('aria-expanded')).toBe('true');
    const region = expert.page.getByRole('region', { name: 'Komentarze do pola „Koszt całkowity”' });
    await region.getByRole('textbox', { name: 'Nowy komentarz do pola „Koszt całkowity”' }).fill('Czy koszt obejmuje nadzór inwestorski?');
    await region.getByRole('button', { name: 'Dodaj komentarz' }).click();
    await region.getByText('Czy koszt obejmuje nadzór inwestorski?').waitFor();
    await expert.page.getByRole('button', { name: 'Komentarze (1) do pola „Koszt całkowity”' }).waitFor();
    expect(await seriousAxeViolations(expert.page)).toEqual([]);
    expect(expert.errors).toEqual([]);

    // An editor answers under the same field.
    const editor = await newPerson(browser, server.url);
    await loginAs(editor.page, 'tuczno@walcz.example');
    await editor.page.goto(ficheUrl);
    await editor.page.getByRole('button', { name: 'Komentarze (1) do pola „Koszt całkowity”' }).click();
    const thread = editor.page.getByRole('region', { name: 'Komentarze do pola „Koszt całkowity”' }).getByRole('article');
    await thread.getByText('Pole karty projektu: „Koszt całkowity”').waitFor();
    await thread.getByRole('button', { name: 'Odpowiedz' }).click();
    await thread.getByRole('textbox', { name: 'Twoja odpowiedź' }).fill('Tak, razem z nadzorem.');
    await thread.getByRole('button', { name: 'Odpowiedz' }).click();
    await thread.getByText('Tak, razem z nadzorem.').waitFor();
    await editor.context.close();

    // The expert's inbox names the fiche and the field; its link opens the thread next to the field.
    await expert.page.goto('/');
    const inbox = expert.page.locator('.inbox');
    await inbox.getByText('Pole karty projektu: „Koszt całkowity”').waitFor();
    await inbox.getByRole('link', { name: 'Karta projektu „Wspólne centrum usług społecznych”' }).click();
    await expert.page.waitForURL((url) => url.pathname === new URL(ficheUrl).pathname);
    const opened = expert.page.getByRole('region', { name: 'Komentarze do pola „Koszt całkowity”' });
    await opened.getByText('Tak, razem z nadzorem.').waitFor();
    await expect.poll(() => expert.page.evaluate(() => document.activeElement?.closest('article')?.textContent ?? '')).toContain('Tak, razem z nadzorem.');
    // An old link to the fiche as a chapter opens the fiche page.
    await expert.page.goto(ficheUrl.replace('/projekt/', '/rozdzial/'));
    await expert.page.waitForURL((url) => url.pathname === new URL(ficheUrl).pathname);
    await expert.page.getByRole('heading', { name: 'Karta projektu: Wspólne centrum usług społecznych' }).waitFor();
    expect(expert.errors).toEqual([]);
    await expert.context.close();
  });

  it('overview and charts: the fiche with Polish amounts, sums, charts with data tables; axe clean at 1366 and 390 px', async () => {
    const { page, context, errors } = await newPerson(browser, server.url);
    await loginAs(page, 'obserwator@walcz.example');
    await page.getByRole('link', { name: 'Karty projektów kluczowych i zestawienie pakietu' }).first().click();
    const table = page.locator('.package-table');
    await table.getByRole('link', { name: 'Wspólne centrum usług społecznych' }).waitFor();
    expect((await table.innerText()).replace(/\u00a0/g, ' ')).toContain('1 234,50 zł');
    await page.getByRole('figure', { name: 'Koszt według partnerów' }).waitFor();
    await page.getByRole('figure', { name: 'Finansowanie według źródeł' }).waitFor();
    // Each chart carries its numbers as a table (exact Polish amounts), beside the hidden picture.
    const goals = page.getByRole('figure', { name: 'Koszt według celów strategicznych' });
    expect((await goals.locator('table').innerText()).replace(/\u00a0/g, ' ')).toContain('1 234,50 zł');
    expect(await page.locator('.chart-picture[aria-hidden="true"]').count()).toBe(3);
    // Sorting is a button in the column header, announced by aria-sort.
    await page.getByRole('button', { name: 'Koszt całkowity' }).click();
    expect(await page.locator('th[aria-sort="ascending"]').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-package.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // The charts re-measure themselves after the resize: poll until they have.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Every bar keeps its name beside it (as vertical bars, recharts dropped two of the five names at this width).
    const sourceNames = page.getByRole('figure', { name: 'Finansowanie według źródeł' }).locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label');
    const namesShown = () => sourceNames.evaluateAll((ticks) => ticks.map((t) => [...t.querySelectorAll('tspan')].map((line) => line.textContent ?? '').join(' ').trim()));
    await expect.poll(namesShown).toEqual(['Program UE', 'Program krajowy', 'KPO', 'Budżet własny', 'Inne']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The key projects chapter shows the summary generated from the fiches.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/');
    await page.getByRole('link', { name: 'Pakiet projektów kluczowych' }).first().click();
    const summary = page.locator('.package-summary');
    await page.getByRole('heading', { name: 'Zestawienie projektów kluczowych (tworzone z kart projektów)' }).waitFor();
    await summary.getByRole('link', { name: 'Wspólne centrum usług społecznych' }).waitFor();
    expect((await summary.innerText()).replace(/\u00a0/g, ' ')).toContain('1 234,50 zł');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
