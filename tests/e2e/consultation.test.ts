/**
 * Public consultation in Chromium: the public page without login at 1366 and 390 px (axe:
 * nothing serious; no sideways scroll on a phone), a remark sent with the keyboard only (a
 * paragraph's button fills the form, missing fields are named in Polish, the confirmation
 * gives the remark's number), a closed consultation that says so, and the register inside
 * where the coordinator answers the remark.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuild } from '../../server/cli/ensure-client-build.ts';
import type { MilestoneDto, StrategyDto } from '../../shared/api.ts';
import type { ConsultationDto } from '../../shared/consultation/api.ts';
import { dateInPoland } from '../../shared/procedure/calendar.ts';
import { earliestConsultationEnd } from '../../shared/procedure/deadlines.ts';
import { launchBrowser, loginAs, newPerson, seriousAxeViolations } from '../helpers/browser.ts';
import { getJson, login, startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: Browser;
let open: ConsultationDto;
let closed: ConsultationDto;

async function post<T>(pathname: string, cookie: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}${pathname}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  ensureClientBuild();
  fs.mkdirSync('.tmp', { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const cookie = await login(server.url, 'koordynator@walcz.example');
  const strategy = (await getJson<StrategyDto[]>(server.url, '/api/strategies', cookie)).find((s) => s.partnershipName.includes('Wał'))
    ?? (await getJson<StrategyDto[]>(server.url, '/api/strategies', cookie))[0];
  const milestone = await post<MilestoneDto>(`/api/strategies/${strategy.id}/milestones`, cookie, { name: 'Projekt do konsultacji' });
  const base = {
    milestoneId: milestone.id, introduction: 'Zapraszamy do zgłaszania uwag do projektu strategii.\nKażda uwaga dostanie odpowiedź w sprawozdaniu.',
    privacyClause: 'Administratorem danych jest Starostwo Powiatowe w Wałczu.\nDane przechowujemy rok po publikacji sprawozdania.',
    fields: { name: 'optional', email: 'optional', organisation: 'optional', locality: 'required' }, paragraphRemarks: true, retentionDays: 365,
  };
  closed = await post<ConsultationDto>(`/api/strategies/${strategy.id}/consultations`, cookie, {
    ...base, title: 'Wcześniejsze konsultacje', announcedOn: '2026-01-05', startsOn: '2026-01-05', endsOn: '2026-02-20',
  });
  const today = dateInPoland(Date.now());
  open = await post<ConsultationDto>(`/api/strategies/${strategy.id}/consultations`, cookie, {
    ...base, title: 'Konsultacje projektu strategii', announcedOn: today, startsOn: today, endsOn: earliestConsultationEnd(today),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** What a screen reader would call the focused element (its label, or its text). */
const focusedName = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return '';
  const labels = (el as HTMLInputElement).labels;
  return (labels && labels.length ? labels[0].textContent : el.getAttribute('aria-label') ?? el.textContent ?? '')!.trim();
});

/** Presses Tab until the focused element's name matches (keyboard only). */
async function tabTo(page: Page, name: RegExp, max = 300): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`never reached ${name} with Tab`);
}

describe('public consultation page', () => {
  it('at 1366 px: a remark on a paragraph sent with the keyboard only; missing fields named in Polish; the number confirmed; axe clean', async () => {
    const { page, context, errors } = await newPerson(browser, server.url);
    await page.goto(`/konsultacje/${open.publicToken}`);
    await page.getByRole('heading', { level: 1, name: 'Konsultacje projektu strategii' }).waitFor();
    await page.getByText(/Konsultacje trwają: uwagi przyjmujemy od/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, /^Zgłoś uwagę do akapitu 1 \(rozdział \d+\)$/);
    const chapterOfButton = Number((await focusedName(page)).match(/rozdział (\d+)/)![1]);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Formularz uwagi');
    expect(await page.getByLabel('Rozdział', { exact: true }).inputValue()).toBe(String(chapterOfButton));
    expect(await page.getByLabel('Akapit (nieobowiązkowo)').inputValue()).toBe('1');
    expect((await page.getByLabel('Obecny zapis w projekcie').inputValue()).length).toBeGreaterThan(0);

    // Sending at once: every missing field is named, and focus moves to the list.
    await tabTo(page, /^Wyślij uwagę$/);
    await page.keyboard.press('Enter');
    const alert = page.locator('.consultation-form [role=alert]');
    await expect.poll(() => alert.innerText()).toContain('Uzupełnij pole „Proponowana zmiana”.');
    expect(await alert.innerText()).toContain('Uzupełnij pole „Miejscowość”.');
    expect(await alert.innerText()).toContain('Uzupełnij pole „Zapoznałam/zapoznałem się z klauzulą informacyjną”.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The category: Tab into the radio group, arrows choose.
    await tabTo(page, /mieszkanka \/ mieszkaniec/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Proponowana zmiana/);
    await page.keyboard.type('Dopisać budowę ścieżki rowerowej Wałcz–Tuczno.');
    await tabTo(page, /^Uzasadnienie/);
    await page.keyboard.type('Dzieci dojeżdżają do szkoły rowerami po drodze wojewódzkiej.');
    await tabTo(page, /^Miejscowość/);
    await page.keyboard.type('Tuczno');
    await tabTo(page, /klauzulą informacyjną/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Wyślij uwagę$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Dziękujemy. Uwaga nr 1 została przyjęta.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-consultation.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at 390 px: readable without sideways scrolling, the form reachable, axe clean', async () => {
    const { page, context } = await newPerson(browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/konsultacje/${open.publicToken}`);
    await page.getByRole('heading', { name: 'Formularz uwagi' }).waitFor();
    expect(await noSideScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-consultation-390.png', fullPage: true });
    await context.close();
  });

  it('a consultation past its last day says so and offers no form, at 1366 and 390 px', async () => {
    const { page, context } = await newPerson(browser, server.url);
    await page.goto(`/konsultacje/${closed.publicToken}`);
    await page.getByText('Konsultacje zakończyły się 20 lutego 2026. Nie można już zgłaszać uwag.', { exact: false }).waitFor();
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Zgłoś uwagę/ }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSideScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('inside: the coordinator finds the remark in the register and answers it; axe clean', async () => {
    const { page, context, errors } = await newPerson(browser, server.url);
    await loginAs(page, 'koordynator@walcz.example');
    await page.getByRole('link', { name: 'Konsultacje społeczne i uwagi mieszkańców' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Konsultacje społeczne' }).waitFor();
    const card = page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Konsultacje projektu strategii' }) });
    await card.getByText('Uwaga nr 1', { exact: false }).first().waitFor();
    expect(await card.innerText()).toContain('Dopisać budowę ścieżki rowerowej Wałcz–Tuczno.');
    await card.getByLabel('Rozstrzygnięcie', { exact: true }).selectOption('partly_accepted');
    await card.getByLabel(/^Uzasadnienie rozstrzygnięcia/).fill('Ścieżka zostanie wpisana jako kierunek działań.');
    await card.getByRole('button', { name: 'Zapisz rozstrzygnięcie uwagi nr 1' }).click();
    await card.locator('.remark-card .muted').getByText(/rozpatrzona/).first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-consultation-register.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
