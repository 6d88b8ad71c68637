/**
 * Loads a partnership (organisations, members, strategies with chapters) and keeps it fresh:
 * the "people in the chapter now" column changes all the time, so the data is re-read every
 * 15 s while the tab is visible, and at once when the tab becomes visible again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PartnershipDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';

/** How often the dashboard re-reads live numbers (ms). */
export const DASHBOARD_REFRESH_MS = 15_000;

export type PartnershipState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; partnership: PartnershipDto };

export function usePartnership(partnershipId: string | null) {
  const [state, setState] = useState<PartnershipState>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    if (!partnershipId) return;
    const mine = ++generation.current;
    try {
      const partnership = await api.partnership(partnershipId);
      if (mine === generation.current) setState({ status: 'ready', partnership });
    } catch (error) {
      if (mine === generation.current) setState((prev) => (prev.status === 'ready' ? prev : { status: 'error', error }));
    }
  }, [partnershipId]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, DASHBOARD_REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && void reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      generation.current++;
    };
  }, [reload]);

  return { state, reload };
}
