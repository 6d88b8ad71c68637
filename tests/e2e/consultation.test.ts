/**
 * Public consultation in Chromium: the public page without login at 1366 and 390 px (axe:
 * nothing serious; no sideways scroll on a phone), a remark sent with the keyboard only (a
 * paragraph's button fills the form, missing fields are named in Polish, the confirmation
 * gives the remark's number), a closed consultation that says so, the register inside
 * where the coordinator answers the remark, and the two-way link between a remark and the
 * suggestion made from it (register → the suggestion's card in the chapter → back to the
 * remark, focused; the decision shown on the remark).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MilestoneDto, StrategyDto } from '../../shared/apiTypes.ts';
import type { ConsultationDto } from '../../shared/consultation/api.ts';
import { dateInPoland } from '../../shared/procedure/calendar.ts';
import { earliestConsultationEnd } from '../../shared/procedure/deadlines.ts';
import { loginAs, newPerson, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import { getJson, login } from '../helpers/server.ts';
import type { RegisterDto } from '../../shared/consultation/api.ts';

const e2e = useServerAndBrowser();
let open: ConsultationDto;
let closed: ConsultationDto;

async function post<T>(pathname: string, cookie: string, body: unknown): Promise<T> {
  const res = await fetch(`${e2e.server.url}${pathname}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  const cookie = await login(e2e.server.url, 'koordynator@walcz.example');
  const strategy = (await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', cookie)).find((s) => s.partnershipName.includes('Wał'))
    ?? (await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', cookie))[0];
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
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
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
    // Focus moves to the list once it is drawn (a timer after the render): wait for it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
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
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/konsultacje/${open.publicToken}`);
    await page.getByRole('heading', { name: 'Formularz uwagi' }).waitFor();
    expect(await noSideScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-consultation-390.png', fullPage: true });
    await context.close();
  });

  it('a consultation past its last day says so and offers no form, at 1366 and 390 px', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
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
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
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

  it('a remark and its suggestion link to each other: register → the card in the chapter → back to the focused remark; the decision shows; axe clean', async () => {
    const cookie = await login(e2e.server.url, 'koordynator@walcz.example');
    const remark = (await getJson<RegisterDto>(e2e.server.url, `/api/consultations/${open.id}/remarks`, cookie)).remarks.find((r) => r.number === 1)!;
    // A consultation runs on frozen chapters; the coordinator unfreezes the chapter to work the remarks in.
    await post(`/api/chapters/${remark.chapter.chapterId}/unfreeze`, cookie, { reason: 'Praca nad uwagami z konsultacji' });

    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, 'koordynator@walcz.example');
    await page.goto(`/strategia/${open.strategyId}/konsultacje`);
    const card = page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Konsultacje projektu strategii' }) });
    await card.getByRole('button', { name: 'Utwórz sugestię w rozdziale z uwagi nr 1' }).click();
    const toChapter = card.getByRole('link', { name: 'Sugestia „Uwaga nr 1 z konsultacji” w rozdziale' });
    await toChapter.waitFor();
    expect(await card.innerText()).toContain('Sugestia czeka na decyzję w rozdziale.');

    // Register → chapter: the „Sugestie” tab opens with the suggestion's card focused.
    await toChapter.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/rozdzial/${remark.chapter.chapterId}`));
    const suggestionCard = page.locator('.suggestion-card').filter({ hasText: 'Uwaga nr 1 z konsultacji' });
    await suggestionCard.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('suggestion-card-linked') ?? false)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Dopisać budowę ścieżki rowerowej Wałcz–Tuczno.');
    const back = suggestionCard.getByRole('link', { name: 'Uwaga nr 1 z konsultacji — otwórz w rejestrze uwag' });
    await back.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-consultation-suggestion.png', fullPage: true });

    // Chapter → register: the remark is focused, highlighted and named in words.
    await back.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/konsultacje$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe(`uwaga-${open.id}-1`);
    const focusedRemark = page.locator(`[id="uwaga-${open.id}-1"]`);
    expect(await focusedRemark.innerText()).toContain('Uwaga wskazana w odnośniku z rozdziału');
    expect(await focusedRemark.innerText()).toContain('Dopisać budowę ścieżki rowerowej Wałcz–Tuczno.');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Accepted in the chapter → the remark says so.
    await focusedRemark.getByRole('link', { name: 'Sugestia „Uwaga nr 1 z konsultacji” w rozdziale' }).click();
    await page.waitForURL(new RegExp(`/rozdzial/${remark.chapter.chapterId}`));
    await page.locator('.suggestion-card').filter({ hasText: 'Uwaga nr 1 z konsultacji' }).getByRole('button', { name: 'Akceptuj' }).click();
    await expect.poll(() => page.locator('.suggestion-card').filter({ hasText: 'Uwaga nr 1 z konsultacji' }).count()).toBe(0);
    await page.goto(`/strategia/${open.strategyId}/konsultacje`);
    await card.locator('.remark-decision').getByText(/^Sugestia przyjęta w rozdziale: .+\.$/).first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
