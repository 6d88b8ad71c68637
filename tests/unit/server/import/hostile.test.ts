/**
 * Hostile and broken files for the DOCX reader (server/import): each is refused with its stable
 * code before the work it would cause, or read within the limits.
 */
import { describe, expect, it, vi } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { readDocx } from '../../../../server/import/read.ts';
import { IMPORT_LIMITS } from '../../../../server/import/limits.ts';
import { ImportRefused } from '../../../../server/import/refusal.ts';
import { xmlDepth } from '../../../../server/import/xml.ts';
import { bodyXml, handmadeDocx, W_NS } from '../../../helpers/importFixtures.ts';

// Building the large hostile files takes seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

function refusal(bytes: Uint8Array, limits = IMPORT_LIMITS): string {
  try {
    readDocx(bytes, limits);
  } catch (e) {
    if (e instanceof ImportRefused) return e.code;
    throw e;
  }
  return 'read';
}

const para = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

describe('refused files', () => {
  it('a renamed PDF is not a DOCX', () => {
    expect(refusal(strToU8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'))).toBe('import_not_docx');
  });

  it('an OLE compound file (encrypted DOCX or old .doc) is named as such', () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(strToU8('EncryptionInfo'), 1024);
    expect(refusal(ole)).toBe('import_encrypted');
  });

  it('a zip without word/document.xml, and a damaged zip, are not DOCX', () => {
    expect(refusal(zipSync({ 'a.txt': strToU8('x') }))).toBe('import_not_docx');
    const ok = handmadeDocx(bodyXml(para('Tekst')));
    expect(refusal(ok.slice(0, ok.length - 40))).toBe('import_not_docx');
  });

  it('a zip bomb is refused from the declared sizes, before inflating', () => {
    // 8 MB of zeros compresses to a few kB: a ratio of ~1000.
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 1 });
    expect(bomb.length).toBeLessThan(256 * 1024);
    const started = performance.now();
    expect(refusal(bomb)).toBe('import_zip_bomb');
    expect(performance.now() - started).toBeLessThan(1000);
    // Too much in all, even at an ordinary ratio.
    const noise = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    expect(refusal(handmadeDocx(bodyXml('<w:p/>'), { 'word/media/a.png': noise }), { ...IMPORT_LIMITS, maxUncompressedBytes: 2 * 1024 * 1024 })).toBe('import_zip_bomb');
  });

  it('an entry lying about its size is cut at the declared size, never grown', () => {
    const zip = Buffer.from(handmadeDocx(bodyXml(para('x'.repeat(5000))), {}, 9));
    // Declare 100 bytes for word/document.xml in the central directory.
    const cd = zip.indexOf(Buffer.from('504b0102', 'hex'), zip.indexOf(Buffer.from('word/document.xml')) - 200);
    let at = cd;
    while (at >= 0 && !zip.subarray(at + 46, at + 46 + 17).equals(Buffer.from('word/document.xml'))) at = zip.indexOf(Buffer.from('504b0102', 'hex'), at + 4);
    zip.writeUInt32LE(100, at + 24);
    expect(['import_unreadable', 'import_not_docx']).toContain(refusal(new Uint8Array(zip)));
  });

  it('too many entries', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 40; i++) files[`junk/${i}.bin`] = strToU8('x');
    expect(refusal(handmadeDocx(bodyXml(para('a')), files), { ...IMPORT_LIMITS, maxEntries: 20 })).toBe('import_too_many_entries');
  });

  it('an XML bomb (entities) and external entities are refused without expanding anything', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document ${W_NS}><w:body>${para('&c;')}</w:body></w:document>`;
    expect(refusal(handmadeDocx(lol))).toBe('import_xml_forbidden');
    const xxe = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ${W_NS}><w:body>${para('&x;')}</w:body></w:document>`;
    expect(refusal(handmadeDocx(xxe))).toBe('import_xml_forbidden');
    // Also in a part other than the body.
    expect(refusal(handmadeDocx(bodyXml(para('a')), { 'word/comments.xml': strToU8(xxe) }))).toBe('import_xml_forbidden');
  });

  it('an undeclared entity reference stays text (nothing is resolved)', () => {
    const doc = readDocx(handmadeDocx(bodyXml(para('A &amp; B &x; &#261;'))));
    expect(doc.blocks[0]).toMatchObject({ inlines: [{ text: 'A & B &x; ą' }] });
  });

  it('XML nested too deeply is refused before parsing', () => {
    const deep = `${'<w:sdt><w:sdtContent>'.repeat(300)}${para('a')}${'</w:sdtContent></w:sdt>'.repeat(300)}`;
    expect(refusal(handmadeDocx(bodyXml(deep)))).toBe('import_xml_too_deep');
    expect(xmlDepth('<a x=">"><b/><c><d></d></c></a>', 10)).toBe(3);
  });

  it('100,000 empty paragraphs: refused by the paragraph limit, quickly', () => {
    const many = handmadeDocx(bodyXml('<w:p/>'.repeat(100_000)), {}, 9);
    const started = performance.now();
    expect(refusal(many)).toBe('import_too_many_paragraphs');
    // Generous for a loaded 2-core machine; the point is seconds, not minutes.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('a file over the size limit', () => {
    expect(refusal(new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1))).toBe('import_too_large');
  });
});

describe('what cannot come through is counted, never dropped silently', () => {
  it('text boxes, SmartArt, fields, footnotes, formatting changes, underline', () => {
    const body = [
      '<w:p><w:r><w:drawing><wp:inline xmlns:wp="wp"><a:graphic xmlns:a="a"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:graphic></wp:inline></w:drawing></w:r></w:p>',
      '<w:p><w:r><w:drawing><wps:txbx xmlns:wps="wps"/></w:drawing></w:r></w:p>',
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
      '<w:p><w:r><w:t>Przypis</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
      '<w:p><w:r><w:rPr><w:b/><w:rPrChange w:author="A" w:id="9"><w:rPr/></w:rPrChange></w:rPr><w:t>zmiana formatu</w:t></w:r></w:p>',
      '<w:p><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>podkreślony</w:t></w:r></w:p>',
    ].join('');
    const doc = readDocx(handmadeDocx(bodyXml(body)));
    expect(doc.losses).toEqual({ smart_art: 1, text_box: 1, field: 1, footnote: 1, formatting_change: 1, underline: 1 });
    // Their text (where they have some) is kept; the instruction of the field is not.
    const texts = doc.blocks.flatMap((b) => (b.type === 'paragraph' ? b.inlines.map((i) => (i.type === 'text' ? i.text : '')) : []));
    expect(texts.join('|')).toBe('Przypis|zmiana formatu|podkreślony');
  });
});
