/**
 * Opens a DOCX (a zip) with fflate, within IMPORT_LIMITS: the file's kind is told from its
 * first bytes (an OLE compound file is an encrypted DOCX or an old .doc; anything but a zip
 * is not a DOCX), and every entry's declared size and compression ratio are checked from the
 * zip's directory before anything is inflated. fflate inflates into a buffer of the declared
 * size, so an entry that lies about its size is cut there, never grown.
 */
import { unzipSync } from 'fflate';
import { IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import { ImportRefused } from './refusal.ts';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Entries the import reads; the rest of the package is counted but never inflated. */
function wanted(name: string): boolean {
  return name === '[Content_Types].xml' || /^word\/[^/]+\.xml$/.test(name) || /^word\/_rels\/[^/]+\.rels$/.test(name) || /^word\/media\/[^/]+$/.test(name);
}

export function openDocxZip(bytes: Uint8Array, limits: Readonly<ImportLimits> = IMPORT_LIMITS): Map<string, Uint8Array> {
  if (bytes.byteLength > limits.maxFileBytes) {
    throw new ImportRefused('import_too_large', `The file exceeds ${limits.maxFileBytes} bytes.`, { maxBytes: limits.maxFileBytes });
  }
  if (startsWith(bytes, OLE)) throw new ImportRefused('import_encrypted', 'The file is password-protected (encrypted) or an old binary .doc.');
  if (!startsWith(bytes, ZIP)) throw new ImportRefused('import_not_docx', 'The file is not a DOCX document.');
  let entries = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        entries++;
        if (entries > limits.maxEntries) {
          throw new ImportRefused('import_too_many_entries', `The file has more than ${limits.maxEntries} parts.`, { maxEntries: limits.maxEntries });
        }
        total += file.originalSize;
        const ratio = file.originalSize / Math.max(1, file.size);
        if (total > limits.maxUncompressedBytes || (file.originalSize > limits.ratioFloorBytes && ratio > limits.maxCompressionRatio)) {
          throw new ImportRefused('import_zip_bomb', 'The file unpacks to far more data than a document holds.', {
            maxUncompressedBytes: limits.maxUncompressedBytes,
          });
        }
        if (file.name.endsWith('.xml') && file.originalSize > limits.maxXmlPartBytes) {
          throw new ImportRefused('import_too_large', `A part of the document exceeds ${limits.maxXmlPartBytes} bytes.`, { maxBytes: limits.maxXmlPartBytes });
        }
        return !file.name.endsWith('/') && wanted(file.name);
      },
    });
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    throw new ImportRefused('import_not_docx', 'The file is not a readable DOCX document (damaged zip).');
  }
  if (!files['[Content_Types].xml'] || !files['word/document.xml']) {
    throw new ImportRefused('import_not_docx', 'The file is a zip, but not a Word document (no word/document.xml).');
  }
  return new Map(Object.entries(files));
}
