/**
 * The personal calendar feed of a partnership (docs/procedure.md "Calendar feed"): its API
 * answers, where the feed is served, and how often it may be read.
 */

/** The public path of a feed; the secret token follows, then `.ics`. */
export const CALENDAR_FEED_PATH = '/api/public/calendar/';

/** A feed's token: 32 random bytes in lowercase base32 (52 characters). */
export const CALENDAR_FEED_TOKEN = /^[a-z2-7]{52}$/;

/**
 * Reads of feeds per client address (a token bucket, in memory). Calendar apps refresh every
 * few hours; an office behind one address with many subscribers stays well inside this.
 */
export const CalendarFeedLimits = { perAddress: { burst: 60, refillPerHour: 600 } } as const;

/** The person's feed of a partnership: whether there is one, and since when. */
export interface CalendarFeedDto {
  partnershipId: string;
  active: boolean;
  /** When the active feed was made (ISO), null without one. */
  createdAt: string | null;
}

/** A newly made feed: the address is shown this once (only its hash is stored). */
export interface CreatedCalendarFeedDto extends CalendarFeedDto {
  url: string;
}
