/**
 * Keeps one ChapterConnection per chapter, shared by every component that shows it. A
 * release is delayed, so React StrictMode's mount–unmount–mount does not tear the provider
 * down and rebuild it.
 */
import { ChapterConnection, type CollabUser } from './ChapterConnection.ts';

/** Time a chapter stays connected after its last user unmounts (ms). */
export const RELEASE_DELAY_MS = 1_000;

interface Entry { connection: ChapterConnection; refs: number; timer: ReturnType<typeof setTimeout> | null }
const entries = new Map<string, Entry>();

/** The IndexedDB name of a person's local copy of a chapter (one browser may serve several people). */
export function chapterDbName(userId: string, chapterId: string): string {
  return `wspolna-strategia:${userId}:${chapterId}`;
}

/** Gets (or opens) the chapter's connection and counts one more user of it. */
export function acquireChapter(chapterId: string, user: CollabUser): ChapterConnection {
  const key = `${user.userId}:${chapterId}`;
  let entry = entries.get(key);
  if (!entry) {
    entry = { connection: new ChapterConnection(chapterId, user, chapterDbName(user.userId, chapterId)), refs: 0, timer: null };
    entries.set(key, entry);
  }
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
  entry.refs++;
  return entry.connection;
}

/** Counts one user less; the connection closes after RELEASE_DELAY_MS without users. */
export function releaseChapter(connection: ChapterConnection, userId: string): void {
  const key = `${userId}:${connection.chapterId}`;
  const entry = entries.get(key);
  if (!entry || entry.connection !== connection) return;
  entry.refs--;
  if (entry.refs > 0) return;
  entry.timer = setTimeout(() => {
    entries.delete(key);
    connection.destroy();
  }, RELEASE_DELAY_MS);
}
