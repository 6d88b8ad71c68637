/**
 * Reminders of chapters' due dates (set by coordinators, docs/administration.md): a week before,
 * the day before and on the day, the chapter's owner and everyone who wrote or commented in it
 * are told. Run once per Polish day by the digest scheduler, before the digest, so people who
 * chose a daily digest find the reminder in that day's e-mail.
 */
import type { Services } from '../services.ts';
import { remindOfProcedureTerms } from './procedureTerms.ts';

/** Days before the due date on which people are reminded. */
export const DEADLINE_REMINDER_DAYS = [7, 1, 0] as const;

/** The calendar day `days` after a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Records the reminders due on the Polish day `today` — chapters' due dates and the
 * procedure's terms (procedureTerms.ts) — and returns how many chapters were due.
 */
export function remindOfDeadlines(services: Services, today: string): number {
  remindOfProcedureTerms(services, today);
  const store = services.stores.notifications;
  let chapters = 0;
  for (const ahead of DEADLINE_REMINDER_DAYS) {
    for (const chapter of store.chaptersDueOn(addDays(today, ahead))) {
      chapters++;
      const people = store.chapterParticipants(chapter.id);
      if (chapter.owner_user_id) people.push(chapter.owner_user_id);
      services.notifications.chapterDeadline({ chapterId: chapter.id, dueDate: chapter.due_date, userIds: people });
    }
  }
  return chapters;
}
