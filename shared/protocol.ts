/**
 * WebSocket protocol constants. Message types 0–3 are the standard y-websocket protocol
 * (y-protocols sync and awareness); an unmodified y-websocket client speaks only those.
 * Types from 100 up are this product's extensions: the server sends them only to a
 * connection that announced itself with `Hello`, so stock clients never see them.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** client → server: varuint protocol version. Opts the connection into the extensions below. */
  Hello: 100,
  /** client → server: varuint nonce. Asks to be told once everything sent before it is stored. */
  SaveQuery: 101,
  /** server → client: varuint nonce. Everything this connection sent before the query is in SQLite. */
  Saved: 102,
  /** server → client: varstring reason code. A change of ours was refused and not stored. */
  Rejected: 103,
  /** server → client: varstring JSON of ChapterLiveState. Sent on connect and whenever it changes. */
  ChapterState: 104,
  /** server → client: varstring JSON of CollabEvent (e.g. comments changed). */
  Event: 105,
} as const;
export type MessageTypeValue = (typeof MessageType)[keyof typeof MessageType];

/** Version sent in `Hello`. */
export const PROTOCOL_VERSION = 1;

/**
 * WebSocket close codes. y-websocket 3.1 stops reconnecting after a close code in
 * 4400–4499, so those mean "do not retry"; 4000–4099 ask the client to reconnect
 * (and be judged again at the upgrade).
 */
export const CloseCode = {
  /** The server is stopping; reconnect later. */
  GoingAway: 1001,
  /** Access changed (role changed); reconnect and be judged again. */
  Reauthenticate: 4000,
  /** The room was reloaded after a storage problem; reconnect. */
  RoomReset: 4001,
  /**
   * An update built on content the server does not hold; reconnect, and the sync exchange
   * sends everything missing. Honest clients cannot cause it, except after the server lost
   * confirmed updates (power loss with synchronous=NORMAL).
   */
  Resync: 4002,
  /** A frame could not be decoded. */
  Malformed: 4400,
  /** The session ended (logout, expiry, password change). */
  Unauthorized: 4401,
  /** Access to this chapter was withdrawn. */
  Forbidden: 4403,
  /** A frame or the document exceeded a limit. */
  TooLarge: 4413,
  /** Too many messages per second. */
  RateLimited: 4429,
  /** Too many refused changes in a row. */
  TooManyRejections: 4430,
  /** Too many new editing sessions (Yjs client ids) from one person in this chapter this hour. */
  TooManySessions: 4431,
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Reasons sent with `Rejected`. */
export const RejectReason = {
  ReadOnly: 'read_only',
  Frozen: 'frozen',
  SuggestOnly: 'suggest_only',
  CommentOnly: 'comment_only',
  Invalid: 'invalid_update',
  StorageFailed: 'storage_failed',
} as const;
export type RejectReasonValue = (typeof RejectReason)[keyof typeof RejectReason];

/** Live state of a chapter that an open editor must follow at once. */
export interface ChapterLiveState {
  frozen: null | { at: string; by: { name: string; organization: string }; note: string };
  /** Everyone must suggest (coordinator's "lock tracking"). */
  suggestLock: boolean;
  /** This connection's permissions right now (server/auth/policy.ts). */
  permissions: { comment: boolean; suggest: boolean; edit: boolean; review: boolean; manage: boolean };
}

/** Events pushed to open editors. */
export type CollabEvent =
  | { type: 'comments-changed' }
  | { type: 'versions-changed' }
  | { type: 'suggestions-changed' };

/** Name of the shared XmlFragment holding the chapter text (TipTap's default field). */
export const DOCUMENT_FIELD = 'default';

/** Path prefix of the WebSocket endpoint: `/collab/<chapterId>`. */
export const COLLAB_PATH = '/collab';
