/**
 * One-time setup links (issue 16): the first administrator of an empty installation, and an
 * administrator's password (`npm run admin -- create-admin | reset-password`). A link is a
 * random token (192 bits); only its SHA-256 is stored, it works once and for 7 days, and a new
 * link of the same purpose (and person) voids the older one.
 */
import type { CompleteSetupRequest } from '../../shared/api.ts';
import type { SetupLinkDto } from '../../shared/apiTypes.ts';
import type { Services } from '../services.ts';
import type { SetupPurpose, SetupTokenRow } from '../storage/setupTokens.ts';
import type { UserRow } from '../storage/people.ts';
import { generateToken, hashToken } from '../auth/sessions.ts';
import { ApiError, conflict, internal, validationFailed } from '../errors.ts';
import { SETUP_LINK_TTL_MS, SETUP_PATH } from './links.ts';

/** Organisation of an administrator who named none. */
export const DEFAULT_ADMIN_ORGANIZATION = 'Administracja instalacji';

const TOKEN_PATTERN = /^[a-z2-7]{39}$/;

export const setupLinkInvalid = () =>
  new ApiError(404, 'setup_link_invalid', 'This setup link is unknown, already used or expired.');

/** Issues a new link; returns its path (SETUP_PATH + token). The token is not stored. */
export function issueSetupLink(services: Services, purpose: SetupPurpose, userId: string | null = null): string {
  const token = generateToken();
  const now = services.clock();
  services.stores.setupTokens.create({ token_hash: hashToken(token), purpose, user_id: userId, created_at: now, expires_at: now + SETUP_LINK_TTL_MS });
  return SETUP_PATH + token;
}

/** The open link for a token, or 404 `setup_link_invalid`. A first-administrator link dies once any administrator exists. */
function openLink(services: Services, token: string): SetupTokenRow {
  if (!TOKEN_PATTERN.test(token)) throw setupLinkInvalid();
  const row = services.stores.setupTokens.byHash(hashToken(token));
  if (!row || row.used_at !== null || row.expires_at <= services.clock()) throw setupLinkInvalid();
  if (row.purpose === 'first-admin' && services.stores.people.adminCount() > 0) throw setupLinkInvalid();
  if (row.purpose === 'admin-password' && !adminOf(services, row)) throw setupLinkInvalid();
  return row;
}

const adminOf = (services: Services, row: SetupTokenRow): UserRow | undefined => {
  const user = row.user_id ? services.stores.people.userById(row.user_id) : undefined;
  return user?.is_admin === 1 ? user : undefined;
};

export function describeSetupLink(services: Services, token: string): SetupLinkDto {
  const row = openLink(services, token);
  const user = adminOf(services, row);
  return { purpose: row.purpose, email: user?.email ?? null, name: user?.name ?? null };
}

/**
 * Uses a link: creates the first administrator (e-mail, name, optional organisation name,
 * password) or sets the administrator's password (ending all their sessions). Returns the
 * administrator, whom the caller logs in.
 */
export async function completeSetup(services: Services, token: string, body: CompleteSetupRequest): Promise<UserRow> {
  const first = openLink(services, token);
  if (first.purpose === 'first-admin' && (!body.email || !body.name)) {
    throw validationFailed([
      ...(body.email ? [] : [{ path: 'email', message: 'required' }]),
      ...(body.name ? [] : [{ path: 'name', message: 'required' }]),
    ]);
  }
  const passwordHash = await services.passwords.hash(body.password);
  const { people, setupTokens, audit } = services.stores;
  const now = services.clock();
  const userId = services.db.transaction((): string => {
    // Checked again after the await: another use may have won meanwhile.
    const row = openLink(services, token);
    if (!setupTokens.markUsed(row.token_hash, now)) throw setupLinkInvalid();
    if (row.purpose === 'admin-password') {
      const user = adminOf(services, row);
      if (!user) throw setupLinkInvalid();
      people.setPasswordHash(user.id, passwordHash);
      services.sessions.invalidateUser(user.id);
      audit.append({ userId: user.id, action: 'admin.password_set' });
      return user.id;
    }
    if (people.userByEmail(body.email!)) throw conflict('An account with this e-mail exists already.');
    const organizationId = people.createOrganization({ name: body.organizationName ?? DEFAULT_ADMIN_ORGANIZATION, kind: 'inne', terc: null });
    const id = people.createUser({ email: body.email!, name: body.name!, organizationId, passwordHash });
    people.makeAdmin(id);
    audit.append({ userId: id, action: 'admin.created', details: { email: body.email, via: 'setup link' } });
    return id;
  })();
  const user = people.userById(userId);
  if (!user) throw internal();
  return user;
}
