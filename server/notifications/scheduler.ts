/**
 * The daily digest: once a day, at the first look after MAIL_DIGEST_HOUR (Polish time), chapters'
 * due-date reminders are recorded (deadlines.ts), consultation personal data past retention is
 * erased (consultation/retention.ts), and every person in digest mode gets one e-mail
 * with what waited for them. A restart the same day may
 * look again; that sends only what came since, so nobody gets an event twice.
 */
import type { Services } from '../services.ts';
import { warsawIsoDate, warsawParts } from '../../shared/warsawTime.ts';
import { remindOfDeadlines } from './deadlines.ts';
import { erasePersonalDataPastRetention } from '../consultation/retention.ts';

/** How often the scheduler looks at the clock (1 minute). */
export const DIGEST_CHECK_MS = 60_000;

/** The Polish calendar day (YYYY-MM-DD) and hour (0–23) of a moment. */
export function warsawDayAndHour(ms: number): { day: string; hour: number } {
  return { day: warsawIsoDate(ms), hour: warsawParts(ms).hour };
}

/** State of the digest job: the Polish day it last ran. */
export interface DigestState {
  lastDay: string | null;
}

/**
 * Runs the digest when it is due at `now` (ms): past the configured hour and not yet today.
 * Resolves to the e-mails sent, or null when it was not due.
 */
export async function runDigestIfDue(services: Services, state: DigestState, now = services.clock()): Promise<number | null> {
  const { day, hour } = warsawDayAndHour(now);
  if (hour < services.config.digestHour || state.lastDay === day) return null;
  state.lastDay = day;
  // Deadline reminders first, so that digest readers get them in today's digest.
  remindOfDeadlines(services, day);
  // Consultation submitters' personal data past its retention period (RODO), once a day.
  erasePersonalDataPastRetention(services, now);
  return services.notifications.runDigest();
}

/**
 * Starts the digest scheduler; returns a function that stops it.
 * @example const stopDigest = startDigestScheduler(services); // … stopDigest()
 */
export function startDigestScheduler(services: Services): () => void {
  const state: DigestState = { lastDay: null };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runDigestIfDue(services, state)
      .catch((err) => services.log.error('daily digest failed', err))
      .finally(() => {
        running = false;
      });
  }, DIGEST_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
