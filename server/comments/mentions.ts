/**
 * @mentions: only members of the chapter's partnership may be mentioned (issue 3), so a
 * mention never tells an outsider about the discussion, nor reveals whether an id exists.
 */
import { validationFailed } from '../errors.ts';
import type { Services } from '../services.ts';

/** Throws 400 `validation_failed` naming each id (`mentions.<i>`) that is not a member of the partnership. */
export function checkMentions(services: Services, partnershipId: string, userIds: readonly string[]): void {
  const { partnerships } = services.stores;
  const issues = userIds.flatMap((id, i) =>
    partnerships.roleOf(partnershipId, id) === null
      ? [{ path: `mentions.${i}`, message: 'not a member of this partnership' }]
      : [],
  );
  if (issues.length) throw validationFailed(issues, 'Only members of the partnership can be mentioned.');
}
