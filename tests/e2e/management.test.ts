/**
 * A coordinator manages the partnership in the browser: adds, renames, reorders (by keyboard)
 * and re-statuses chapters, adds a member with an invitation link which the new person
 * accepts, changes a role and removes a member. A viewer gets a read-only editor; an edit the
 * server refuses is dropped and the editor reloads the server's text; a session ended
 * elsewhere sends the open editor back to the login page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, newPerson, openChapter, seriousAxeViolations, type Person, useServerAndBrowser } from '../helpers/browser.ts';
import type { PartnershipDto } from '../../shared/apiTypes.ts';
import { getJson, login } from '../helpers/server.ts';

const e2e = useServerAndBrowser();
let coordinator: Person;

const chapterTitles = (page: Page) => page.locator('table.chapters tbody th a').allInnerTexts();

beforeAll(async () => {
  coordinator = await newPerson(e2e.browser, e2e.server.url);
  coordinator.page.on('dialog', (d) => void d.accept());
  await loginAs(coordinator.page, 'koordynator@walcz.example');
});

describe('coordinator', () => {
  it('adds, renames, moves by keyboard and re-statuses a chapter', async () => {
    const page = coordinator.page;
    await page.getByLabel('Tytuł nowego rozdziału').fill('Załącznik: mapy');
    await page.getByRole('button', { name: 'Dodaj rozdział' }).click();
    await expect.poll(() => chapterTitles(page)).toContain('Załącznik: mapy');
    expect((await chapterTitles(page)).at(-1)).toBe('Załącznik: mapy');

    await page.getByRole('button', { name: 'Zmień nazwę: Załącznik: mapy' }).click();
    await page.getByLabel('Nowy tytuł rozdziału „Załącznik: mapy”').fill('Załącznik A: mapy');
    await page.keyboard.press('Enter');
    await expect.poll(() => chapterTitles(page)).toContain('Załącznik A: mapy');

    await page.getByRole('button', { name: 'Przenieś wyżej: Załącznik A: mapy' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await chapterTitles(page)).at(-2)).toBe('Załącznik A: mapy');
    // Focus stays on the same control, so a keyboard user can keep moving the chapter.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Przenieś wyżej: Załącznik A: mapy');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await chapterTitles(page)).at(-3)).toBe('Załącznik A: mapy');

    await page.getByLabel('Status rozdziału „Załącznik A: mapy”').selectOption('review');
    const row = page.locator('table.chapters tbody tr', { hasText: 'Załącznik A: mapy' });
    await expect.poll(() => row.locator('.status').innerText()).toContain('w recenzji');
  });

  it('adds a member with an invitation link that the new person accepts', async () => {
    const page = coordinator.page;
    await page.getByLabel('E-mail', { exact: true }).fill('nowa.osoba@walcz.example');
    await page.getByLabel('Imię i nazwisko', { exact: true }).fill('Nowa Osoba');
    await page.getByLabel('Organizacja').selectOption({ label: 'Gmina Wiejska Wałcz (3217052)' });
    await page.getByLabel('Rola', { exact: true }).selectOption('editor');
    await page.getByRole('button', { name: 'Dodaj członka' }).click();
    const link = page.getByLabel(/Link z zaproszeniem/);
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toContain('/zaproszenie/');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const invited = await newPerson(e2e.browser, e2e.server.url);
    await invited.page.goto(url);
    await expect.poll(() => invited.page.locator('main').innerText()).toContain('Nowa Osoba');
    await invited.page.getByLabel('Nowe hasło (co najmniej 10 znaków)').fill('bardzo-tajne-haslo');
    await invited.page.getByLabel('Powtórz hasło').fill('bardzo-tajne-haslo');
    await invited.page.getByRole('button', { name: 'Ustaw hasło i dołącz' }).click();
    await invited.page.getByRole('heading', { name: 'Dokumenty strategii' }).waitFor();
    expect(await invited.page.locator('.app-user').innerText()).toContain('Nowa Osoba');
    await invited.context.close();
  });

  it('changes a role and removes a member', async () => {
    const page = coordinator.page;
    await page.getByLabel('Rola: Nowa Osoba').selectOption('viewer');
    await expect.poll(() => page.getByLabel('Rola: Nowa Osoba').inputValue()).toBe('viewer');
    await page.getByRole('button', { name: 'Usuń Nowa Osoba' }).click();
    await expect.poll(() => page.locator('main').innerText()).not.toContain('nowa.osoba@walcz.example');
  });
});

describe('viewer and session end', () => {
  it('shows a viewer the chapter read-only', async () => {
    const viewer = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(viewer.page, 'obserwator@walcz.example');
    await openChapter(viewer.page, 'Wnioski z diagnozy');
    expect(await viewer.page.locator('#chapter-text').getAttribute('contenteditable')).toBe('false');
    await expect.poll(() => viewer.page.locator('main').innerText()).toContain('Tylko do odczytu');
    expect(await seriousAxeViolations(viewer.page)).toEqual([]);
    await viewer.context.close();
  });

  it('returns to the login page when the session ends while a chapter is open', async () => {
    const editor = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(editor.page, 'tuczno@walcz.example');
    await openChapter(editor.page, 'Wnioski z diagnozy');
    // Log out behind the page's back (as another tab would): the server closes the socket (4401).
    await editor.page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    await editor.page.getByRole('heading', { name: 'Logowanie' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => editor.page.locator('main').innerText()).toContain('Sesja wygasła');
    await editor.context.close();
  });
});

describe('refused changes', () => {
  it('drops an offline edit refused after a demotion and shows the server text again', async () => {
    const czlopa = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(czlopa.page, 'czlopa@walcz.example');
    await openChapter(czlopa.page, 'Wizja i misja');
    await czlopa.context.setOffline(true);
    await expect.poll(() => czlopa.page.locator('.save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('offline');
    await czlopa.page.locator('#chapter-text').click();
    await czlopa.page.keyboard.press('Control+End');
    await czlopa.page.keyboard.type(' Zdanie, którego serwer nie przyjmie.');

    // Meanwhile the coordinator makes Człopa's official a viewer.
    const cookie = await login(e2e.server.url, 'koordynator@walcz.example');
    const me = await getJson<{ memberships: { partnershipId: string }[] }>(e2e.server.url, '/api/auth/me', cookie);
    const pid = me.memberships[0].partnershipId;
    const partnership = await getJson<PartnershipDto>(e2e.server.url, `/api/partnerships/${pid}`, cookie);
    const member = partnership.members.find((m) => m.email === 'czlopa@walcz.example')!;
    const res = await fetch(`${e2e.server.url}/api/partnerships/${pid}/members/${member.userId}`, {
      method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'viewer' }),
    });
    expect(res.status).toBe(200);

    await czlopa.context.setOffline(false);
    await expect.poll(() => czlopa.page.locator('main').innerText(), { timeout: 20_000 }).toContain('Zmiana odrzucona przez serwer');
    await expect.poll(() => czlopa.page.locator('#chapter-text').innerText(), { timeout: 20_000 }).not.toContain('którego serwer nie przyjmie');
    await expect.poll(() => czlopa.page.locator('#chapter-text').getAttribute('contenteditable')).toBe('false');

    const reader = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(reader.page, 'obserwator@walcz.example');
    await openChapter(reader.page, 'Wizja i misja');
    expect(await reader.page.locator('#chapter-text').innerText()).not.toContain('którego serwer nie przyjmie');
    await reader.context.close();
    await czlopa.context.close();
  });
});
