/**
 * The partnership's members by id (for attribution of suggestions): read when a chapter opens,
 * and again when a suggestion by someone not in the list appears (a member added meanwhile).
 */
import { useEffect, useState } from 'react';
import { api } from '../apiClient/endpoints.ts';
import { NO_PEOPLE, peopleFromPartnership, type PeopleDirectory } from './people.ts';

/** `missing`: ids of authors not found in the current list, joined (a change triggers a re-read). */
export function usePeople(partnershipId: string | null, missing: string): PeopleDirectory {
  const [people, setPeople] = useState<PeopleDirectory>(NO_PEOPLE);
  useEffect(() => {
    if (!partnershipId) return;
    let live = true;
    // Without the list, suggestions still show with „Nieznana osoba”; nothing else depends on it.
    api.partnership(partnershipId).then((p) => live && setPeople(peopleFromPartnership(p)), () => undefined);
    return () => {
      live = false;
    };
  }, [partnershipId, missing]);
  return people;
}
