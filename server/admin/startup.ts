/**
 * What the server checks about the installation at every start (issue 16):
 * - the shipped partial TERC list is in the database (imported units are never overwritten);
 * - an installation without any account prints a one-time link that creates its first
 *   administrator (always printed, whatever LOG_LEVEL, like "Listening on");
 * - a server reachable from elsewhere (PUBLIC_URL https) that holds a demo account whose
 *   password is still the published one warns loudly, at every start, until it is changed.
 */
import type { Services } from '../services.ts';
import { DEMO_EMAILS, DEMO_PASSWORD } from '../seed/demo.ts';
import { loadShippedTerc } from '../terc/shipped.ts';
import { issueSetupLink } from './setup.ts';
import { linkBase } from './links.ts';

export interface StartupReport {
  /** The setup link printed, when the installation had no account. */
  setupUrl: string | null;
  /** Demo accounts still on the published password (checked only with PUBLIC_URL https). */
  publishedPasswordAccounts: string[];
}

/** Demo accounts whose password is still DEMO_PASSWORD. */
export async function accountsWithPublishedPassword(services: Services): Promise<string[]> {
  const found: string[] = [];
  for (const email of DEMO_EMAILS) {
    const user = services.stores.people.userByEmail(email);
    if (user?.password_hash && (await services.passwords.verify(user.password_hash, DEMO_PASSWORD))) found.push(email);
  }
  return found;
}

/**
 * @param port the port the server listens on (for the printed link when PUBLIC_URL is unset)
 * @param print where the setup link goes (stdout in production)
 */
export async function checkInstallation(services: Services, port: number, print: (line: string) => void): Promise<StartupReport> {
  const { config, log, stores } = services;
  const added = loadShippedTerc(stores.terc);
  if (added) log.info(`TERC list: added ${added} units of the shipped partial list (import the full GUS list with npm run admin -- import-terc FILE)`);

  let setupUrl: string | null = null;
  if (stores.people.adminCount() === 0) {
    if (stores.people.userCount() === 0) {
      setupUrl = linkBase(config, port) + issueSetupLink(services, 'first-admin');
      print(`No administrator yet. Open this one-time link to create the installation's administrator (valid 7 days, once; a restart prints a new one):\n  ${setupUrl}\n`);
    } else {
      log.info('No administrator yet: create one with  npm run admin -- create-admin --email … --name …');
    }
  }

  let publishedPasswordAccounts: string[] = [];
  if (config.publicHttps) {
    publishedPasswordAccounts = await accountsWithPublishedPassword(services);
    if (publishedPasswordAccounts.length) {
      const bar = '!'.repeat(78);
      log.warn(bar);
      log.warn(`DEMO ACCOUNTS WITH THE PUBLISHED PASSWORD "${DEMO_PASSWORD}" ON ${config.publicOrigin}:`);
      for (const email of publishedPasswordAccounts) log.warn(`  ${email}`);
      log.warn('Anyone who has read the README can log in as them. Change their passwords or start on an');
      log.warn('empty DATA_DIR without SEED_DEMO=1. This warning repeats at every start while they exist.');
      log.warn(bar);
    }
  }
  return { setupUrl, publishedPasswordAccounts };
}
