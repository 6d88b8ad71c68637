/**
 * LibreOffice headless (Debian's libreoffice-writer-nogui) for the export tests: converts files
 * in one run, in a throw-away profile directory so runs never share or damage a profile.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Converts every file (one soffice start) to `target` (e.g. 'docx:MS Word 2007 XML', 'txt:Text');
 * returns the output paths, in the order of `files`.
 */
export async function convertWithLibreOffice(files: string[], target: string, extension: string): Promise<string[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-lo-'));
  const outDir = path.join(work, 'out');
  fs.mkdirSync(outDir);
  try {
    await run('soffice', [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore', '--convert-to', target, '--outdir', outDir, ...files], { timeout: 180_000 });
  } finally {
    fs.rmSync(path.join(work, 'profile'), { recursive: true, force: true });
  }
  return files.map((f) => {
    const out = path.join(outDir, `${path.basename(f, path.extname(f))}.${extension}`);
    if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert ${f}`);
    return out;
  });
}
