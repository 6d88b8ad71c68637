/**
 * WCAG 2.1 AA in the browser: axe finds no serious or critical violation on the login page,
 * the dashboard and the editor; login and the editor toolbar work by keyboard alone; the
 * language choice is remembered. Screenshots of the dashboard and editor go to .tmp/.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, newPerson, openChapter, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';

const e2e = useServerAndBrowser();

describe('accessibility', () => {
  it('login page: no serious axe violation; a wrong password gets a Polish message', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Logowanie' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Adres e-mail').fill('tuczno@walcz.example');
    await page.getByLabel('Hasło', { exact: true }).fill('zle-haslo');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Nieprawidłowy adres e-mail lub hasło.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('logs in with the keyboard alone', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Logowanie' }).waitFor();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'login-email')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-email');
    await page.keyboard.type('czlopa@walcz.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dokumenty strategii' }).waitFor();
    await context.close();
  });

  it('dashboard: no serious axe violation, statuses in words, TERC codes shown', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, 'koordynator@walcz.example');
    const body = await page.locator('main').innerText();
    expect(body).toContain('3217043');
    expect(body).toMatch(/roboczy|w recenzji|zatwierdzony/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-dashboard.png', fullPage: true });
    await context.close();
  });

  it('editor: no serious axe violation; the toolbar is one Tab stop operated with arrows', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, 'tuczno@walcz.example');
    await openChapter(page, 'Wnioski z diagnozy');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const bold = page.getByRole('button', { name: 'Pogrubienie (Ctrl+B)' });
    await bold.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Kursywa (Ctrl+I)');
    expect(await page.locator('[role=toolbar] [tabindex="0"]').count()).toBe(1);

    await page.locator('#chapter-text').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('pogrubiony');
    await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: '.tmp/e2e-editor.png' });
    await context.close();
  });

  it('sets a link with the mouse on a selected word: the toolbar button, the address, „Zastosuj”', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, 'tuczno@walcz.example');
    await openChapter(page, 'Wnioski z diagnozy');
    await page.locator('#chapter-text').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Zobacz BIP gminy');
    for (let i = 0; i < 'gminy'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    // A pointer press on the button keeps the selection in the text, as on the other buttons.
    await page.getByRole('button', { name: 'Wstaw lub zmień link (Ctrl+K)' }).click();
    await page.getByLabel('Adres (https://…, mailto:…)').fill('bip.tuczno.pl');
    await page.getByRole('button', { name: 'Zastosuj' }).click();
    const link = page.locator('#chapter-text a', { hasText: 'gminy' });
    await expect.poll(() => link.getAttribute('href')).toBe('https://bip.tuczno.pl');
    expect(await link.textContent()).toBe('gminy');
    expect(await page.locator('#chapter-text').textContent()).toContain('Zobacz BIP gminy');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chapter-text');
    await context.close();
  });

  it('remembers the English switch across a reload', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await page.goto('/');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });
});
