/**
 * The direction of imports between the layers (docs/architecture.md „Modules”): the server never
 * imports the client, shared/ imports neither, and only the HTTP layer itself (and the app that
 * mounts it, and the command-line tools) imports server/http/: domain modules throw the named
 * errors of server/errors.ts and check access with server/auth/access.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCE = /\.(ts|tsx|mts|mjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return SOURCE.test(e.name) && !e.name.endsWith('.d.ts') && !e.name.endsWith('.d.mts') ? [path] : [];
  });
}

/** Every module a source text imports (static, dynamic, re-exports), as repository paths; packages as they are written. */
function importsOf(file: string, text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), fileName)).split(sep).join('/') : fileName);
}

/** "file → imported" for each import of a file under `from` (minus `except`) that lands under one of `forbidden`. */
function violations(from: string, forbidden: string[], except: (file: string) => boolean = () => false): string[] {
  return sourceFiles(from).filter((f) => !except(f.split(sep).join('/'))).flatMap((file) =>
    importsOf(file, readFileSync(join(ROOT, file), 'utf8'))
      .filter((target) => forbidden.some((dir) => target.startsWith(`${dir}/`)))
      .map((target) => `${file.split(sep).join('/')} → ${target}`));
}

/** Every repository module a module loads, directly or through others (packages as they are written). */
function closure(file: string, seen = new Set<string>()): Set<string> {
  for (const target of importsOf(file, readFileSync(join(ROOT, file), 'utf8'))) {
    if (seen.has(target)) continue;
    seen.add(target);
    if (target.startsWith('shared/') || target.startsWith('server/') || target.startsWith('client/')) closure(target, seen);
  }
  return seen;
}

/** The modules a source text loads when it is loaded: static imports and re-exports, not `import type` nor `import()`. */
function staticImportsOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const node of source.statements) {
    const typeOnly = (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) || (ts.isExportDeclaration(node) && node.isTypeOnly);
    if (typeOnly || !(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) || !node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier)) continue;
    const name = node.moduleSpecifier.text;
    out.push(name.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), name)).split(sep).join('/') : name);
  }
  return out;
}

/** Every repository module and package loaded at once when `file` is loaded. */
function loadedAtStart(file: string, seen = new Set<string>()): Set<string> {
  for (const target of staticImportsOf(file, readFileSync(join(ROOT, file), 'utf8'))) {
    if (seen.has(target)) continue;
    seen.add(target);
    if (/^(shared|server|client)\//.test(target) && SOURCE.test(target)) loadedAtStart(target, seen);
  }
  return seen;
}

describe('import directions', () => {
  it('finds static, dynamic and re-exported imports (so the checks below can fail)', () => {
    const text = "import { pl } from '../../client/i18n/pl.ts';\nexport * from '../client/x.ts';\nconst m = await import('../../client/y.ts');\nimport z from 'zod';";
    expect(importsOf('server/versions/a.ts', text)).toEqual(['client/i18n/pl.ts', 'server/client/x.ts', 'client/y.ts', 'zod']);
  });

  it('server/ never imports client/', () => {
    expect(violations('server', ['client'])).toEqual([]);
  });

  it('server/ outside the HTTP layer, app.ts and the command-line tools never imports server/http/', () => {
    const httpSide = (file: string) => file.startsWith('server/http/') || file.startsWith('server/cli/') || file === 'server/app.ts';
    expect(violations('server', ['server/http'], httpSide)).toEqual([]);
  });

  it('shared/ imports neither server/ nor client/', () => {
    expect(violations('shared', ['server', 'client'])).toEqual([]);
  });

  // The client takes response types, error codes and field limits from these without loading zod.
  it('shared/apiTypes.ts and shared/errorCodes.ts load no zod, directly or through what they import', () => {
    expect([...closure('shared/apiTypes.ts')].filter((m) => m === 'zod' || m.startsWith('zod/'))).toEqual([]);
    expect([...closure('shared/errorCodes.ts')].filter((m) => m === 'zod' || m.startsWith('zod/'))).toEqual([]);
    expect(closure('shared/api.ts').has('zod')).toBe(true);
  });

  // Memory of an idle server (docs/performance.md): libraries for some requests load on first use (server/modules/lazy.ts).
  it('starting the server loads no editor (TipTap, ProseMirror) and none of the libraries it needs only for some requests', () => {
    const text = "import type { A } from 'ics';\nimport { b } from 'zod';\nexport { c } from './x.ts';\nexport type { D } from 'nodemailer';\nconst e = await import('sharp');";
    expect(staticImportsOf('server/a.ts', text)).toEqual(['zod', 'server/x.ts']);
    const loaded = [...loadedAtStart('server/main.ts')];
    expect(loaded).toContain('yjs');
    const heavy = /^(@tiptap\/|prosemirror-|@?y-tiptap|y-prosemirror|ics$|nodemailer|sharp$|exceljs$|qrcode$|pdfmake|docx$|mammoth)/;
    expect(loaded.filter((m) => heavy.test(m))).toEqual([]);
  });

  // zod is for the server's edge and the pages that validate with its schemas (the fiche form, loaded on demand):
  // the first page a person opens takes limits, kinds and text normalisation from zod-free modules.
  it('the client loads no zod with its first page, directly or through shared/', () => {
    const loaded = loadedAtStart('client/main.tsx');
    expect(loaded.has('client/App.tsx')).toBe(true);
    expect([...loaded].filter((m) => m === 'zod' || m.startsWith('zod/'))).toEqual([]);
    const viaZod = [...loaded].filter((m) => /^shared\//.test(m) && staticImportsOf(m, readFileSync(join(ROOT, m), 'utf8')).includes('zod'));
    expect(viaZod).toEqual([]);
  });

  // A number written into a form would drift from the schema that checks the field on the server.
  it('client forms take every length limit from shared/, never a number written in place', () => {
    const literal = /\bmaxLength=\{?\s*["']?\d/;
    expect(literal.test('<input maxLength={300} />')).toBe(true);
    expect(literal.test('<input maxLength={FicheLimits.title} />')).toBe(false);
    const found = sourceFiles('client').filter((f) => f.endsWith('.tsx')).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8').split('\n').flatMap((line, i) => (literal.test(line) ? [`${file.split(sep).join('/')}:${i + 1}`] : [])));
    expect(found).toEqual([]);
  });

  // An Intl formatter with a time zone maps ICU's zone and calendar data (~5.5 MiB resident); Polish time comes from shared/warsawTime.ts.
  it('no module loaded at start makes an Intl formatter while it loads', () => {
    const topLevelIntl = (file: string, text: string) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS).statements
      .filter((node) => !ts.isFunctionDeclaration(node) && !ts.isClassDeclaration(node) && /new\s+Intl\.\w+\s*\(/.test(node.getText()))
      .map(() => file);
    expect(topLevelIntl('server/a.ts', "const f = new Intl.DateTimeFormat('pl');\nfunction g() { return new Intl.NumberFormat('pl'); }")).toEqual(['server/a.ts']);
    const repoModules = [...loadedAtStart('server/main.ts')].filter((m) => /^(shared|server)\//.test(m));
    expect(repoModules.length).toBeGreaterThan(50);
    expect(repoModules.flatMap((file) => topLevelIntl(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });
});
