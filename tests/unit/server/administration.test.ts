/**
 * Issue 16 units: demo seeding defaults by PUBLIC_URL, the GUS TERC parser, the shipped
 * partial TERC list, and the admin CLI's commands on a real (temporary) database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { createServices } from '../../../server/services.ts';
import { openDatabase } from '../../../server/storage/db.ts';
import { TercFileError, decodeTercFile, parseGusTerc } from '../../../server/terc/parseGus.ts';
import { loadShippedTerc, readShippedTerc } from '../../../server/terc/shipped.ts';
import { runAdminCommand } from '../../../server/cli/admin.ts';
import { chapterPermissions } from '../../../server/auth/policy.ts';

const services = (env: Record<string, string> = {}) =>
  createServices(loadConfig({ ARGON2_MEMORY_KIB: '1024', LOG_LEVEL: 'error', ...env }), { db: openDatabase({ path: ':memory:' }) });

describe('demo seeding defaults', () => {
  it('seeds by default on a developer machine, not when PUBLIC_URL is https, unless SEED_DEMO says so', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.5:3000' }).seedDemo).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://strategia.walcz.pl' })).toMatchObject({ seedDemo: false, seedDemoExplicit: false, publicHttps: true });
    expect(loadConfig({ PUBLIC_URL: 'https://strategia.walcz.pl', SEED_DEMO: '1' })).toMatchObject({ seedDemo: true, seedDemoExplicit: true });
    expect(loadConfig({ SEED_DEMO: '0' }).seedDemo).toBe(false);
    expect(() => loadConfig({ SEED_DEMO: 'tak' })).toThrow(/SEED_DEMO/);
  });
});

// Rows in the official format (invented unit names and codes for the test's own file; no real data).
const GUS = [
  'WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA',
  '98;;;;TESTOWE;województwo;2025-01-01',
  '98;01;;;próbny;powiat;2025-01-01',
  '98;01;01;1;Próbów;gmina miejska;2025-01-01',
  '98;01;02;3;Wzorcowo;gmina miejsko-wiejska;2025-01-01',
  '98;01;02;4;Wzorcowo;miasto;2025-01-01',
  '98;01;02;5;Wzorcowo;obszar wiejski;2025-01-01',
  '98;61;;;Miastko Testowe;miasto na prawach powiatu;2025-01-01',
  '98;61;01;1;Miastko Testowe;gmina miejska, miasto stołeczne;2025-01-01',
].join('\r\n');

describe('the GUS TERC file', () => {
  it('keeps powiats (4 digits) and gminas of RODZ 1–3 (7 digits), skipping województwa and parts of gminas', () => {
    const units = parseGusTerc(decodeTercFile(new TextEncoder().encode('\uFEFF' + GUS)));
    expect(units.map((u) => [u.code, u.kind, u.name, u.description])).toEqual([
      ['9801', 'powiat', 'próbny', 'powiat'],
      ['9801011', 'gmina', 'Próbów', 'gmina miejska'],
      ['9801023', 'gmina', 'Wzorcowo', 'gmina miejsko-wiejska'],
      ['9861', 'powiat', 'Miastko Testowe', 'miasto na prawach powiatu'],
      ['9861011', 'gmina', 'Miastko Testowe', 'gmina miejska, miasto stołeczne'],
    ]);
    expect(units.every((u) => u.asOf === '2025-01-01')).toBe(true);
  });

  it('reads a Windows-1250 file as older exports were', () => {
    // "Próbów" in Windows-1250: ó = 0xF3; plus ł = 0xB3 in "ł" test
    const latin = Buffer.from('WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n98;01;;;\xb3\xf3dzki;powiat;2025-01-01\n', 'latin1');
    expect(parseGusTerc(decodeTercFile(latin))[0].name).toBe('łódzki');
  });

  it('names the line of a malformed file', () => {
    expect(() => parseGusTerc('NAZWA;WOJ\n')).toThrow(TercFileError);
    expect(() => parseGusTerc('WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n98;1;;;x;powiat;2025-01-01')).toThrow(/line 2/);
    expect(() => parseGusTerc('WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n98;01;;;x;powiat;wczoraj')).toThrow(/STAN_NA/);
    expect(() => parseGusTerc('WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n98;;;;x;województwo;2025-01-01')).toThrow(/no powiat or gmina/);
  });
});

describe('the shipped partial TERC list', () => {
  it('holds only the six units of Powiat Wałecki, with kinds matching the code length and RODZ digit', () => {
    const { units, source } = readShippedTerc();
    expect(source).toMatch(/compiled/);
    expect(units.map((u) => u.code)).toEqual(['3217', '3217011', '3217023', '3217033', '3217043', '3217052']);
    const rodz: Record<string, string> = { '1': 'gmina miejska', '2': 'gmina wiejska', '3': 'gmina miejsko-wiejska' };
    for (const u of units.filter((x) => x.kind === 'gmina')) expect(u.description).toBe(rodz[u.code[6]]);
  });

  it('never overwrites an imported unit', () => {
    const s = services();
    s.stores.terc.importOfficial([{ code: '3217', kind: 'powiat', name: 'wałecki', description: 'powiat', asOf: '2025-01-01' }], 'GUS');
    expect(loadShippedTerc(s.stores.terc)).toBe(5);
    expect(s.stores.terc.byCode('3217')?.name).toBe('wałecki');
  });
});

describe('npm run admin', () => {
  it('create-admin, reset-password and import-terc', () => {
    const s = services({ PUBLIC_URL: 'https://strategia.example' });
    const out = runAdminCommand(s, ['create-admin', '--email', 'Admin@Example.org', '--name', 'Anna Admin']);
    expect(out).toMatch(/admin@example\.org is an administrator/);
    expect(out).toMatch(/https:\/\/strategia\.example\/konfiguracja\/[a-z2-7]{39}/);
    const admin = s.stores.people.userByEmail('admin@example.org')!;
    expect(admin).toMatchObject({ is_admin: 1, password_hash: null, name: 'Anna Admin' });
    expect(runAdminCommand(s, ['reset-password', '--email', 'admin@example.org'])).toMatch(/konfiguracja\/[a-z2-7]{39}/);
    expect(() => runAdminCommand(s, ['reset-password', '--email', 'nikt@example.org'])).toThrow(/not an administrator/);
    expect(() => runAdminCommand(s, ['create-admin', '--email', 'nowy@example.org'])).toThrow(/--name is required/);
    expect(() => runAdminCommand(s, ['create-admin', '--email', 'to nie e-mail', '--name', 'X'])).toThrow(/--email/);
    expect(() => runAdminCommand(s, ['zrob-cos'])).toThrow(/unknown command/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-terc-'));
    const file = path.join(dir, 'TERC_Urzedowy_2025-01-01.csv');
    fs.writeFileSync(file, GUS);
    expect(runAdminCommand(s, ['import-terc', file])).toBe('Imported 2 powiats and 3 gminas (as of 2025-01-01) from TERC_Urzedowy_2025-01-01.csv.');
    expect(s.stores.terc.byCode('9801023')).toMatchObject({ name: 'Wzorcowo', description: 'gmina miejsko-wiejska' });
    expect(() => runAdminCommand(s, ['import-terc', path.join(dir, 'brak.csv')])).toThrow(/cannot read/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('access policy', () => {
  it('commenters comment only; archived chapters are read-only like frozen ones', () => {
    const open = { frozen: false, suggestLock: false };
    expect(chapterPermissions({ role: 'commenter', ...open })).toEqual({ read: true, comment: true, suggest: false, edit: false, review: false, manage: false });
    expect(chapterPermissions({ role: 'commenter', ...open, frozen: true }).comment).toBe(false);
    expect(chapterPermissions({ role: 'viewer', ...open }).comment).toBe(false);
    expect(chapterPermissions({ role: 'coordinator', ...open, archived: true })).toEqual({ read: true, comment: false, suggest: false, edit: false, review: false, manage: true });
  });
});
