/**
 * The way a partnership gets its approved strategy out, in real Chromium: an editor inserts a
 * map with its caption and text alternative, the coordinator freezes every chapter under one
 * milestone and downloads that milestone as DOCX and PDF from the dashboard. The files hold the
 * map (the picture itself in the DOCX, with its description; its caption in both) and the SHA-256
 * of the approved version of the map's chapter.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MilestoneListResponse, StrategyDto } from '../../shared/apiTypes.ts';
import { loginAs, newPerson, openChapter, seriousAxeViolations, type Person, useServerAndBrowser } from '../helpers/browser.ts';
import { readDocx } from '../helpers/docxXml.ts';

const CHAPTER = 'OSI kluczowe dla partnerstwa';
const ALT = 'Mapa partnerstwa z obszarami strategicznej interwencji wokół Wałcza, Człopy i Tuczna';
const CAPTION = 'Mapa 4. Obszary strategicznej interwencji kluczowe dla partnerstwa';
const MILESTONE = 'Projekt do konsultacji';
const MAP_FILE = path.resolve('.tmp/e2e-export-mapa.png');

const e2e = useServerAndBrowser();
let editor: Person;
let coordinator: Person;

/** Clicks a download link of the labelled export group and returns where the file was saved and its name. */
async function download(page: Page, group: string, link: string): Promise<{ file: string; name: string }> {
  // The whole strategy is written in a worker thread; on a loaded machine that takes a while.
  const [got] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('group', { name: group }).getByRole('link', { name: link, exact: true }).click(),
  ]);
  return { file: await got.path(), name: got.suggestedFilename() };
}

/** Every file of the DOCX package, by name (read with unzip). */
const docxParts = (file: string) => execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
const docxPart = (file: string, name: string) => execFileSync('unzip', ['-p', file, name], { maxBuffer: 64 * 1024 * 1024 });

beforeAll(async () => {
  const area = await sharp({ create: { width: 70, height: 50, channels: 3, background: '#c1121f' } }).png().toBuffer();
  await sharp({ create: { width: 360, height: 240, channels: 3, background: '#90be6d' } })
    .composite([{ input: area, left: 50, top: 40 }, { input: area, left: 220, top: 150 }])
    .png()
    .toFile(MAP_FILE);
  editor = await newPerson(e2e.browser, e2e.server.url);
  coordinator = await newPerson(e2e.browser, e2e.server.url);
  await loginAs(editor.page, 'tuczno@walcz.example');
  await loginAs(coordinator.page, 'koordynator@walcz.example');
});

describe('exporting an approved milestone with a map', () => {
  it('an editor inserts a map; the coordinator freezes a milestone and downloads DOCX and PDF holding the map and the hash', { timeout: 400_000 }, async () => {
    const page = editor.page;
    await openChapter(page, CHAPTER);
    await page.locator('#chapter-text').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Obszary kluczowe dla partnerstwa pokazuje mapa.', { delay: 10 });
    await page.getByRole('button', { name: /^Wstaw rycinę lub mapę/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Wstaw rycinę' });
    await dialog.getByLabel(/Plik obrazu/).setInputFiles(MAP_FILE);
    await dialog.getByLabel('Tekst alternatywny (wymagany)').fill(ALT);
    await dialog.getByLabel('Podpis (opcjonalny)').fill(CAPTION);
    await dialog.getByRole('button', { name: 'Wstaw rycinę', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`#chapter-text figure img[alt="${ALT}"]`).waitFor();

    // A fresh reader of the chapter sees the map: the server has stored it.
    await openChapter(coordinator.page, CHAPTER);
    await coordinator.page.locator(`#chapter-text figure img[alt="${ALT}"]`).waitFor({ timeout: 15_000 });

    // Freeze every chapter under one milestone, from the dashboard.
    const dash = coordinator.page;
    await dash.getByRole('link', { name: 'Wróć do pulpitu' }).click();
    await dash.getByRole('button', { name: 'Zamroź wszystkie rozdziały' }).click();
    const freeze = dash.getByRole('dialog', { name: 'Zamroź wszystkie rozdziały pod jedną nazwą' });
    await freeze.getByLabel(/Nazwa kamienia milowego/).fill(MILESTONE);
    await freeze.getByRole('button', { name: 'Zamroź wszystkie rozdziały' }).click();
    await freeze.waitFor({ state: 'detached', timeout: 30_000 });
    const group = `Pobierz kamień milowy „${MILESTONE}”:`;
    await dash.getByRole('group', { name: group }).waitFor();
    expect(await seriousAxeViolations(dash)).toEqual([]);

    // The approved version of the map's chapter and its SHA-256, as the server recorded them.
    const strategies = (await (await dash.request.get(`${e2e.server.url}/api/strategies`)).json()) as StrategyDto[];
    const strategy = strategies[0]!;
    const chapterId = strategy.chapters.find((c) => c.title === CHAPTER)!.id;
    const milestones = (await (await dash.request.get(`${e2e.server.url}/api/strategies/${strategy.id}/milestones`)).json()) as MilestoneListResponse;
    const milestone = milestones.milestones.find((m) => m.name === MILESTONE)!;
    const sha256 = milestone.chapters.find((c) => c.chapterId === chapterId)!.sha256;
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);

    const docx = await download(dash, group, 'DOCX (Word)');
    expect(docx.name).toMatch(/\.docx$/);
    const { documentXml, paragraphs } = readDocx(docx.file);
    // The map itself, with its description, and its caption.
    const media = docxParts(docx.file).filter((n) => n.startsWith('word/media/'));
    expect(media.length).toBeGreaterThan(0);
    const embedded = await Promise.all(media.map((n) => sharp(docxPart(docx.file, n)).metadata()));
    expect(embedded.some((m) => m.width === 360 && m.height === 240)).toBe(true);
    expect(documentXml).toContain(`descr="${ALT}"`);
    expect(paragraphs.some((p) => p.all.includes(CAPTION))).toBe(true);
    // The hash of the approved version, somewhere in the document (body, header or footer).
    const xmlParts = docxParts(docx.file).filter((n) => n.endsWith('.xml'));
    expect(xmlParts.some((n) => docxPart(docx.file, n).toString('utf8').includes(sha256))).toBe(true);

    const pdf = await download(dash, group, 'PDF');
    expect(pdf.name).toMatch(/\.pdf$/);
    const text = execFileSync('pdftotext', [pdf.file, '-'], { encoding: 'utf8' });
    expect(text).toContain(CAPTION);
    expect(text.replace(/\s+/g, '')).toContain(sha256);
    // The map is drawn in the PDF: pdfimages lists a 360 × 240 picture.
    const images = execFileSync('pdfimages', ['-list', pdf.file], { encoding: 'utf8' });
    expect(images).toMatch(/\s360\s+240\s/);
    expect(editor.errors).toEqual([]);
    expect(coordinator.errors).toEqual([]);
  });
});
