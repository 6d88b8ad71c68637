/** React access to a chapter's connection: acquired in an effect, read via its snapshot. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ChapterConnection, ChapterSnapshot, CollabUser } from './ChapterConnection.ts';
import { acquireChapter, releaseChapter } from './registry.ts';

const noop = () => () => undefined;
const none = () => null;

export function useChapterConnection(chapterId: string, user: CollabUser): { connection: ChapterConnection | null; snapshot: ChapterSnapshot | null } {
  const [connection, setConnection] = useState<ChapterConnection | null>(null);
  const { userId, name, organization, color } = user;
  useEffect(() => {
    const c = acquireChapter(chapterId, { userId, name, organization, color });
    setConnection(c);
    return () => releaseChapter(c, userId);
  }, [chapterId, userId, name, organization, color]);
  const snapshot = useSyncExternalStore(connection?.subscribe ?? noop, connection?.getSnapshot ?? none);
  return { connection, snapshot };
}
