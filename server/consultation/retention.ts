/**
 * RODO retention of consultation submitters' personal data (docs/consultation.md): once a
 * consultation's retention period after its published report has passed, every remark's
 * personal data is erased and the erasure audited. Runs daily with the digest scheduler, and
 * before any consultation is read, so no expired data is shown even between two runs.
 */
import type { Services } from '../services.ts';

/** Erases what is past retention at `now`; returns the number of remarks erased. */
export function erasePersonalDataPastRetention(services: Services, now = services.clock()): number {
  const { consultations, chapters, audit } = services.stores;
  let total = 0;
  for (const c of consultations.expiredPersonalData(now)) {
    const erased = consultations.eraseAllPersonalData(c.id, now);
    total += erased;
    const strategy = chapters.strategyById(c.strategy_id);
    audit.append({ userId: null, partnershipId: strategy?.partnership_id ?? null, action: 'consultation.personal_data_expired', details: { consultationId: c.id, remarks: erased } });
  }
  return total;
}
