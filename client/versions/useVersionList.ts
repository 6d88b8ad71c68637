/**
 * A chapter's versions, newest first: read when the history panel opens, again whenever the
 * server pushes `versions-changed` on the chapter's connection (someone saved, restored, froze
 * or an automatic version was recorded; server/versions/service.ts), and on `reload()` after
 * this person's own actions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VersionSummaryDto } from '../../shared/apiTypes.ts';
import type { CollabEvent } from '../../shared/protocol.ts';
import { api } from '../apiClient/endpoints.ts';

/** The part of ChapterConnection.events the panel listens to. */
export interface CollabEvents {
  on(name: 'event', listener: (event: CollabEvent) => void): () => void;
}

export type VersionListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; versions: VersionSummaryDto[] };

export function useVersionList(chapterId: string, events: CollabEvents | null) {
  const [state, setState] = useState<VersionListState>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const { versions } = await api.versions(chapterId);
      if (mine === generation.current) setState({ status: 'ready', versions });
    } catch (error) {
      // A failed refresh keeps the list already shown; only a first failure shows the error.
      if (mine === generation.current) setState((prev) => (prev.status === 'ready' ? prev : { status: 'error', error }));
    }
  }, [chapterId]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
    const off = events?.on('event', (event) => {
      if (event.type === 'versions-changed') void reload();
    });
    return () => {
      off?.();
      generation.current++;
    };
  }, [reload, events]);

  return { state, reload };
}
