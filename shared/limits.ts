/**
 * Limits enforced by the server and respected by the client. One place, so that the
 * numbers a test checks are the numbers the server uses.
 */
export const Limits = {
  /**
   * Largest WebSocket frame accepted (bytes). ws refuses a larger frame while reading its
   * header, without buffering it (the "huge length prefix" class of crash reports against
   * y-websocket servers). Large enough for a pasted 50-page chapter.
   */
  maxFrameBytes: 8 * 1024 * 1024,
  /** Largest encoded document state (bytes); updates that would exceed it are refused. */
  maxDocumentBytes: 64 * 1024 * 1024,
  /**
   * Sustained messages per second per socket (token bucket refill rate). Above it the server
   * reads the socket more slowly (see Connection.receive); it never closes a socket for speed.
   * 1,000 (was 300): at 300 the rate, not the server, was what stopped a chapter in the
   * benchmark (bench (e) held 3,000 edits/s to 10 clients, the peers 4,800; in (i) the held
   * frames delayed convergence by seconds after an overload), while one socket at 1,000
   * messages/s costs the server about 2–5 % of a core (23 µs per delivered update in (e)).
   */
  messagesPerSecond: 1000,
  /** Burst of messages per socket (token bucket size). */
  messageBurst: 2000,
  /**
   * Frames a socket may have waiting (received, not yet handled) before it is closed with
   * RateLimited. A paused socket delivers at most the rest of what was already read from the
   * network, one read of at most 64 KiB: under 9,400 frames even of the smallest size a client
   * can send (7 bytes). So a client that is only fast never gets here.
   */
  maxHeldFrames: 10_000,
  /** Largest awareness state of one client, as JSON (bytes). */
  maxAwarenessBytes: 16 * 1024,
  /** Refused changes per minute after which a socket is closed (TooManyRejections). */
  maxRejectionsPerMinute: 20,
  /**
   * Items of distinct clients inserted at exactly one place (same neighbours) before the next
   * one there is refused. Only people who did not see each other's typing insert at one place;
   * Yjs scans all of them for each insertion there, so thousands make a chapter slow to load.
   */
  maxConcurrentInsertions: 256,
  /**
   * New Yjs client ids one person may add to one chapter per hour. Each editing session (a
   * page load) writes with a new id, and Yjs does work proportional to a chapter's ids in
   * every transaction, on the server and in every editor, for the chapter's whole life: a
   * client that made up a new id per update (found by fuzzing) slowed a chapter for everyone
   * (1,500 ids: honest save confirmations p50 2.1 → 5.4 ms, p99 7.2 → 13.0 ms).
   */
  maxNewClientIdsPerHour: 200,
  /** Open WebSockets per remote address. */
  maxSocketsPerAddress: 250,
  /** Largest JSON request body (bytes). */
  maxJsonBodyBytes: 256 * 1024,
  /** Chapter title length. */
  maxTitleLength: 200,
  /** Comment body length (characters). */
  maxCommentLength: 10_000,
  /**
   * Longest stored quote of a commented passage (characters). The quote is only shown for a
   * detached thread, so a longer selection (a whole chapter) is cut with an ellipsis, not refused.
   */
  maxCommentQuoteLength: 1_000,
  /** People one comment may @mention. */
  maxMentionsPerComment: 50,

  // ---- Figures in chapters (uploaded images) ----
  /** Largest uploaded image (bytes, as sent). */
  maxImageBytes: 15 * 1024 * 1024,
  /**
   * Largest image in pixels (width × height, as decoded). A small compressed file can decode
   * to gigabytes (a "decompression bomb"): sharp refuses it before decoding (limitInputPixels).
   */
  maxImagePixels: 40_000_000,
  /** Longest text alternative of a figure (characters). */
  maxFigureAltLength: 1_000,
  /** Longest caption of a figure (characters). */
  maxFigureCaptionLength: 500,
} as const;

// ---------- export (issue 14) ----------

/** Exports (DOCX, PDF, Markdown) are written in worker threads, a few at a time. */
export const EXPORT_LIMITS = {
  /** Exports written at once (one worker thread each). */
  workers: 2,
  /** Exports waiting for a worker; more are refused with 429 and Retry-After. */
  maxQueued: 8,
  /** A worker taking longer than this is stopped and the export fails. */
  timeoutMs: 120_000,
} as const;
