/**
 * The consultation report from a seeded consultation of 200 remarks: DOCX (read with unzip)
 * and PDF (read with pdftotext) name no private person and no e-mail address — not even one
 * written inside a remark — while organisations are named; the counts by category, chapter and
 * answer agree with the register; every remark is in the table with its answer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMARK_ANSWERS, SUBMITTER_CATEGORIES, type RegisterDto, type RemarkAnswer, type SubmitterCategory } from '../../shared/consultation/api.ts';
import { ANSWER_LABELS, CATEGORY_LABELS, NO_ANSWER_LABEL } from '../../shared/consultation/labels.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { openConsultation } from '../helpers/consultation.ts';
import { mulberry32 } from '../helpers/random.ts';

const FIRST = ['Anna', 'Jan', 'Zofia', 'Piotr', 'Małgorzata', 'Krzysztof', 'Katarzyna', 'Tomasz'];
const LAST = ['Kowalska', 'Nowak', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowski', 'Zielińska', 'Szymański'];
const ORGS = ['Stowarzyszenie Przyjaciół Ziemi Wałeckiej', 'PHU Tartak Pojezierze sp. z o.o.', 'Gmina Mirosławiec'];

let t: TestContext;
let dir: string;
let register: RegisterDto;
/** Names and e-mails of private persons that must never appear. */
const privateNames: string[] = [];
const emails: string[] = [];
let docxText = '';
let docxCells: string[] = [];
let pdfText = '';

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-report-'));
  const c = await openConsultation(t, { fields: { name: 'optional', email: 'optional', organisation: 'optional', locality: 'optional' } });
  const rnd = mulberry32(18);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const chapters = c.chapters.map((ch) => ch.chapterId);
  for (let i = 0; i < 200; i++) {
    const category = pick(SUBMITTER_CATEGORIES);
    const isOrg = category === 'ngo' || category === 'entrepreneur' || category === 'local_government';
    const name = `${pick(FIRST)} ${pick(LAST)}-${i}`;
    const email = `osoba${i}.${pick(LAST).toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}@poczta${i % 7}.example.pl`;
    privateNames.push(name);
    emails.push(email);
    t.services.stores.consultations.addRemark({
      consultationId: c.id, chapterId: pick(chapters), paragraph: rnd() < 0.3 ? 1 : null, category,
      currentWording: `Obecny zapis ${i}.`,
      // Some residents write their address into the remark itself.
      proposedChange: i % 10 === 0 ? `Proszę o kontakt: ${email}. Propozycja ${i}.` : `Propozycja zmiany nr ${i}.`,
      justification: `Uzasadnienie ${i}.`,
      name, email, organisation: isOrg ? pick(ORGS) : rnd() < 0.5 ? `Rodzina ${name}` : null, locality: 'Wałcz', submittedAt: t.clock.now + i,
    });
  }
  const rows = t.services.stores.consultations.remarks(c.id);
  for (const r of rows) {
    const answer = rnd() < 0.15 ? null : pick(REMARK_ANSWERS);
    if (answer) t.services.stores.consultations.setAnswer(r.id, answer, answer === 'accepted' ? '' : `Odpowiedź na uwagę ${r.number}.`, t.userId(DEMO.coordinator), t.clock.now);
  }
  const cookie = await t.login(DEMO.coordinator);
  register = (await (await t.request('GET', `/api/consultations/${c.id}/remarks`, { cookie })).json()) as RegisterDto;
  for (const format of ['docx', 'pdf'] as const) {
    const res = await t.request('GET', `/api/consultations/${c.id}/report?format=${format}`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`.${format}`);
    fs.writeFileSync(path.join(dir, `report.${format}`), new Uint8Array(await res.arrayBuffer()));
  }
  const xml = execFileSync('unzip', ['-p', path.join(dir, 'report.docx'), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const decode = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  docxText = decode(xml.replace(/<\/w:p>/g, '\n'));
  docxCells = xml.split('</w:tc>').slice(0, -1).map((cell) => decode(cell.slice(cell.lastIndexOf('<w:tc>') >= 0 ? cell.lastIndexOf('<w:tc>') : 0).replace(/<\/w:p>/g, '\n')).trim());
  pdfText = execFileSync('pdftotext', [path.join(dir, 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}, 300_000);

afterAll(() => {
  t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The cell after the first cell that equals `label` (the summary tables come before the list). */
const countAfter = (label: string) => Number(docxCells[docxCells.indexOf(label) + 1]);

describe('the consultation report', () => {
  it('names no private person and no e-mail address, in DOCX and in PDF', () => {
    expect(register.total).toBe(200);
    for (const text of [docxText, pdfText]) {
      const flat = text.replace(/\s+/g, ' ');
      for (const name of privateNames) expect(flat, name).not.toContain(name);
      for (const email of emails) expect(flat, email).not.toContain(email);
      expect(flat).not.toMatch(/[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}/i);
      expect(flat).not.toContain('Wałcz, ');
      expect(flat).toContain('[adres e-mail usunięty]');
    }
  });

  it('names the organisations that submitted remarks', () => {
    const used = new Set(register.remarks.filter((r) => ['ngo', 'entrepreneur', 'local_government'].includes(r.category)).map((r) => r.submitter.organisation));
    for (const org of ORGS.filter((o) => used.has(o))) {
      expect(docxText).toContain(org);
      expect(pdfText.replace(/\s+/g, ' ')).toContain(org.split(' ')[0]);
    }
  });

  it('prints counts by category, chapter and answer that agree with the register', () => {
    for (const category of SUBMITTER_CATEGORIES) {
      expect(countAfter(CATEGORY_LABELS[category]), category).toBe(register.remarks.filter((r) => r.category === (category as SubmitterCategory)).length);
    }
    const chapterTitles = [...new Map(register.remarks.map((r) => [r.chapter.position, r.chapter.title])).entries()];
    for (const [position, title] of chapterTitles) {
      expect(countAfter(`${position}. ${title}`), title).toBe(register.remarks.filter((r) => r.chapter.position === position).length);
    }
    for (const answer of REMARK_ANSWERS) {
      expect(countAfter(ANSWER_LABELS[answer]), answer).toBe(register.remarks.filter((r) => r.answer === (answer as RemarkAnswer)).length);
    }
    expect(countAfter(NO_ANSWER_LABEL)).toBe(register.remarks.filter((r) => r.answer === null).length);
    expect(docxText).toContain('Zgłoszono 200 uwag.');
    expect(pdfText).toContain('Zgłoszono 200 uwag.');
  });

  it('lists every remark with its answer and justification, and carries the charts as pictures with text alternatives', () => {
    for (const r of register.remarks) {
      const at = docxCells.indexOf(String(r.number), docxCells.indexOf('Uzasadnienie rozstrzygnięcia'));
      expect(at, `remark ${r.number}`).toBeGreaterThan(0);
      expect(docxCells[at + 6]).toBe(r.answer ? ANSWER_LABELS[r.answer] : NO_ANSWER_LABEL);
      if (r.answer && r.answer !== 'accepted') expect(docxCells[at + 7]).toBe(`Odpowiedź na uwagę ${r.number}.`);
    }
    const xml = execFileSync('unzip', ['-l', path.join(dir, 'report.docx')], { encoding: 'utf8' });
    expect((xml.match(/word\/media\//g) ?? []).length).toBe(3);
    expect(execFileSync('pdfimages', ['-list', path.join(dir, 'report.pdf')], { encoding: 'utf8' }).trim().split('\n').length - 2).toBeGreaterThanOrEqual(3);
  });
});
