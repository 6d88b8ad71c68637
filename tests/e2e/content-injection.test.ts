/**
 * Content injection in a real browser (issue 6, "Content injection"): a hostile client writes
 * script links, handler attributes and foreign elements into a chapter through Yjs, and another
 * person pastes hostile HTML. In Chromium nothing of it runs — no alert, no dialog — and the
 * editor's DOM holds no such element, attribute or link. What the paste sends to the others is
 * clean too. (The hostile writer's own
 * foreign elements stay in the shared document — the server stores what an editor writes —
 * the point is that no browser turns them into anything.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { loginAs, newPerson, openChapter, type Person, useServerAndBrowser } from '../helpers/browser.ts';
import { login, waitFor } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { chapterIds } from '../helpers/demo.ts';
import { BAD_LINKS, hostileDocument } from '../helpers/hostileContent.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { figure } from '../helpers/reliability/figures.ts';

const CHAPTER = 'Kierunki działań';
const PASTED = [
  '<p>wklejone <img src="x" onerror="alert(`pwned`)"><script>alert(`pwned`)</script>',
  '<a href="javascript:alert(`pwned`)" onclick="alert(`pwned`)">link</a>',
  '<iframe src="javascript:alert(`pwned`)"></iframe><svg onload="alert(`pwned`)"></svg>',
  '<span style="background:url(javascript:alert(`pwned`))" onmouseover="alert(`pwned`)">koniec wklejki</span></p>',
].join('');

const e2e = useServerAndBrowser();
let person: Person;
let hostile: TestClient;
const dialogs: string[] = [];

/** Alert calls (every payload calls alert) and the page's CSP reports, recorded from the first script on. */
async function watchForScript(page: Page): Promise<void> {
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __ran: string[] };
    w.__ran = [];
    const csp = window as unknown as { __csp: string[] };
    csp.__csp = [];
    window.alert = (m?: unknown) => void w.__ran.push(`alert ${String(m)}`);
    // Chromium reports an inline handler attribute when it parses one, even in an inert
    // DOMParser document where nothing can run; these reports are counted, not failed on.
    document.addEventListener('securitypolicyviolation', (e) => csp.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Elements, handler attributes and link targets in the chapter text that must never be there. */
function dangerousInEditor(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('#chapter-text')!;
    const found: string[] = [];
    for (const el of root.querySelectorAll('script, iframe, img, object, embed, svg, style, image, frame, link, meta, base, form')) found.push(el.outerHTML.slice(0, 80));
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) ?? '';
        if (/^(on|srcdoc$|formaction$)/i.test(attr)) found.push(`${el.tagName} ${attr}`);
        if (attr === 'style' && /url\(|expression/i.test(value)) found.push(`${el.tagName} style ${value.slice(0, 40)}`);
        if ((attr === 'href' || attr === 'src') && value !== '' && !/^(https?:|mailto:)/i.test(value)) found.push(`${el.tagName} ${attr}=${value.slice(0, 40)}`);
      }
    }
    return found;
  });
}

const ran = (page: Page) => page.evaluate(() => (window as unknown as { __ran: string[] }).__ran);
const cspReports = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

beforeAll(async () => {
  // The hostile writer: an editor's session driving a hand-made Yjs client.
  const cookie = await login(e2e.server.url, 'czlopa@walcz.example');
  const id = (await chapterIds(e2e.server.url, cookie))[6];
  hostile = connectClient(e2e.server.wsUrl, id, { cookie });
  await hostile.synced();
  hostileDocument(hostile.doc);
  const reader = connectClient(e2e.server.wsUrl, id, { cookie });
  try {
    await waitFor(() => reader.text().includes('Urząd Gminy'), 'the hostile content to be stored');
  } finally {
    reader.destroy();
  }
  person = await newPerson(e2e.browser, e2e.server.url);
  await watchForScript(person.page);
  await loginAs(person.page, 'tuczno@walcz.example');
  await openChapter(person.page, CHAPTER);
});

afterAll(async () => {
  hostile?.destroy();
});

describe('content injection in Chromium', () => {
  it('content written through Yjs renders without anything that could run', async () => {
    const { page } = person;
    const text = page.locator('#chapter-text');
    await expect.poll(() => text.innerText()).toContain('Urząd Gminy');
    expect(await text.innerText()).toContain('<script>alert(`pwned`)</script>');
    // Move the pointer over every link and paragraph, as a reader would.
    for (const el of await text.locator('a, p, h1, strong').all()) await el.hover({ timeout: 2000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    expect(await dangerousInEditor(page)).toEqual([]);
    expect(await text.locator('a[href="https://tuczno.pl"]').count()).toBe(1);
    expect(await text.locator('a').count()).toBeGreaterThanOrEqual(BAD_LINKS.length);
    expect(await ran(page)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('pasted HTML keeps its text, loses everything that could run, and reaches the others clean', async () => {
    const { page } = person;
    const text = page.locator('#chapter-text');
    await text.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'wklejone link koniec wklejki');
      document.querySelector('#chapter-text [contenteditable="true"], #chapter-text[contenteditable="true"]')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PASTED);
    await expect.poll(() => text.innerText()).toContain('koniec wklejki');
    await page.waitForTimeout(300);
    expect(await dangerousInEditor(page)).toEqual([]);
    await waitFor(() => hostile.text().includes('koniec wklejki'), 'the paste to reach the other client');
    // What the paste added: from its first word to its last (the paragraph it landed in may
    // also hold the hostile links written through Yjs above, depending on where the caret was:
    // CI once saw „kliknij” with its javascript: link right after the pasted text).
    const xml = hostile.doc.getXmlFragment(DOCUMENT_FIELD).toString();
    const from = xml.indexOf('wklejone');
    const to = xml.indexOf('koniec wklejki', from);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(to).toBeGreaterThan(from);
    const pasted = xml.slice(from, to + 'koniec wklejki'.length);
    expect(pasted).toContain('link');
    expect(pasted).not.toMatch(/javascript:|onerror|onclick|onload|onmouseover|<img|<iframe|<svg|<script/i);
    expect(await ran(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(person.errors).toEqual([]);
    figure('content injection (Chromium)', { hostileLinks: BAD_LINKS.length, alertsRun: 0, dialogs: 0, cspReportsOfParsedHandlers: (await cspReports(page)).length });
  });
});
