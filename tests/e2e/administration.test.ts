/**
 * The administration in Chromium (issue 16): on an installation without demo data, the
 * setup link from the log opens a Polish, accessible page that creates the first
 * administrator; the administration pages create a partnership, add a gmina picked from the
 * TERC list and a typed-in organisation, a strategy from the template, and name a
 * coordinator, whose invitation link then works. axe finds nothing serious on any of them;
 * nothing scrolls sideways at 390 px.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPerson, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import { waitFor } from '../helpers/server.ts';

const e2e = useServerAndBrowser({ env: { SEED_DEMO: '0' } });

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('administration in the browser', () => {
  it('setup link → first administrator → partnership with TERC organisations → coordinator invited', async () => {
    const link = await waitFor(() => /http:\/\/[^\s]+(\/konfiguracja\/[a-z2-7]{39})/.exec(e2e.server.output()), 'setup link in the log');
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await page.goto(link![1]);
    await page.getByRole('heading', { name: 'Pierwsze uruchomienie: administrator instalacji' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // A missing name gets a Polish message.
    await page.getByRole('button', { name: 'Utwórz konto administratora' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Podaj imię i nazwisko oraz e-mail.');
    await page.getByLabel('Imię i nazwisko').fill('Irena Informatyk');
    await page.getByLabel('E-mail').fill('it@starostwo.example');
    await page.getByLabel('Instytucja (nieobowiązkowo)').fill('Starostwo Powiatowe w Wałczu');
    await page.getByLabel('Hasło (co najmniej 10 znaków)').fill('haslo-administratorki');
    await page.getByLabel('Powtórz hasło').fill('haslo-administratorki');
    await page.getByRole('button', { name: 'Utwórz konto administratora' }).click();
    await page.getByRole('heading', { name: 'Administracja instalacji' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Administracja' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('Nazwa nowego partnerstwa').fill('Partnerstwo Powiatu Wałeckiego');
    await page.getByRole('button', { name: 'Utwórz partnerstwo' }).click();
    await page.getByRole('heading', { name: 'Partnerstwo Powiatu Wałeckiego', level: 2 }).waitFor();

    // A gmina from the TERC list, searched by name, as the leader.
    await page.getByLabel('Szukaj gminy lub powiatu').fill('Tuczno');
    await page.getByRole('button', { name: 'Szukaj', exact: true }).click();
    await page.getByRole('radio', { name: /Gmina i Miasto Tuczno/ }).check();
    await page.getByLabel('Lider partnerstwa').check();
    await page.getByRole('button', { name: 'Dodaj organizację' }).click();
    await page.getByRole('button', { name: 'Usuń z partnerstwa: Gmina i Miasto Tuczno' }).waitFor();
    expect(await page.locator('#admin-orgs + ul').innerText()).toContain('TERC 3217043');
    // A typed-in organisation.
    await page.getByLabel('Inna instytucja (ZMP, urząd marszałkowski, firma doradcza, NGO)').check();
    await page.getByLabel('Nazwa organizacji').fill('Związek Miast Polskich');
    await page.getByLabel('Rodzaj', { exact: true }).selectOption('zmp');
    await page.getByRole('button', { name: 'Dodaj organizację' }).click();
    await page.getByRole('button', { name: 'Usuń z partnerstwa: Związek Miast Polskich' }).waitFor({ timeout: 5000 }).catch(async (e) => {
      throw new Error(`${e}\n${await page.locator('main').innerText()}`);
    });

    await page.getByLabel('Tytuł nowej strategii').fill('Strategia terytorialna 2030');
    await page.getByRole('button', { name: 'Utwórz strategię' }).click();
    await expect.poll(() => page.locator('#admin-strategies + ul').innerText()).toContain('rozdziały: 16');

    await page.locator('#admin-coord-name').fill('Katarzyna Nowak');
    await page.locator('#admin-coord-email').fill('koordynator@tuczno.example');
    await page.locator('#admin-coord-org').selectOption({ label: 'Gmina i Miasto Tuczno' });
    await page.getByRole('button', { name: 'Wyznacz koordynatora' }).click();
    const invitation = await page.getByLabel(/Link z zaproszeniem/).inputValue();
    expect(invitation).toMatch(/\/zaproszenie\/[a-z2-7]{39}$/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();

    // The coordinator accepts and sees the strategy.
    const coord = await newPerson(e2e.browser, e2e.server.url);
    await coord.page.goto(new URL(invitation).pathname);
    await coord.page.getByLabel('Nowe hasło (co najmniej 10 znaków)').fill('haslo-koordynatorki');
    await coord.page.getByLabel('Powtórz hasło').fill('haslo-koordynatorki');
    await coord.page.getByRole('button', { name: 'Ustaw hasło i dołącz' }).click();
    await coord.page.getByRole('link', { name: 'OSI ze strategii województwa' }).waitFor();
    // The coordinator names an owner and a due date; the dashboard shows them under the title.
    await coord.page.getByRole('heading', { name: 'Struktura partnerstwa' }).waitFor();
    expect(await seriousAxeViolations(coord.page)).toEqual([]);
    await coord.page.getByLabel('Rozdział', { exact: true }).selectOption({ label: 'Wizja i misja (Strategia terytorialna 2030)' });
    await coord.page.getByLabel('Odpowiada (osoba; pokazywana z instytucją)').selectOption({ label: 'Katarzyna Nowak · Gmina i Miasto Tuczno' });
    await coord.page.getByLabel('Termin', { exact: true }).fill('2099-03-31');
    await coord.page.getByRole('button', { name: 'Zapisz odpowiedzialnego i termin' }).click();
    const row = coord.page.getByRole('row', { name: /Wizja i misja/ });
    await expect.poll(() => row.innerText()).toContain('Odpowiada: Katarzyna Nowak · Gmina i Miasto Tuczno');
    await expect.poll(() => row.innerText()).toMatch(/Termin: 2099-03-31 \(dni do terminu: \d+\)/);
    expect(await coord.page.locator('.status-legend').innerText()).toContain('Odmrożenie przywraca status');
    expect(coord.errors).toEqual([]);
    await coord.context.close();
  }, 120_000);

  it('a used or unknown setup link says so in Polish', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await page.goto(`/konfiguracja/${'a'.repeat(39)}`);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Ten link konfiguracyjny jest nieznany');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
