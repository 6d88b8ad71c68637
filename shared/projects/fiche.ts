/**
 * The key-project fiche (karta projektu kluczowego, issue 19; docs/projects.md).
 *
 * A fiche is a collaborative document like a chapter. Its long texts are rich-text fragments
 * of the document (`FICHE_TEXT_FIELDS`), edited with the chapter editor; its structured fields
 * are values of one map (`FICHE_MAP`), one JSON value per key, each validated by the schema
 * below on the server for every update (server/collab/ficheCheck.ts). The status is not a
 * co-edited field: it changes only through the decision routes, each step audited.
 */
import { z } from 'zod';
import { RESOLUTION_NUMBER_MAX } from '../apiTypes.ts';
import { normaliseText } from '../text.ts';
import { isGrosze, sumGrosze } from './money.ts';

/** The map of a fiche document holding its structured fields. */
export const FICHE_MAP = 'fiche';

/** The rich-text fields, in the order of the fiche; each is the fragment `fiche.<name>`. */
export const FICHE_TEXT_FIELDS = [
  'problem', 'objective', 'scope', 'location', 'targetGroup', 'risks', 'durability', 'complementarity', 'jointness',
] as const;
export type FicheTextField = (typeof FICHE_TEXT_FIELDS)[number];
export const ficheFragmentName = (field: FicheTextField) => `fiche.${field}`;
export const FICHE_FRAGMENT_NAMES: readonly string[] = FICHE_TEXT_FIELDS.map(ficheFragmentName);

/** Funding sources, in the order of the fiche and the overview. */
export const FUNDING_SOURCES = ['eu', 'national', 'kpo', 'own', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const READINESS_LEVELS = ['concept', 'documentation', 'permits', 'feasibility'] as const;
export type Readiness = (typeof READINESS_LEVELS)[number];

export const FICHE_STATUSES = ['proposed', 'accepted', 'in_package', 'rejected'] as const;
export type FicheStatus = (typeof FICHE_STATUSES)[number];

/**
 * Longest one-line texts of a fiche and of its proposals and decisions (characters): the schemas
 * here and in ./api.ts check them, the form's inputs use them.
 */
export const FicheLimits = {
  title: 300, contact: 300, partnerRole: 200, milestoneName: 300,
  indicatorName: 300, indicatorUnit: 50, indicatorValue: 50, indicatorSource: 200,
  note: 2000, resolutionNumber: RESOLUTION_NUMBER_MAX,
} as const;

const line = (max: number) =>
  z.string().max(max * 2).transform((s) => normaliseText(s, { lines: false })).pipe(z.string().max(max));
const grosze = z.custom<number>((v) => isGrosze(v), { message: 'amount' });
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/).refine((s) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
});

/**
 * A link to a heading of a strategy chapter. `client`/`clock` are the Yjs id of the heading
 * element: stable while the heading is renamed (only its text changes), gone when it is removed.
 */
export const HeadingRef = z.object({ chapterId: id, client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).strict();
export type HeadingRef = z.infer<typeof HeadingRef>;

export const PartnerShare = z.object({
  organizationId: id,
  role: line(FicheLimits.partnerRole),
  costGrosze: grosze,
}).strict();
export type PartnerShare = z.infer<typeof PartnerShare>;

export const Indicator = z.object({
  kind: z.enum(['output', 'result']),
  name: line(FicheLimits.indicatorName).pipe(z.string().min(1)),
  unit: line(FicheLimits.indicatorUnit),
  baseline: line(FicheLimits.indicatorValue),
  target: line(FicheLimits.indicatorValue),
  source: line(FicheLimits.indicatorSource),
}).strict();
export type Indicator = z.infer<typeof Indicator>;

export const Milestone = z.object({ date: isoDate, name: line(FicheLimits.milestoneName).pipe(z.string().min(1)) }).strict();

export const Funding = z.object({ eu: grosze, national: grosze, kpo: grosze, own: grosze, other: grosze }).strict();
export type Funding = z.infer<typeof Funding>;

/** The schema of each structured field (each key of the map). */
export const FICHE_FIELD_SCHEMAS = {
  title: line(FicheLimits.title),
  leaderId: id.nullable(),
  partners: z.array(PartnerShare).max(50),
  totalCostGrosze: grosze,
  funding: Funding,
  goal: HeadingRef.nullable(),
  direction: HeadingRef.nullable(),
  osi: HeadingRef.nullable(),
  periodStart: isoDate.nullable(),
  periodEnd: isoDate.nullable(),
  milestones: z.array(Milestone).max(50),
  indicators: z.array(Indicator).max(50),
  readiness: z.enum(READINESS_LEVELS),
  contact: line(FicheLimits.contact),
} as const;
export type FicheFieldName = keyof typeof FICHE_FIELD_SCHEMAS;
export const FICHE_FIELD_NAMES = Object.keys(FICHE_FIELD_SCHEMAS) as FicheFieldName[];
export type FicheFields = { [K in FicheFieldName]: z.output<(typeof FICHE_FIELD_SCHEMAS)[K]> };

export const EMPTY_FUNDING: Funding = { eu: 0, national: 0, kpo: 0, own: 0, other: 0 };

/** A new fiche's structured fields. */
export function emptyFicheFields(title: string): FicheFields {
  return {
    title, leaderId: null, partners: [], totalCostGrosze: 0, funding: { ...EMPTY_FUNDING }, goal: null, direction: null, osi: null,
    periodStart: null, periodEnd: null, milestones: [], indicators: [], readiness: 'concept', contact: '',
  };
}

export function isFicheFieldName(key: string): key is FicheFieldName {
  return Object.prototype.hasOwnProperty.call(FICHE_FIELD_SCHEMAS, key);
}

/**
 * Whether a value stored under `key` is valid exactly as stored (already normalised: a value the
 * schema would change is refused too, so every client reads what the server checked).
 */
export function validFieldValue(key: string, value: unknown): boolean {
  if (!isFicheFieldName(key)) return false;
  const r = FICHE_FIELD_SCHEMAS[key].safeParse(value);
  return r.success && JSON.stringify(r.data) === JSON.stringify(value);
}

/**
 * The organisation ids a valid value of `key` names (the leader, the partners); each must be an
 * organisation of the fiche's partnership, checked on the server (live and for proposals).
 */
export function organizationIdsOf(key: string, value: unknown): string[] {
  if (key === 'leaderId') return typeof value === 'string' ? [value] : [];
  if (key === 'partners' && Array.isArray(value)) return (value as PartnerShare[]).map((p) => p.organizationId);
  return [];
}

/** Reads the fields from the map's plain JSON, falling back to the empty value for a missing or invalid key. */
export function readFicheFields(json: Record<string, unknown>): FicheFields {
  const out = emptyFicheFields('') as Record<string, unknown>;
  for (const key of FICHE_FIELD_NAMES) {
    if (key in json && validFieldValue(key, json[key])) out[key] = json[key];
  }
  return out as FicheFields;
}

/** The sums of a fiche and whether they add up (shown on the fiche; required for acceptance). */
export interface FicheBalance {
  totalGrosze: number;
  partnersGrosze: number;
  fundingGrosze: number;
  /** Partners' shares minus the total cost (0 when they add up). */
  partnersDifference: number;
  /** Funding sources minus the total cost. */
  fundingDifference: number;
  balanced: boolean;
}

export function ficheBalance(f: Pick<FicheFields, 'totalCostGrosze' | 'partners' | 'funding'>): FicheBalance {
  const partnersGrosze = sumGrosze(f.partners.map((p) => p.costGrosze));
  const fundingGrosze = sumGrosze(FUNDING_SOURCES.map((s) => f.funding[s]));
  const partnersDifference = partnersGrosze - f.totalCostGrosze;
  const fundingDifference = fundingGrosze - f.totalCostGrosze;
  return {
    totalGrosze: f.totalCostGrosze, partnersGrosze, fundingGrosze, partnersDifference, fundingDifference,
    balanced: partnersDifference === 0 && fundingDifference === 0 && f.totalCostGrosze > 0,
  };
}

/** What must hold before the Rada Partnerstwa's acceptance can be recorded; empty when ready. */
export function acceptanceProblems(f: FicheFields): string[] {
  const problems: string[] = [];
  if (f.title.trim() === '') problems.push('title');
  if (!f.leaderId) problems.push('leader');
  if (f.partners.length === 0) problems.push('partners');
  const b = ficheBalance(f);
  if (f.totalCostGrosze <= 0) problems.push('cost');
  if (b.partnersDifference !== 0) problems.push('partners_sum');
  if (b.fundingDifference !== 0) problems.push('funding_sum');
  return problems;
}
