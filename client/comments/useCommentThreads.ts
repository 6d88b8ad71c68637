/**
 * A chapter's comment threads: loaded from the API, reloaded when the server pushes
 * `comments-changed` (someone else wrote, edited, resolved…), and replaced locally by the
 * thread each of my own requests returns. New comments by others are announced politely.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommentThreadDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import type { ChapterConnection } from '../collab/ChapterConnection.ts';

export interface CommentThreadsState {
  threads: CommentThreadDto[];
  loaded: boolean;
  error: unknown;
  reload(): Promise<void>;
  /** Puts a thread returned by the API in place (or removes it: `null` with its id). */
  replace(thread: CommentThreadDto | null, id?: string): void;
}

/**
 * `onNewComments`: comments by others that appeared since the last load (not on the first load).
 * No chapter (null): nothing is loaded.
 */
export function useCommentThreads(
  chapterId: string | null,
  events: ChapterConnection['events'] | null,
  myId: string,
  onNewComments: (comments: CommentThreadDto['comments']) => void,
): CommentThreadsState {
  const [threads, setThreads] = useState<CommentThreadDto[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const known = useRef<Set<string> | null>(null);
  const notify = useRef(onNewComments);
  notify.current = onNewComments;
  const generation = useRef(0);

  const remember = useCallback((list: CommentThreadDto[], announce: boolean) => {
    const ids = new Set(list.flatMap((t) => t.comments.map((c) => c.id)));
    if (announce && known.current) {
      const fresh = list.flatMap((t) => t.comments).filter((c) => !known.current!.has(c.id) && c.author.id !== myId && !c.deleted);
      if (fresh.length > 0) notify.current(fresh);
    }
    known.current = new Set([...(known.current ?? []), ...ids]);
  }, [myId]);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    if (!chapterId) return;
    try {
      const list = await api.comments(chapterId);
      if (mine !== generation.current) return;
      remember(list, true);
      setThreads(list);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(e);
    } finally {
      setLoaded(true);
    }
  }, [chapterId, remember]);

  useEffect(() => {
    known.current = null;
    setLoaded(false);
    setThreads([]);
    void reload();
  }, [reload]);

  useEffect(() => {
    if (!events) return;
    return events.on('event', (event) => {
      if (event.type === 'comments-changed') void reload();
    });
  }, [events, reload]);

  const replace = useCallback((thread: CommentThreadDto | null, id?: string) => {
    const target = thread?.id ?? id;
    if (!target) return;
    // A later reload must not overwrite this newer answer with an older list.
    generation.current++;
    if (thread) remember([thread], false);
    setThreads((list) => {
      if (!thread) return list.filter((t) => t.id !== target);
      const i = list.findIndex((t) => t.id === target);
      return i < 0 ? [...list, thread] : list.map((t) => (t.id === target ? thread : t));
    });
  }, [remember]);

  return { threads, loaded, error, reload, replace };
}
