/** Asks the server for partnership members matching an @mention being typed (debounced). */
import { useEffect, useState } from 'react';
import type { PersonRef } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';

/** Wait after the last keystroke before asking (ms). */
const DEBOUNCE_MS = 150;

/** People matching `query` (null: no @mention being typed, nothing asked). */
export function useMentionSearch(partnershipId: string, query: string | null): PersonRef[] | null {
  const [people, setPeople] = useState<PersonRef[] | null>(null);
  useEffect(() => {
    if (query === null) {
      setPeople(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.mentionable(partnershipId, query).then((list) => live && setPeople(list), () => live && setPeople([]));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [partnershipId, query]);
  return query === null ? null : people;
}
