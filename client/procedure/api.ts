/** The procedure API calls (docs/api.md "Procedure"), with a shape check at the edge. */
import type { ProcedureDto, UpdateProcedureRequest } from '../../shared/procedure/api.ts';
import { request } from '../apiClient/http.ts';

const enc = encodeURIComponent;

function isProcedure(v: unknown): v is ProcedureDto {
  const d = v as ProcedureDto | null;
  return !!d && typeof d.strategyId === 'string' && typeof d.dates === 'object' && Array.isArray(d.terms) && typeof d.today === 'string';
}

export const procedureApi = {
  get: (strategyId: string) => request<ProcedureDto>('GET', `/strategies/${enc(strategyId)}/procedure`, undefined, isProcedure),
  update: (strategyId: string, body: UpdateProcedureRequest) =>
    request<ProcedureDto>('PUT', `/strategies/${enc(strategyId)}/procedure`, body, isProcedure),
};
