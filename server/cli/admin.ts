/**
 * `npm run admin -- <command>`: administration from the server's shell (issue 16;
 * docs/administration.md). Works on the database of DATA_DIR, also while the server runs.
 *
 *   create-admin --email E --name N [--organization O]
 *       Makes E an administrator of the installation (creating the account when needed) and
 *       prints a one-time link (7 days) where they choose their password.
 *   reset-password --email E
 *       Prints a one-time link (7 days) that sets administrator E's password; using it ends
 *       all of their sessions. The old password works until the link is used.
 *   import-terc FILE
 *       Imports powiats and gminas from the official GUS TERC file (TERC_Urzedowy_*.csv).
 *
 * Exit codes: 0 done, 1 refused or failed (the message says why), 2 wrong usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfigOrExplain } from '../config.ts';
import { createServices, type Services } from '../services.ts';
import { DEFAULT_ADMIN_ORGANIZATION, issueSetupLink } from '../admin/setup.ts';
import { linkBase } from '../admin/links.ts';
import { TercFileError, decodeTercFile, parseGusTerc } from '../terc/parseGus.ts';

const USAGE = `Usage: npm run admin -- <command>
  create-admin --email E --name N [--organization O]   make E an administrator; prints a one-time password link
  reset-password --email E                             prints a one-time link that sets administrator E's password
  import-terc FILE                                     import powiats and gminas from GUS's TERC_Urzedowy_*.csv`;

class UsageError extends Error {
  override name = 'UsageError';
}
class Refused extends Error {
  override name = 'Refused';
}

const Person = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  name: z.string().trim().min(1).max(120).optional(),
  organization: z.string().trim().min(1).max(200).optional(),
});

function person(values: Record<string, unknown>) {
  const parsed = Person.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

const passwordLink = (services: Services, userId: string) => linkBase(services.config) + issueSetupLink(services, 'admin-password', userId);

function createAdmin(services: Services, values: Record<string, unknown>): string {
  const p = person(values);
  const { people, audit } = services.stores;
  let user = people.userByEmail(p.email);
  if (!user) {
    if (!p.name) throw new UsageError('--name is required for a new account');
    const id = services.db.transaction(() => {
      const organizationId = people.createOrganization({ name: p.organization ?? DEFAULT_ADMIN_ORGANIZATION, kind: 'inne', terc: null });
      return people.createUser({ email: p.email, name: p.name!, organizationId, passwordHash: null });
    })();
    user = people.userById(id)!;
  }
  if (user.is_admin !== 1) {
    people.makeAdmin(user.id);
    audit.append({ userId: null, action: 'admin.created', details: { email: user.email, via: 'npm run admin' } });
  }
  return `${user.email} is an administrator. One-time link to set the password (valid 7 days):\n  ${passwordLink(services, user.id)}`;
}

function resetPassword(services: Services, values: Record<string, unknown>): string {
  const p = person(values);
  const user = services.stores.people.userByEmail(p.email);
  if (!user || user.is_admin !== 1) throw new Refused(`${p.email} is not an administrator of this installation`);
  return `One-time link that sets ${user.email}'s password and ends their sessions (valid 7 days):\n  ${passwordLink(services, user.id)}`;
}

function importTerc(services: Services, file: string | undefined): string {
  if (!file) throw new UsageError('import-terc needs the path of the TERC file');
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new Refused(`cannot read ${file}: ${(err as Error).message}`);
  }
  const units = parseGusTerc(decodeTercFile(bytes));
  services.stores.terc.importOfficial(units, `GUS TERC file ${path.basename(file)}`);
  const powiats = units.filter((u) => u.kind === 'powiat').length;
  return `Imported ${powiats} powiats and ${units.length - powiats} gminas (as of ${units[0].asOf}) from ${path.basename(file)}.`;
}

export function runAdminCommand(services: Services, argv: readonly string[]): string {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { email: { type: 'string' }, name: { type: 'string' }, organization: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  switch (command) {
    case 'create-admin':
      return createAdmin(services, values);
    case 'reset-password':
      return resetPassword(services, values);
    case 'import-terc':
      if (rest.length > 1) throw new UsageError('import-terc takes one file');
      return importTerc(services, rest[0]);
    default:
      throw new UsageError(command ? `unknown command: ${command}` : 'no command given');
  }
}

function main(): number {
  const config = loadConfigOrExplain();
  if (!config) return 2;
  const services: Services = createServices(config, {});
  try {
    process.stdout.write(runAdminCommand(services, process.argv.slice(2)) + '\n');
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof Refused || err instanceof TercFileError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    services.db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
