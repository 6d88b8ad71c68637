/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), one fresh
 * context per person, and the steps every browser test shares: start the server and the
 * browser for a test file, log in, open a chapter, run axe. The flags keep Chromium off the
 * network (none here) and out of a sandbox it cannot have as root.
 */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureClientBuild } from '../../server/cli/ensure-client-build.ts';
import { startServer, type RunningServer, type StartOptions } from './server.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const DEMO_PASSWORD = 'strategia-demo';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface ServerAndBrowser {
  /** The running server; read it in a hook or a test, not while the file loads. */
  readonly server: RunningServer;
  /** Chromium; read it in a hook or a test, not while the file loads. */
  readonly browser: Browser;
}

/**
 * What every browser test file sets up: the client build (rebuilt when stale), the .tmp/ folder
 * for screenshots and generated files, the real server on its own data folder and Chromium; both
 * are closed after the file. Call it at the top of the file, before the file's own hooks: vitest
 * runs beforeAll hooks in order and afterAll hooks in reverse, so the file's own set-up finds
 * both running and its own clean-up runs before they close. `options` may be a function when
 * they are known only in an earlier beforeAll (e.g. a test mail server's address).
 */
export function useServerAndBrowser(options: StartOptions | (() => StartOptions) = {}): ServerAndBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureClientBuild();
    fs.mkdirSync('.tmp', { recursive: true });
    server = await startServer(typeof options === 'function' ? options() : options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server is not started yet (read it in a hook or a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet (read it in a hook or a test)');
      return browser;
    },
  };
}

export interface Person { context: BrowserContext; page: Page; errors: string[] }

/** A new browser context (its own cookies, storage and IndexedDB) with Polish locale and time. */
export async function newPerson(browser: Browser, baseURL: string): Promise<Person> {
  const context = await browser.newContext({ baseURL, locale: 'pl-PL', timezoneId: 'Europe/Warsaw', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** Logs in through the login form and waits for the dashboard. */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Adres e-mail').fill(email);
  await page.getByLabel('Hasło', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await page.getByRole('heading', { name: 'Dokumenty strategii' }).waitFor();
}

/** Opens a chapter by its title from the dashboard and waits until it is connected and synced. */
export async function openChapter(page: Page, title: string | RegExp): Promise<void> {
  await page.getByRole('link', { name: title }).first().click();
  await page.locator('#chapter-text').waitFor();
  await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 20_000 });
}

/** axe violations with impact serious or critical (WCAG 2.1 A/AA rules). */
export async function seriousAxeViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
