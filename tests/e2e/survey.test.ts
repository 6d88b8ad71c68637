/**
 * Resident surveys in Chromium: the public survey without login answered with the keyboard only
 * (missing required answers named in Polish, a ranking ordered with buttons, thanks that take the
 * focus) at 1366 px and read at 390 px without sideways scrolling; the results page with a chart,
 * a data table and a summary per question, and the breakdown 15–29 against the rest; axe finds
 * nothing serious anywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import type { SurveyDto } from '../../shared/survey/api.ts';
import { addDays, dateInPoland } from '../../shared/procedure/calendar.ts';
import { loginAs, newPerson, seriousAxeViolations, useServerAndBrowser } from '../helpers/browser.ts';
import { getJson, login } from '../helpers/server.ts';
import { surveyRequest } from '../helpers/survey.ts';

const e2e = useServerAndBrowser();
let survey: SurveyDto;

beforeAll(async () => {
  const cookie = await login(e2e.server.url, 'koordynator@walcz.example');
  const [strategy] = await getJson<StrategyDto[]>(e2e.server.url, '/api/strategies', cookie);
  const today = dateInPoland(Date.now());
  const res = await fetch(`${e2e.server.url}/api/strategies/${strategy.id}/surveys`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(surveyRequest({ opensOn: today, closesOn: addDays(today, 30) })),
  });
  if (res.status !== 201) throw new Error(await res.text());
  survey = (await res.json()) as SurveyDto;
});

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const focusedName = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return '';
  const labels = (el as HTMLInputElement).labels;
  return (labels && labels.length ? labels[0].textContent : el.getAttribute('aria-label') ?? el.textContent ?? '')!.trim();
});
async function tabTo(page: Page, name: RegExp, max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`never reached ${name} with Tab`);
}

describe('public survey', () => {
  it('at 1366 px, keyboard only: missing answers named, a ranking reordered, thanks focused; axe clean', async () => {
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await page.goto(`/ankieta/${survey.publicToken}`);
    await page.getByRole('heading', { level: 1, name: 'Młodzi o przyszłości powiatu' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await tabTo(page, /^Wyślij odpowiedzi$/);
    await page.keyboard.press('Enter');
    const alert = page.locator('.public-survey-form [role=alert]');
    await expect.poll(() => alert.innerText()).toContain('Odpowiedz na pytanie „Ile masz lat?”.');
    expect(await alert.innerText()).toContain('Odpowiedz na pytanie „Jak oceniasz życie w powiecie?”.');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, /^poniżej 15$/);
    await page.keyboard.press('ArrowDown'); // 15–19
    await tabTo(page, /^Wałcz \(miasto\)$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^komunikacja$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^1$/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // 4
    await tabTo(page, /^Przesuń „zieleń” wyżej$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Jeden pomysł dla powiatu/);
    await page.keyboard.type('Skatepark nad jeziorem');
    await tabTo(page, /^Wyślij odpowiedzi$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Dziękujemy za wypełnienie ankiety.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at 390 px: no sideways scrolling, axe clean', async () => {
    const { page, context } = await newPerson(e2e.browser, e2e.server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/ankieta/${survey.publicToken}`);
    await page.getByRole('button', { name: 'Wyślij odpowiedzi' }).waitFor();
    expect(await noSideScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-survey-390.png', fullPage: true });
    await context.close();
  });

  // Reads the response the first test sent (tests in a file run in order).
  it('results inside: a chart with its table and summary per question, the breakdown 15–29 against the rest; axe clean', async () => {
    const { page, context, errors } = await newPerson(e2e.browser, e2e.server.url);
    await loginAs(page, 'obserwator@walcz.example');
    await page.getByRole('link', { name: 'Ankiety dla mieszkańców' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Ankiety dla mieszkańców' }).waitFor();
    await page.getByText('Odpowiedzi: 1.').waitFor();
    const table = page.getByRole('table').filter({ hasText: '15–19' }).first();
    expect(await table.innerText()).toMatch(/15–19\s+1/);
    await page.getByLabel('Zestawienie według grupy').selectOption({ label: 'Ile masz lat?' });
    await page.getByLabel('15–19', { exact: true }).check();
    await page.getByLabel('20–29', { exact: true }).check();
    await page.getByRole('heading', { name: '15–19, 20–29 (odpowiedzi: 1)' }).waitFor();
    await page.getByRole('heading', { name: 'pozostali (odpowiedzi: 0)' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '.tmp/e2e-survey-results.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
