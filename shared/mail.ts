/**
 * Limits of accounts-by-e-mail and notifications (issue 16; docs/email.md). Shared so the
 * client can say the same numbers the server enforces.
 */
export const MailLimits = {
  /** A "forgot password" link works once, for this long (1 hour). */
  passwordResetTtlMs: 3600_000,
  /** Reset requests per e-mail address (known or not): a burst, then this many per hour. */
  resetPerEmail: { burst: 3, refillPerHour: 6 },
  /** Reset requests per client address: a burst, then this many per hour (an office behind one NAT). */
  resetPerAddress: { burst: 10, refillPerHour: 30 },
  /**
   * "Suggestions wait for your decision" at most once per chapter and person in this window
   * (1 hour): an expert's suggestion arrives keystroke by keystroke.
   */
  suggestionNoticeWindowMs: 3600_000,
  /**
   * After an expert's change is stored, the chapter is looked at for waiting suggestions this
   * much later (so a burst of keystrokes costs one look).
   */
  suggestionSettleMs: 2000,
  /**
   * In immediate mode a person's events are sent this long after the first (1 s), so a burst
   * (a milestone freezing every chapter, a comment mentioning and replying) makes one e-mail.
   */
  immediateBatchMs: 1000,
  /** Events listed in one e-mail at most (the rest are counted). */
  maxEventsPerEmail: 50,
} as const;

/** Client path of the "forgot password" page. */
export const FORGOT_PASSWORD_PATH = '/nie-pamietam-hasla';
/** Client path of a reset link; the token follows. */
export const PASSWORD_RESET_PATH = '/nowe-haslo/';
/** Server path of the unsubscribe link (works without logging in); the signed token follows. */
export const UNSUBSCRIBE_PATH = '/wypisz/';
