/**
 * Reminders of a strategy's procedure terms (docs/procedure.md "Notifications"), run by the
 * digest scheduler together with the chapters' due dates (deadlines.ts), once per Polish day,
 * through the same notification queue, settings and e-mails:
 *
 * - the statutory terms with a last day — the consultation report (art. 6 ust. 6 u.z.p.p.r.)
 *   and the board's opinion (art. 10f ust. 3 u.s.g.) — 7 days and 1 day before and on the day,
 *   to the partnership's coordinators, while the step has not happened; when the term passed
 *   without it: the report is overdue (1, 7, 14 and 28 days after), the board's silence counts
 *   as a positive opinion (told once, the day after);
 * - the planned adoption by the councils (the `councils_adopted` date in the future): 7 days and
 *   1 day before and on the day, to the coordinators and to the members of each partner
 *   organisation whose adoption of the newest milestone is not recorded (or is stale); after
 *   the date, while some partner's adoption is missing, the same people 1, 7, 14 and 28 days after.
 */
import { daysBetween, type IsoDate } from '../../shared/procedure/calendar.ts';
import { procedureTerms } from '../../shared/procedure/timeline.ts';
import { milestoneStale } from '../procedure/milestones.ts';
import type { Services } from '../services.ts';
import type { ProcedureNotice } from '../storage/notifications.ts';

/** Days before a term on which people are reminded. */
export const PROCEDURE_REMINDER_DAYS = [7, 1, 0] as const;
/** Days after a missed term on which people are reminded again. */
export const PROCEDURE_OVERDUE_DAYS = [1, 7, 14, 28] as const;

const remindOn = (daysLeft: number) =>
  (PROCEDURE_REMINDER_DAYS as readonly number[]).includes(daysLeft) || (PROCEDURE_OVERDUE_DAYS as readonly number[]).includes(-daysLeft);

/** Partner organisations whose adoption of the strategy's newest milestone is missing or stale. */
function partnersWithoutAdoption(services: Services, strategyId: string, partnershipId: string): string[] {
  const partners = services.stores.partnerships.organizations(partnershipId).filter((o) => o.isPartner).map((o) => o.id);
  const newest = services.stores.versions.milestonesOf(strategyId)[0];
  if (!newest || milestoneStale(services, newest.id)) return partners;
  const adopted = new Set(services.stores.adoptions.ofMilestone(newest.id).map((a) => a.organization_id));
  return partners.filter((id) => !adopted.has(id));
}

/** Records the procedure reminders due on the Polish day `today`; returns how many notices were made. */
export function remindOfProcedureTerms(services: Services, today: IsoDate): number {
  const { chapters, procedure, partnerships } = services.stores;
  let notices = 0;
  for (const strategyId of procedure.strategiesWithDates()) {
    const strategy = chapters.strategyById(strategyId);
    if (!strategy || strategy.archived_at !== null) continue;
    const partnershipId = strategy.partnership_id;
    const members = partnerships.members(partnershipId).filter((m) => m.active && !m.deactivated);
    const coordinators = members.filter((m) => m.role === 'coordinator').map((m) => m.userId);
    const dates = procedure.dates(strategy.id);
    const tell = (notice: ProcedureNotice, userIds: string[]) => {
      notices++;
      services.notifications.procedureTerm({ strategyId: strategy.id, notice, userIds });
    };
    for (const term of procedureTerms(dates, today, procedure.environmental(strategy.id))) {
      if (term.kind !== 'consultation_report_due' && term.kind !== 'board_opinion_due') continue;
      if (term.state !== 'upcoming' && term.state !== 'pending' && term.state !== 'overdue' && term.state !== 'deemed_positive') continue;
      const daysLeft = daysBetween(today, term.date);
      if (term.state === 'deemed_positive') {
        // Silence is a positive opinion from the next day: said once.
        if (daysLeft === -1) tell({ subject: term.kind, date: term.date, daysLeft, deemedPositiveFrom: term.deemedPositiveFrom }, coordinators);
        continue;
      }
      if (remindOn(daysLeft)) tell({ subject: term.kind, date: term.date, daysLeft }, coordinators);
    }
    const planned = dates.councils_adopted;
    if (planned) {
      const daysLeft = daysBetween(today, planned);
      const missing = partnersWithoutAdoption(services, strategy.id, partnershipId);
      // Before the date everyone concerned is reminded; after it, only while adoptions are missing.
      if (remindOn(daysLeft) && missing.length > 0) {
        const concerned = members.filter((m) => missing.includes(m.organization.id)).map((m) => m.userId);
        tell({ subject: 'councils_adopted', date: planned, daysLeft }, [...coordinators, ...concerned]);
      }
    }
  }
  return notices;
}
