/**
 * DOCX fixtures for the import tests, made at test time: flat ODT documents (tracked changes by
 * two authors, comments) converted by LibreOffice headless, and hostile files built by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { convertWithLibreOffice } from './libreoffice.ts';

const change = (id: string, kind: 'insertion' | 'deletion', author: string, date: string, deleted = '') =>
  `<text:changed-region xml:id="${id}" text:id="${id}"><text:${kind}><office:change-info><dc:creator>${author}</dc:creator><dc:date>${date}</dc:date></office:change-info>${deleted}</text:${kind}></text:changed-region>`;

export const JAN = 'Jan Kowalski';
export const ANNA = 'Anna Nowak';
export const JAN_DATE = '2026-03-03T10:00:00';
export const ANNA_DATE = '2026-03-04T11:30:00';

/**
 * A flat ODT: a heading, a paragraph with an insertion by Jan and a deletion by Anna, a whole
 * paragraph inserted by Anna, a bold/italic run, a bulleted list, a table, a link, and a
 * comment by Anna on „turystykę”.
 */
export function trackedFodt(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:tracked-changes text:track-changes="true">
${change('ct1', 'insertion', JAN, JAN_DATE)}
${change('ct2', 'deletion', ANNA, ANNA_DATE, '<text:p>turystykę i </text:p>')}
${change('ct3', 'insertion', ANNA, ANNA_DATE)}
</text:tracked-changes>
<text:h text:outline-level="2">Cele strategiczne</text:h>
<text:p>Gmina <text:change-start text:change-id="ct1"/>aktywnie <text:change-end text:change-id="ct1"/>rozwija <text:change text:change-id="ct2"/><office:annotation office:name="k1"><dc:creator>${ANNA}</dc:creator><dc:date>${ANNA_DATE}</dc:date><text:p>Czy to na pewno?</text:p></office:annotation>rekreację<office:annotation-end office:name="k1"/> nad jeziorami.</text:p>
<text:p><text:change-start text:change-id="ct3"/>Nowy akapit od Anny.</text:p>
<text:p><text:change-end text:change-id="ct3"/>Tekst <text:span text:style-name="B">pogrubiony</text:span> i <text:span text:style-name="I">pochylony</text:span> oraz <text:a xlink:type="simple" xlink:href="https://walcz.pl/strategia">odnośnik</text:a>.</text:p>
<text:list><text:list-item><text:p>punkt pierwszy</text:p></text:list-item><text:list-item><text:p>punkt drugi</text:p></text:list-item></text:list>
<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell><text:p>Cel</text:p></table:table-cell><table:table-cell><text:p>Wskaźnik</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Turystyka</text:p></table:table-cell><table:table-cell><text:p>10 000 osób</text:p></table:table-cell></table:table-row>
</table:table>
</office:text></office:body></office:document>`;
}

/** Converts named flat ODT (or HTML) sources to DOCX with LibreOffice; returns name → bytes. */
export async function viaLibreOffice(sources: Record<string, { ext: string; text: string }>): Promise<Record<string, Buffer>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-import-'));
  const names = Object.keys(sources);
  const files = names.map((n) => {
    const f = path.join(dir, `${n}.${sources[n].ext}`);
    fs.writeFileSync(f, sources[n].text);
    return f;
  });
  const out = await convertWithLibreOffice(files, 'docx:MS Word 2007 XML', 'docx');
  const result: Record<string, Buffer> = {};
  names.forEach((n, i) => (result[n] = fs.readFileSync(out[i])));
  return result;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A minimal DOCX package around `documentXml` (and extra parts) that Word and LibreOffice open. */
export function handmadeDocx(documentXml: string, extra: Record<string, Uint8Array> = {}, level = 6): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(PACKAGE_RELS), 'word/document.xml': strToU8(documentXml), ...extra }, { level: level as 6 });
}

export const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
export const bodyXml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${inner}</w:body></w:document>`;

/**
 * A DOCX made with the `docx` library: a heading, a paragraph with an insertion by „Marek
 * Zieliński” (a demo member's name) and a deletion by „Jan Kowalski” (nobody's), a comment by
 * Jan with a range, and a PNG with a description (or none).
 */
export async function docxLibraryFile(o: { image?: Uint8Array; alt?: string } = {}): Promise<Uint8Array> {
  const d = await import('docx');
  const children: InstanceType<typeof d.Paragraph>[] = [
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: [new d.TextRun('Diagnoza')] }),
    new d.Paragraph({
      children: [
        new d.TextRun('Gmina '),
        new d.InsertedTextRun({ text: 'aktywnie ', id: 1, author: 'Marek Zieliński', date: '2026-03-03T10:00:00Z' }),
        new d.TextRun('rozwija '),
        new d.DeletedTextRun({ text: 'turystykę i ', id: 2, author: JAN, date: '2026-03-05T09:15:00Z' }),
        new d.CommentRangeStart(0),
        new d.TextRun('rekreację'),
        new d.CommentRangeEnd(0),
        new d.TextRun({ children: [new d.CommentReference(0)] }),
        new d.TextRun('.'),
      ],
    }),
  ];
  if (o.image) {
    children.push(new d.Paragraph({
      children: [new d.ImageRun({ type: 'png', data: o.image, transformation: { width: 40, height: 30 }, ...(o.alt ? { altText: { name: 'Mapa', description: o.alt, title: '' } } : { altText: { name: 'Mapa', description: '', title: '' } }) })],
    }));
  }
  const doc = new d.Document({
    comments: { children: [{ id: 0, author: JAN, date: new Date('2026-03-05T09:20:00Z'), children: [new d.Paragraph('Czy to na pewno?')] }] },
    sections: [{ children }],
  });
  return new Uint8Array(await d.Packer.toBuffer(doc));
}

/** A whole-strategy DOCX: each title becomes a Heading 1 followed by one paragraph. */
export async function strategyDocx(titles: string[]): Promise<Uint8Array> {
  const d = await import('docx');
  const children = titles.flatMap((title, i) => [
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, children: [new d.TextRun(title)] }),
    new d.Paragraph({ children: [new d.TextRun(`Treść części ${i + 1}.`)] }),
  ]);
  return new Uint8Array(await d.Packer.toBuffer(new d.Document({ sections: [{ children }] })));
}
