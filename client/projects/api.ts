/** The key-project API calls (docs/projects.md, docs/api.md), with a shape check at the edge. */
import type { FicheDto, FicheLinkOptionsDto, PackageDto } from '../../shared/projects/api.ts';
import type { FicheFieldName } from '../../shared/projects/fiche.ts';
import { request } from '../apiClient/http.ts';

const enc = encodeURIComponent;

const isPackage = (v: unknown): v is PackageDto => {
  const d = v as PackageDto | null;
  return !!d && typeof d.strategyId === 'string' && Array.isArray(d.rows) && !!d.sums && Array.isArray(d.sums.perPartner);
};
const isFiche = (v: unknown): v is FicheDto => {
  const d = v as FicheDto | null;
  return !!d && typeof d.id === 'string' && typeof d.status === 'string' && !!d.fields && Array.isArray(d.proposals);
};
const isLinks = (v: unknown): v is FicheLinkOptionsDto => {
  const d = v as FicheLinkOptionsDto | null;
  return !!d && Array.isArray(d.goal) && Array.isArray(d.direction) && Array.isArray(d.osi);
};

export type FicheDecision =
  | { status: 'accepted'; resolutionNumber: string; resolutionDate: string }
  | { status: 'in_package' }
  | { status: 'rejected'; reason: string };

export const projectApi = {
  package: (strategyId: string) => request<PackageDto>('GET', `/strategies/${enc(strategyId)}/projects`, undefined, isPackage),
  create: (strategyId: string, title: string) => request<{ id: string }>('POST', `/strategies/${enc(strategyId)}/projects`, { title }),
  links: (strategyId: string) => request<FicheLinkOptionsDto>('GET', `/strategies/${enc(strategyId)}/projects/links`, undefined, isLinks),
  fiche: (id: string) => request<FicheDto>('GET', `/projects/${enc(id)}`, undefined, isFiche),
  propose: (id: string, field: FicheFieldName, value: unknown, note?: string) =>
    request<unknown>('POST', `/projects/${enc(id)}/proposals`, note ? { field, value, note } : { field, value }),
  decideProposal: (id: string, proposalId: string, accept: boolean) =>
    request<unknown>('POST', `/projects/${enc(id)}/proposals/${enc(proposalId)}/${accept ? 'accept' : 'reject'}`),
  decide: (id: string, body: FicheDecision) => request<unknown>('POST', `/projects/${enc(id)}/decision`, body),
  exportUrl: (strategyId: string, format: 'csv' | 'xlsx') => `/api/strategies/${enc(strategyId)}/projects/export.${format}`,
};
