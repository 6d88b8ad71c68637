/**
 * The export worker: writes one export at a time (DOCX, PDF or Markdown) off the event loop
 * that serves everyone's editing. Started by pool.ts; gets everything it needs in the job.
 */
import { parentPort } from 'node:worker_threads';
import { writeDocx } from './docx.ts';
import { embeddableImages } from './images.ts';
import { writeMarkdown } from './markdown.ts';
import type { ExportDocument, ExportFormat, StoredImage } from './model.ts';
import { writePdf } from './pdf.ts';

export interface ExportJob {
  seq: number;
  format: ExportFormat;
  doc: ExportDocument;
  images: [string, StoredImage][];
}

export type ExportReply = { ready: true } | { seq: number; bytes: Uint8Array; error?: undefined } | { seq: number; error: string };

/** Writes one export (also used directly by tests and the benchmark). */
export async function writeExport(format: ExportFormat, doc: ExportDocument, images: Map<string, StoredImage>): Promise<Uint8Array> {
  if (format === 'md') return Buffer.from(writeMarkdown(doc), 'utf8');
  const embeddable = await embeddableImages(images);
  return format === 'docx' ? writeDocx(doc, embeddable) : writePdf(doc, embeddable);
}

const port = parentPort;
if (port) {
  port.on('message', (job: ExportJob) => {
    writeExport(job.format, job.doc, new Map(job.images)).then(
      (written) => {
        // A copy of its own, so transferring it never detaches a pooled Buffer's memory.
        const bytes = new Uint8Array(written);
        port.postMessage({ seq: job.seq, bytes } satisfies ExportReply, [bytes.buffer]);
      },
      (err: unknown) => port.postMessage({ seq: job.seq, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ExportReply),
    );
  });
  port.postMessage({ ready: true } satisfies ExportReply);
}
