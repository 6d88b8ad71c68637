/**
 * Offline work survives a reload (issue 6, "Offline"): with the collaboration socket cut off,
 * a person makes 200 edits, reloads the page (the edits come back from IndexedDB), and when the
 * socket is allowed again all 200 reach the server exactly once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import { loginAs, newPerson, openChapter, type Person, useServerAndBrowser } from '../helpers/browser.ts';
import { login, waitFor } from '../helpers/server.ts';
import { connectClient } from '../helpers/yclient.ts';
import { chapterIds } from '../helpers/demo.ts';

const CHAPTER = 'Kierunki działań';
const EDITS = 200;
const token = (i: number) => `q${String(i).padStart(3, '0')}`;

const e2e = useServerAndBrowser();
let person: Person;

/**
 * Every collaboration socket of the page goes through this route (installed before the page
 * opens anything): while `offline.cut`, each is closed at once; otherwise it is passed to the
 * server. `offline.current` is the one passed through last, so the test can drop it.
 */
const offline: { cut: boolean; current: WebSocketRoute | null } = { cut: false, current: null };
async function routeSockets(page: Page): Promise<void> {
  await page.routeWebSocket(/\/collab\//, (ws) => {
    if (offline.cut) {
      ws.close({ code: 1000, reason: 'offline (test)' });
      return;
    }
    ws.connectToServer();
    offline.current = ws;
  });
}

const editorText = (page: Page) => page.locator('#chapter-text').innerText();

/** Bytes the page has stored in its chapters' IndexedDB copies (y-indexeddb's `updates` stores). */
function storedBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let total = 0;
    for (const info of await indexedDB.databases()) {
      if (!info.name?.startsWith('wspolna-strategia:')) continue;
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      const rows = await new Promise<unknown[]>((ok, fail) => {
        const req = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      total += rows.reduce<number>((n, r) => n + ((r as Uint8Array).byteLength ?? 0), 0);
      db.close();
    }
    return total;
  });
}

/** Waits until y-indexeddb's asynchronous writes have settled (two equal readings 300 ms apart). */
async function storageSettled(page: Page): Promise<void> {
  let last = -1;
  await expect
    .poll(async () => {
      const now = await storedBytes(page);
      const settled = now === last && now > 0;
      last = now;
      return settled;
    }, { interval: 300, timeout: 15_000 })
    .toBe(true);
}

beforeAll(async () => {
  person = await newPerson(e2e.browser, e2e.server.url);
  await routeSockets(person.page);
  await loginAs(person.page, 'tuczno@walcz.example');
  await openChapter(person.page, CHAPTER);
});

describe('offline editing', () => {
  it(`keeps ${EDITS} edits made offline across a reload and delivers each exactly once`, async () => {
    const { page } = person;
    const url = page.url();
    // Cut the network: the open socket is dropped and every reconnect attempt is closed.
    offline.cut = true;
    expect(offline.current, 'the chapter socket went through the route').not.toBeNull();
    await offline.current!.close({ code: 1000, reason: 'offline (test)' });
    await expect.poll(() => page.locator('.save-status').getAttribute('data-status')).not.toBe('saved');
    await page.locator('#chapter-text').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    for (let i = 0; i < EDITS; i++) await page.keyboard.type(`${token(i)} `);
    await expect.poll(() => editorText(page)).toContain(token(EDITS - 1));
    await expect.poll(() => page.locator('.save-status').getAttribute('data-status')).not.toBe('saved');
    await storageSettled(page);

    // Reload with the socket still cut: the text must come back from the browser's storage.
    await page.goto(url);
    await page.locator('#chapter-text').waitFor();
    await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain(token(EDITS - 1));

    // Back online: everything reaches the server, once.
    offline.cut = false;
    await page.locator('.save-status[data-status="saved"]').waitFor({ timeout: 30_000 });
    const cookie = await login(e2e.server.url, 'czlopa@walcz.example');
    const id = (await chapterIds(e2e.server.url, cookie))[6];
    const probe = connectClient(e2e.server.wsUrl, id, { cookie });
    try {
      await probe.synced();
      await waitFor(() => probe.text().includes(token(EDITS - 1)), 'last offline edit on the server', 15_000);
      const text = probe.text();
      const missing: string[] = [];
      const doubled: string[] = [];
      for (let i = 0; i < EDITS; i++) {
        const n = text.split(token(i)).length - 1;
        if (n === 0) missing.push(token(i));
        if (n > 1) doubled.push(token(i));
      }
      expect({ arrived: EDITS - missing.length, missing, doubled }).toEqual({ arrived: EDITS, missing: [], doubled: [] });
    } finally {
      probe.destroy();
    }
    expect(person.errors).toEqual([]);
  });
});
