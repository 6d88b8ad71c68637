/**
 * The signed resolution (PDF) of a partner's adoption: attached by whoever may record that
 * partner's adoption, checked from its bytes and size, stored once by SHA-256, downloaded only
 * by members of the partnership, audited, never on the public verification page.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MilestoneDto } from '../../shared/apiTypes.ts';
import { ResolutionLimits, type AdoptionDto, type AdoptionMatrixDto } from '../../shared/procedure/adoptions.ts';
import { demoUpdate } from '../../server/seed/demoDocument.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
let milestone: MilestoneDto;
let tucznoAdoption: AdoptionDto;
let czlopaAdoption: AdoptionDto;

/** A small, valid PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const orgOf = (email: string) => t.services.stores.people.userByEmail(email)!.organization_id;
async function upload(who: string | null, adoptionId: string, bytes: Uint8Array, type = 'application/pdf'): Promise<Response> {
  return t.request('POST', `/api/adoptions/${adoptionId}/resolution`, {
    cookie: who ? await t.login(who) : undefined, rawBody: bytes, headers: { 'content-type': type },
  });
}
async function download(who: string | null, adoptionId: string): Promise<Response> {
  return t.request('GET', `/api/adoptions/${adoptionId}/resolution.pdf`, { cookie: who ? await t.login(who) : undefined });
}
async function record(who: string, organizationId: string): Promise<AdoptionDto> {
  const res = await t.request('POST', `/api/milestones/${milestone.id}/adoptions`, {
    cookie: await t.login(who),
    body: { organizationId, body: 'rada_gminy', resolutionNumber: 'XII/85/2027', resolutionDate: '2027-03-30', bipUrl: 'https://bip.example.pl/u' },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as AdoptionDto;
}

beforeEach(async () => {
  t = await createTestContext();
  t.services.stores.documents.append([{ chapterId: t.demo.walcz.chapterIds[3], data: demoUpdate([{ type: 'paragraph', text: 'Wnioski.' }]), userId: t.userId(DEMO.editorTuczno), at: t.clock.now }]);
  t.clock.advance(60_000);
  const res = await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/milestones`, { cookie: await t.login(DEMO.coordinator), body: { name: 'Do uchwał' } });
  expect(res.status).toBe(201);
  milestone = (await res.json()) as MilestoneDto;
  tucznoAdoption = await record(DEMO.editorTuczno, orgOf(DEMO.editorTuczno));
  czlopaAdoption = await record(DEMO.coordinator, orgOf(DEMO.editorCzlopa));
});
afterEach(() => t.close());

describe('signed resolution of an adoption', () => {
  it('is attached by the partner’s editor, listed with its hash, and downloaded by members only', async () => {
    expect(tucznoAdoption.resolution).toBeNull();
    const res = await upload(DEMO.editorTuczno, tucznoAdoption.id, PDF);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ sha256: sha(PDF), size: PDF.length });
    const matrix = (await (await t.request('GET', `/api/strategies/${t.demo.walcz.strategyId}/adoptions`, { cookie: await t.login(DEMO.viewer) })).json()) as AdoptionMatrixDto;
    const listed = matrix.milestones.find((m) => m.id === milestone.id)!.adoptions.find((a) => a.id === tucznoAdoption.id)!;
    expect(listed.resolution).toEqual({ sha256: sha(PDF), size: PDF.length });

    for (const who of [DEMO.viewer, DEMO.expert, DEMO.editorCzlopa, DEMO.coordinator]) {
      const got = await download(who, tucznoAdoption.id);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    }
    // Another partnership: 404 like an unknown adoption; nobody without a session.
    const foreign = await download(DEMO.otherPartnership, tucznoAdoption.id);
    expect(foreign.status).toBe(404);
    const unknown = await download(DEMO.coordinator, 'nieznany1234567');
    expect(await foreign.text()).toBe(await unknown.text());
    expect((await download(null, tucznoAdoption.id)).status).toBe(401);
    // Not attached yet: 404.
    expect((await download(DEMO.viewer, czlopaAdoption.id)).status).toBe(404);
    // The public verification page says nothing of it.
    const hash = t.services.stores.adoptions.hashOf(milestone.id)!;
    const publicText = await (await t.request('GET', `/api/public/milestones/${hash}`)).text();
    expect(publicText).not.toContain(sha(PDF));
    expect(publicText).not.toContain('"resolution"');
    expect(publicText).not.toContain('resolution.pdf');
  });

  it('is refused to people who may not record that partner’s adoption, and to other partnerships', async () => {
    expect((await upload(DEMO.editorCzlopa, tucznoAdoption.id, PDF)).status).toBe(403);
    expect((await upload(DEMO.viewer, tucznoAdoption.id, PDF)).status).toBe(403);
    expect((await upload(DEMO.expert, tucznoAdoption.id, PDF)).status).toBe(403);
    expect((await upload(DEMO.otherPartnership, tucznoAdoption.id, PDF)).status).toBe(404);
    expect((await upload(null, tucznoAdoption.id, PDF)).status).toBe(401);
    // The coordinator may, for any partner.
    expect((await upload(DEMO.coordinator, czlopaAdoption.id, PDF)).status).toBe(201);
    expect(t.services.db.prepare('SELECT count(*) AS n FROM adoption_resolutions').get()).toEqual({ n: 1 });
  });

  it('checks the bytes and the size, not the declared type', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const notPdf = await upload(DEMO.editorTuczno, tucznoAdoption.id, png);
    expect(notPdf.status).toBe(415);
    expect(((await notPdf.json()) as { error: { code: string } }).error.code).toBe('resolution_not_pdf');
    expect((await upload(DEMO.editorTuczno, tucznoAdoption.id, Buffer.from('  %PDF-1.4'))).status).toBe(415);
    expect((await upload(DEMO.editorTuczno, tucznoAdoption.id, PDF, 'text/plain')).status).toBe(415);
    expect((await upload(DEMO.editorTuczno, tucznoAdoption.id, PDF, 'multipart/form-data; boundary=x')).status).toBe(415);
    // A PDF declared as some bytes is fine.
    expect((await upload(DEMO.editorTuczno, tucznoAdoption.id, PDF, 'application/octet-stream')).status).toBe(201);
    const big = Buffer.concat([PDF, Buffer.alloc(ResolutionLimits.maxBytes)]);
    const tooLarge = await upload(DEMO.editorTuczno, tucznoAdoption.id, big);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('resolution_too_large');
  });

  it('stores the same bytes once, replaces an adoption’s file and audits every attachment with its hash', async () => {
    expect((await upload(DEMO.editorTuczno, tucznoAdoption.id, PDF)).status).toBe(201);
    expect((await upload(DEMO.coordinator, czlopaAdoption.id, PDF)).status).toBe(201);
    expect(t.services.db.prepare('SELECT count(*) AS n FROM resolution_files').get()).toEqual({ n: 1 });
    const second = Buffer.concat([PDF, Buffer.from('% podpisano\n')]);
    expect((await upload(DEMO.editorTuczno, tucznoAdoption.id, second)).status).toBe(201);
    expect(Buffer.from(await (await download(DEMO.viewer, tucznoAdoption.id)).arrayBuffer()).equals(second)).toBe(true);
    const entries = t.services.stores.audit.list({ action: 'adoption.resolution_attached' });
    expect(entries).toHaveLength(3);
    const details = entries.map((e) => e.details as { sha256: string; replaced: string | null; adoptionId: string });
    expect(details).toContainEqual(expect.objectContaining({ adoptionId: tucznoAdoption.id, sha256: sha(second), replaced: sha(PDF) }));
  });
});
