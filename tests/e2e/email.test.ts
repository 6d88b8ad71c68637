/**
 * Accounts and e-mail in Chromium (issue 16), with the server e-mailing a real SMTP server
 * (smtp-server on 127.0.0.1) started by the test: the "forgot password" page reached from the
 * login page and the reset page (the whole flow through the e-mailed link), the notification
 * settings on the account page, and the header badge of unread inbox items — each checked
 * with axe and used by keyboard where that matters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, newPerson, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import { login } from '../helpers/server.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';

/** The page does not scroll sideways at a phone's width (390 px). */
async function fitsPhone(page: import('playwright-core').Page): Promise<boolean> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  if (before) await page.setViewportSize(before);
  return fits;
}

let smtp: TestSmtpServer;

// The mail server starts first (the server is given its address) and closes last.
beforeAll(async () => {
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp?.close();
});

const e2e = useServerAndBrowser(() => ({ env: smtp.env }));

describe('forgot password in the browser', () => {
  it('goes from the login page to a new password through the e-mailed link', async () => {
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await page.goto('/');
    await page.getByRole('link', { name: 'Nie pamiętasz hasła?' }).click();
    await page.getByRole('heading', { name: 'Nie pamiętam hasła' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // An invalid address is explained in Polish, next to the field.
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    await expect.poll(() => page.locator('#forgot-error').innerText()).toContain('Podaj poprawny adres e-mail.');
    await page.getByLabel('Adres e-mail').fill(DEMO.viewer);
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain(`Jeśli istnieje konto z adresem ${DEMO.viewer}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBe(true);

    const mail = await smtp.waitFor((m) => m.to === DEMO.viewer && /nowe hasło/.test(m.subject), 10_000);
    const link = /\/nowe-haslo\/[a-z2-7]{39}/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Ustaw nowe hasło' }).waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain(DEMO.viewer);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBe(true);
    await page.getByLabel('Nowe hasło (co najmniej 10 znaków)').fill('haslo-obserwatora-2');
    await page.getByLabel('Powtórz nowe hasło').fill('haslo-obserwatora-2');
    await page.getByRole('button', { name: 'Ustaw nowe hasło' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Nowe hasło jest ustawione');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Przejdź do logowania' }).click();
    await loginAs(page, DEMO.viewer, 'haslo-obserwatora-2');
    // The link worked once.
    await page.goto(link!);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('nieważny');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('notification settings', () => {
  it('are a labelled radio group on the account page, chosen by keyboard and kept', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, DEMO.editorCzlopa);
    await page.getByRole('link', { name: 'Moje konto' }).click();
    const group = page.getByRole('group', { name: 'Jak chcesz dostawać powiadomienia?' });
    await group.waitFor();
    expect(await page.getByRole('radio', { name: 'Od razu' }).isChecked()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: 'Od razu' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('radio', { name: 'Raz dziennie (podsumowanie)' }).isChecked()).toBe(true);
    await expect.poll(() => page.locator('.announcer').innerText()).toContain('Zapisano: powiadomienia – Raz dziennie');
    await page.reload();
    await group.waitFor();
    await expect.poll(() => page.getByRole('radio', { name: 'Raz dziennie (podsumowanie)' }).isChecked()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await fitsPhone(page)).toBe(true);
    await context.close();
  }, 60_000);
});

describe('header badge', () => {
  it('counts unread inbox items on every page and leads to the inbox by keyboard', async () => {
    const expertCookie = await login(e2e.server.url, DEMO.expert);
    const tucznoId = ((await (await fetch(`${e2e.server.url}/api/auth/me`, { headers: { cookie: await login(e2e.server.url, DEMO.editorTuczno) } })).json()) as { user: { id: string } }).user.id;
    const chapterId = (await chapterIds(e2e.server.url, expertCookie))[3];
    const res = await fetch(`${e2e.server.url}/api/chapters/${chapterId}/comments`, {
      method: 'POST', headers: { cookie: expertCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ quote: 'fragment', body: 'Proszę o uzupełnienie danych', mentions: [tucznoId] }),
    });
    expect(res.status).toBe(201);

    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, DEMO.editorTuczno);
    const badge = page.getByRole('link', { name: /^Do mnie: nieprzeczytane – 1/ });
    await badge.waitFor();
    expect(await badge.innerText()).toContain('1');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // On another page too.
    await page.getByRole('link', { name: 'Moje konto' }).click();
    await page.getByRole('heading', { name: 'Zmiana hasła' }).waitFor();
    await badge.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The header with the badge fits a phone (the dashboard's own width is another matter: issue 16's 390 px part).
    expect(await fitsPhone(page)).toBe(true);
    // Keyboard: Tab to the badge, Enter goes to the inbox with its heading focused.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('inbox-badge'))) break;
    }
    expect(await page.evaluate(() => document.activeElement?.classList.contains('inbox-badge'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inbox-title');
    // Marking it read empties the badge.
    await page.getByRole('button', { name: 'Oznacz wszystkie jako przeczytane' }).click();
    await page.getByRole('link', { name: /^Do mnie: brak nieprzeczytanych/ }).waitFor();

    // The unsubscribe link of the mention e-mail works in a browser without logging in.
    const mail = await smtp.waitFor((m) => m.to === DEMO.editorTuczno && /^Wspomniano/.test(m.subject), 10_000);
    const unsubscribe = /\/wypisz\/\S+/.exec(mail.text)?.[0];
    expect(unsubscribe).toBeTruthy();
    const anonymous = await newPerson(e2e.browser, e2e.server.url);
    await anonymous.page.goto(unsubscribe!);
    await anonymous.page.getByRole('heading', { name: 'Wypisano z powiadomień' }).waitFor();
    expect(await seriousAxeViolations(anonymous.page)).toEqual([]);
    expect(await fitsPhone(anonymous.page)).toBe(true);
    await anonymous.context.close();
    await context.close();
  }, 60_000);
});
