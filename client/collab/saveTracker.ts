/**
 * Decides when the chapter may honestly say „Zapisano”. Local changes are counted; a
 * `SaveQuery` carries the count as its nonce, and the server answers `Saved` with the same
 * nonce once everything this connection sent before the query is committed to SQLite. The
 * text is saved only when the latest change's nonce has been confirmed.
 */
export class SaveTracker {
  /** Local changes so far (doc updates not coming from the server). */
  private changes = 0;
  /** Highest nonce the server confirmed as stored. */
  private confirmed = 0;
  /** Highest nonce asked on the current connection (queries die with their connection). */
  private asked = 0;

  /** Records one local change. */
  localChange(): void {
    this.changes++;
  }

  /** True while some local change has not been confirmed as stored. */
  get pending(): boolean {
    return this.confirmed < this.changes;
  }

  /** The connection was replaced: queries sent on the old one will never be answered. */
  connectionReset(): void {
    this.asked = 0;
  }

  /**
   * The nonce to send in a SaveQuery now, or null when nothing new needs confirming.
   * Call only while connected and synced.
   */
  nextQuery(): number | null {
    if (this.changes <= this.confirmed || this.changes <= this.asked) return null;
    this.asked = this.changes;
    return this.changes;
  }

  /**
   * Applies a `Saved` answer. A nonce larger than any we sent is ignored (it cannot be ours);
   * an older one confirms the changes up to it.
   * @returns true when the answer changed what is confirmed.
   */
  confirm(nonce: number): boolean {
    if (!Number.isSafeInteger(nonce) || nonce > this.changes || nonce <= this.confirmed) return false;
    this.confirmed = nonce;
    return true;
  }
}

/** What the status line says. */
export type SaveStatus = 'connecting' | 'saving' | 'saved' | 'offline' | 'closed';

export interface ConnectionFacts {
  /** The server closed for good (session ended, access withdrawn). */
  closed: boolean;
  /** Connected and the initial sync with the server is done. */
  synced: boolean;
  /** Since the last successful sync a connection was lost or failed, or the browser is offline. */
  offline: boolean;
  /** Local changes not yet confirmed as stored. */
  pending: boolean;
}

/** The status shown for a set of facts (pure, so it is tested without a browser). */
export function deriveSaveStatus(f: ConnectionFacts): SaveStatus {
  if (f.closed) return 'closed';
  if (f.synced) return f.pending ? 'saving' : 'saved';
  return f.offline ? 'offline' : 'connecting';
}
