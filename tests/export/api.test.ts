/**
 * The export API in process (app.request): who may download what, the headers, the three
 * formats from the current text, a version and a milestone, and the limit on exports at once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MilestoneDto, ProseMirrorJson, VersionDto } from '../../shared/apiTypes.ts';
import { ExportPool } from '../../server/export/pool.ts';
import { createLogger } from '../../server/log.ts';
import { DEMO, createTestContext, type TestContext } from '../helpers/http.ts';
import { commentsOf, decidedTexts, readDocx } from '../helpers/docxXml.ts';
import { writeJson } from '../helpers/jsonToYjs.ts';
import { exportDocument } from '../helpers/exportFixture.ts';
import sharp from 'sharp';
import { qrPng } from '../../server/render/qrCode.ts';
import { milestoneHash } from '../../server/procedure/milestones.ts';

let t: TestContext;
let strategyId: string;
let chapterId: string;
let threadId: string;
const cookies: Record<string, string> = {};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-export-api-'));

const at = '2026-11-26T09:30:00.000Z';

async function get(url: string, who: string | null = DEMO.viewer): Promise<Response> {
  return t.request('GET', url, { cookie: who ? cookies[who] : undefined });
}

beforeAll(async () => {
  t = await createTestContext();
  strategyId = t.demo.walcz.strategyId;
  chapterId = t.demo.walcz.chapterIds[0];
  for (const who of [DEMO.viewer, DEMO.coordinator, DEMO.editorTuczno, DEMO.otherPartnership]) cookies[who] = await t.login(who);
  const expert = t.userId(DEMO.expert);
  threadId = t.services.stores.comments.createThread({ chapterId, userId: expert, quote: 'Wałecki', body: 'Pełna nazwa powiatu?', mentions: [], at: t.clock.now });
  t.services.stores.comments.addComment({ threadId, userId: t.userId(DEMO.editorTuczno), body: 'Zostawmy skrót.', mentions: [], at: t.clock.now + 1000 });
  const json: ProseMirrorJson = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Powiat ' },
          { type: 'text', text: 'Wałecki', marks: [{ type: 'comment', attrs: { threadId } }] },
          { type: 'text', text: ' i jego gminy', marks: [{ type: 'suggestionInsert', attrs: { id: 's1', authorId: expert, createdAt: at } }] },
          { type: 'text', text: ' oraz sąsiedzi', marks: [{ type: 'suggestionDelete', attrs: { id: 's2', authorId: expert, createdAt: at } }] },
          { type: 'text', text: '.' },
        ],
      },
    ],
  };
  await t.collab.documents.change(chapterId, t.userId(DEMO.editorTuczno), (doc) => writeJson(doc, json));
});

afterAll(() => t.close());

describe('who may export', () => {
  it('lets every member read-export, viewers included; other partnerships get 404, strangers 401', async () => {
    expect((await get(`/api/chapters/${chapterId}/export.md`)).status).toBe(200);
    expect((await get(`/api/strategies/${strategyId}/export.md`)).status).toBe(200);
    for (const url of [`/api/chapters/${chapterId}/export.docx`, `/api/strategies/${strategyId}/export.pdf`, `/api/strategies/${strategyId}/export.md`]) {
      const other = await get(url, DEMO.otherPartnership);
      expect(other.status).toBe(404);
      expect(((await other.json()) as { error: { code: string } }).error.code).toBe('not_found');
      expect((await get(url, null)).status).toBe(401);
    }
  });

  it('refuses bad queries: tracked for PDF or Markdown, unknown parameters, unknown versions and milestones', async () => {
    expect((await get(`/api/chapters/${chapterId}/export.pdf?tracked=1`)).status).toBe(400);
    expect((await get(`/api/chapters/${chapterId}/export.docx?tracked=yes`)).status).toBe(400);
    expect((await get(`/api/chapters/${chapterId}/export.docx?sql=1`)).status).toBe(400);
    expect((await get(`/api/chapters/${chapterId}/export.docx?version=nope`)).status).toBe(404);
    expect((await get(`/api/strategies/${strategyId}/export.docx?milestone=nope`)).status).toBe(404);
    expect((await get(`/api/chapters/${chapterId}/export.odt`)).status).toBe(404);
  });
});

describe('the files', () => {
  it('sends Markdown with its type and the Polish file name, the clean text only', async () => {
    const res = await get(`/api/chapters/${chapterId}/export.md`);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const title = t.services.stores.chapters.chapterById(chapterId)!.title;
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.md"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(`${title}.md`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const md = await res.text();
    expect(md).toContain('Powiat Wałecki oraz sąsiedzi.');
    expect(md).not.toContain('i jego gminy');
  });

  it('sends DOCX with open suggestions as tracked changes by "Name (Organisation)" and the open thread as comments on request', async () => {
    const res = await get(`/api/chapters/${chapterId}/export.docx?tracked=1`);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const file = path.join(dir, 'tracked.docx');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const docx = readDocx(file);
    const expert = t.services.stores.people.userByEmail(DEMO.expert)!;
    const authors = [...docx.documentXml.matchAll(/<w:(?:ins|del) [^>]*w:author="([^"]*)"/g)].map((m) => m[1]);
    expect(authors).toEqual([`${expert.name} (${expert.org_name})`, `${expert.name} (${expert.org_name})`]);
    expect(commentsOf(docx.commentsXml).map((c) => c.text)).toEqual(['Pełna nazwa powiatu?', 'Zostawmy skrót.']);
    expect(decidedTexts(docx.paragraphs, 'accept')).toContain('Powiat Wałecki i jego gminy.');
    expect(decidedTexts(docx.paragraphs, 'reject')).toContain('Powiat Wałecki oraz sąsiedzi.');
    // Without `tracked`: no changes, no comments; the deletion stays as text.
    const plainFile = path.join(dir, 'plain.docx');
    fs.writeFileSync(plainFile, Buffer.from(await (await get(`/api/chapters/${chapterId}/export.docx`)).arrayBuffer()));
    const plain = readDocx(plainFile);
    expect(plain.documentXml).not.toMatch(/<w:ins |<w:del |commentRangeStart/);
    expect(decidedTexts(plain.paragraphs, 'accept')).toContain('Powiat Wałecki oraz sąsiedzi.');
  });

  it('leaves a resolved thread out of the comments', async () => {
    t.services.stores.comments.resolve(threadId, t.userId(DEMO.coordinator), t.clock.now);
    const file = path.join(dir, 'resolved.docx');
    fs.writeFileSync(file, Buffer.from(await (await get(`/api/chapters/${chapterId}/export.docx?tracked=1`)).arrayBuffer()));
    expect(commentsOf(readDocx(file).commentsXml)).toEqual([]);
    t.services.stores.comments.reopen(threadId);
  });

  it('exports the whole strategy with every chapter in order', async () => {
    const res = await get(`/api/strategies/${strategyId}/export.docx`);
    const file = path.join(dir, 'whole.docx');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const headings = readDocx(file).paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.all);
    // Every chapter in order (the package's summary inside the key projects chapter), then the
    // annex with the demo's fiches (docs/projects.md).
    const fiches = t.services.stores.projects.ofStrategy(strategyId).filter((f) => f.status !== 'rejected');
    expect(fiches.length).toBeGreaterThan(0);
    const annex = fiches.map((f) => `Załącznik: karta projektu „${t.services.stores.chapters.chapterById(f.chapter_id)!.title}”`);
    expect(headings).toEqual([...t.services.stores.chapters.chaptersOfStrategy(strategyId).map((c) => c.title), ...annex]);
    const strategy = t.services.stores.chapters.strategyById(strategyId)!;
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1])).toBe(`${strategy.title}.docx`);
  });

  it('exports a chapter version with its label and SHA-256', async () => {
    const created = await t.request('POST', `/api/chapters/${chapterId}/versions`, { cookie: cookies[DEMO.editorTuczno], body: { name: 'Projekt do konsultacji' } });
    expect(created.status).toBe(201);
    const v = (await created.json()) as VersionDto;
    const md = await (await get(`/api/chapters/${chapterId}/export.md?version=${v.id}`)).text();
    expect(md).toContain(`SHA-256: \`${v.sha256}\``);
    expect(md).toContain('Projekt do konsultacji');
    // A version of another chapter is not this chapter's.
    expect((await get(`/api/chapters/${t.demo.walcz.chapterIds[1]}/export.md?version=${v.id}`)).status).toBe(404);
  });

  it('exports exactly a milestone’s approved versions, each with its SHA-256, in the PDF footer too', async () => {
    const res = await t.request('POST', `/api/strategies/${strategyId}/milestones`, { cookie: cookies[DEMO.coordinator], body: { name: 'Projekt dla zarządu' } });
    expect(res.status).toBe(201);
    const milestone = (await res.json()) as MilestoneDto;
    const versions = t.services.stores.versions.milestoneVersions(milestone.id);
    expect(versions.length).toBe(t.demo.walcz.chapterIds.length);
    const md = await (await get(`/api/strategies/${strategyId}/export.md?milestone=${milestone.id}`)).text();
    for (const v of versions) expect(md).toContain(`SHA-256: \`${v.sha256}\``);
    expect(md).toContain('kamień milowy „Projekt dla zarządu”');
    const pdf = await get(`/api/strategies/${strategyId}/export.pdf?milestone=${milestone.id}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(pdf.headers.get('content-disposition')!.split("UTF-8''")[1])).toMatch(/ – Projekt dla zarządu\.pdf$/);
    const file = path.join(dir, 'milestone.pdf');
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`SHA-256: ${versions[0].sha256}`);
    expect(text).toContain(`SHA-256: ${versions[versions.length - 1].sha256}`);
  });
});

describe('the milestone hash and verification link on exported documents', () => {
  let milestone: MilestoneDto;
  let hash: string;
  let url: string;
  /** Raw grey pixels of a PNG, for comparing the printed QR code with the expected one. */
  const pixels = async (png: Buffer) => sharp(png).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });

  beforeAll(async () => {
    const res = await t.request('POST', `/api/strategies/${strategyId}/milestones`, { cookie: cookies[DEMO.coordinator], body: { name: 'Do uchwał' } });
    expect(res.status).toBe(201);
    milestone = (await res.json()) as MilestoneDto;
    hash = milestoneHash(t.services.stores.versions.milestoneVersions(milestone.id).map((v) => v.sha256));
    // Without PUBLIC_URL the printed address is the one the request came to.
    url = `http://localhost/weryfikacja/${hash}`;
  });

  it('Markdown names the milestone’s own SHA-256 and its verification address', async () => {
    const md = await (await get(`/api/strategies/${strategyId}/export.md?milestone=${milestone.id}`)).text();
    expect(md).toContain(`Skrót SHA-256 kamienia milowego: \`${hash}\``);
    expect(md).toContain(`<${url}>`);
    // Not on the current text's export.
    const current = await (await get(`/api/strategies/${strategyId}/export.md`)).text();
    expect(current).not.toContain('kamienia milowego');
    expect(current).not.toContain('/weryfikacja/');
  });

  it('DOCX prints the hash and a link, and embeds a QR code of exactly that address', async () => {
    const res = await get(`/api/strategies/${strategyId}/export.docx?milestone=${milestone.id}`);
    expect(res.status).toBe(200);
    const file = path.join(dir, 'milestone-verify.docx');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const { paragraphs, documentXml } = readDocx(file);
    const texts = paragraphs.map((p) => p.all);
    expect(texts).toContain(hash);
    expect(texts).toContain(url);
    expect(documentXml).toContain('Kod QR z adresem');
    const rels = execFileSync('unzip', ['-p', file, 'word/_rels/document.xml.rels'], { encoding: 'utf8' });
    expect(rels).toContain(`Target="${url}"`);
    const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((n) => n.startsWith('word/media/'));
    const expected = await qrPng(url, 300);
    const media = listing.map((n) => execFileSync('unzip', ['-p', file, n], { maxBuffer: 16 * 1024 * 1024 }));
    expect(media.some((m) => Buffer.compare(m, expected) === 0)).toBe(true);
    const footers = execFileSync('unzip', ['-p', file, 'word/footer*.xml'], { encoding: 'utf8' });
    expect(footers).toContain(`Weryfikacja: ${url}`);
  });

  it('PDF prints the hash and the address and holds the same QR code', async () => {
    const res = await get(`/api/strategies/${strategyId}/export.pdf?milestone=${milestone.id}`);
    const file = path.join(dir, 'milestone-verify.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Skrót SHA-256 kamienia milowego:');
    expect(text).toContain(hash);
    expect(text).toContain(url);
    const out = fs.mkdtempSync(path.join(dir, 'qr-'));
    execFileSync('pdfimages', ['-f', '1', '-l', '1', '-png', file, path.join(out, 'img')]);
    const found = fs.readdirSync(out).map((n) => fs.readFileSync(path.join(out, n)));
    const want = await pixels(await qrPng(url, 300));
    const got = await Promise.all(found.map(pixels));
    expect(got.some((g) => g.info.width === want.info.width && Buffer.compare(g.data, want.data) === 0)).toBe(true);
  });

  it('prints the public address from PUBLIC_URL', async () => {
    const { milestoneLink } = await import('../../server/export/gather.ts');
    const services = { ...t.services, config: { ...t.services.config, publicOrigin: 'https://strategia.example.pl' } };
    expect(milestoneLink({ services }, milestone.id)).toEqual({ hash, url: `https://strategia.example.pl/weryfikacja/${hash}` });
  });
});

describe('the export pool', () => {
  it('writes at most `workers` exports at once, queues a few and refuses more with 429', async () => {
    const pool = new ExportPool({ workers: 1, maxQueued: 1, log: createLogger('error') });
    try {
      const doc = exportDocument();
      const first = pool.run('md', doc, new Map());
      const second = pool.run('md', doc, new Map());
      expect(pool.load).toEqual({ running: 1, queued: 1 });
      expect(() => pool.run('md', doc, new Map())).toThrow(expect.objectContaining({ status: 429, code: 'rate_limited' }));
      const [a, b] = await Promise.all([first, second]);
      expect(Buffer.from(a).toString('utf8')).toContain('Wizja Żółtej Gęśli');
      expect(Buffer.from(b).toString('utf8')).toBe(Buffer.from(a).toString('utf8'));
    } finally {
      await pool.stop();
    }
  });
});
