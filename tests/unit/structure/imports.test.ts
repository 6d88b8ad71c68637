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
});
