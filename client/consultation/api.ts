/** The consultation API calls (docs/consultation.md), with a shape check at the edge. */
import type {
  ConsultationDto, CreateConsultationRequest, PublicConsultationDto, RegisterDto, RemarkDto, SubmitRemarkRequest, SubmittedRemarkDto, UpdateRemarkRequest,
} from '../../shared/consultation/api.ts';
import { request } from '../apiClient/http.ts';

const enc = encodeURIComponent;

const isConsultation = (v: unknown): v is ConsultationDto => {
  const d = v as ConsultationDto | null;
  return !!d && typeof d.id === 'string' && typeof d.publicToken === 'string' && Array.isArray(d.chapters);
};
const isList = (v: unknown): v is ConsultationDto[] => Array.isArray(v) && v.every(isConsultation);
const isRegister = (v: unknown): v is RegisterDto => {
  const d = v as RegisterDto | null;
  return !!d && Array.isArray(d.remarks) && typeof d.total === 'number';
};
const isRemark = (v: unknown): v is RemarkDto => {
  const d = v as RemarkDto | null;
  return !!d && typeof d.id === 'string' && typeof d.number === 'number';
};
const isPublic = (v: unknown): v is PublicConsultationDto => {
  const d = v as PublicConsultationDto | null;
  return !!d && typeof d.title === 'string' && Array.isArray(d.chapters) && typeof d.phase === 'string';
};
const isSubmitted = (v: unknown): v is SubmittedRemarkDto => typeof (v as SubmittedRemarkDto | null)?.number === 'number';

/** What the register filters by. */
export interface RegisterFilter {
  chapter?: number;
  category?: string;
  state?: string;
}

const query = (f: RegisterFilter) => {
  const q = new URLSearchParams();
  if (f.chapter) q.set('chapter', String(f.chapter));
  if (f.category) q.set('category', f.category);
  if (f.state) q.set('state', f.state);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const consultationApi = {
  list: (strategyId: string) => request<ConsultationDto[]>('GET', `/strategies/${enc(strategyId)}/consultations`, undefined, isList),
  create: (strategyId: string, body: CreateConsultationRequest) =>
    request<ConsultationDto>('POST', `/strategies/${enc(strategyId)}/consultations`, body, isConsultation),
  register: (id: string, f: RegisterFilter) => request<RegisterDto>('GET', `/consultations/${enc(id)}/remarks${query(f)}`, undefined, isRegister),
  csvUrl: (id: string, f: RegisterFilter) => `/api/consultations/${enc(id)}/csv${query(f)}`,
  reportUrl: (id: string, format: 'docx' | 'pdf') => `/api/consultations/${enc(id)}/report?format=${format}`,
  reportPublished: (id: string) => request<ConsultationDto>('POST', `/consultations/${enc(id)}/report-published`, {}, isConsultation),
  update: (remarkId: string, body: UpdateRemarkRequest) => request<RemarkDto>('PUT', `/remarks/${enc(remarkId)}`, body, isRemark),
  suggest: (remarkId: string) => request<RemarkDto>('POST', `/remarks/${enc(remarkId)}/suggestion`, {}, isRemark),
  erase: (remarkId: string) => request<RemarkDto>('DELETE', `/remarks/${enc(remarkId)}/personal-data`, undefined, isRemark),
};

export const publicConsultationApi = {
  get: (token: string) => request<PublicConsultationDto>('GET', `/public/consultations/${enc(token)}`, undefined, isPublic),
  submit: (token: string, body: SubmitRemarkRequest & { website: string }) =>
    request<SubmittedRemarkDto>('POST', `/public/consultations/${enc(token)}/remarks`, body, isSubmitted),
};
