/**
 * The package overview (issue 19): one row per fiche and the sums per partner, per funding
 * source and per strategic goal, exact in grosze. Pure: the server computes it for the API and
 * the exports, the client only filters and sorts the rows it received.
 */
import { FUNDING_SOURCES, ficheBalance, type FicheStatus, type Funding, type Readiness } from './fiche.ts';
import { sumGrosze } from './money.ts';

export interface OverviewPartnerShare {
  organizationId: string;
  organizationName: string;
  role: string;
  costGrosze: number;
}

/** One fiche as the overview shows it. */
export interface OverviewRow {
  ficheId: string;
  title: string;
  leaderId: string | null;
  leaderName: string | null;
  partners: OverviewPartnerShare[];
  totalCostGrosze: number;
  funding: Funding;
  status: FicheStatus;
  readiness: Readiness;
  /** The linked goal's heading text as it reads now, or null (none, or the heading was removed). */
  goal: string | null;
  goalKey: string | null;
  direction: string | null;
  balanced: boolean;
}

export interface SumLine {
  key: string;
  label: string;
  grosze: number;
}

export interface OverviewSums {
  totalGrosze: number;
  perPartner: SumLine[];
  perSource: SumLine[];
  perGoal: SumLine[];
}

/** Sums over the given rows (the caller filters, e.g. rejected fiches out). */
export function overviewSums(rows: readonly OverviewRow[]): OverviewSums {
  const partners = new Map<string, SumLine>();
  const goals = new Map<string, SumLine>();
  for (const r of rows) {
    for (const p of r.partners) {
      const line = partners.get(p.organizationId) ?? { key: p.organizationId, label: p.organizationName, grosze: 0 };
      line.grosze = sumGrosze([line.grosze, p.costGrosze]);
      partners.set(p.organizationId, line);
    }
    const gk = r.goalKey ?? '';
    const g = goals.get(gk) ?? { key: gk, label: r.goal ?? '', grosze: 0 };
    g.grosze = sumGrosze([g.grosze, r.totalCostGrosze]);
    goals.set(gk, g);
  }
  const byLabel = (a: SumLine, b: SumLine) => a.label.localeCompare(b.label, 'pl') || a.key.localeCompare(b.key);
  return {
    totalGrosze: sumGrosze(rows.map((r) => r.totalCostGrosze)),
    perPartner: [...partners.values()].sort(byLabel),
    perSource: FUNDING_SOURCES.map((s) => ({ key: s, label: s, grosze: sumGrosze(rows.map((r) => r.funding[s])) })),
    perGoal: [...goals.values()].sort(byLabel),
  };
}

export { ficheBalance };
