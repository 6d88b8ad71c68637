/** The survey API calls (docs/consultation.md "Surveys"), with a shape check at the edge. */
import type { Answer, CreateSurveyRequest, PublicSurveyDto, SurveyDto, SurveyResultsDto } from '../../shared/survey/api.ts';
import { request } from '../apiClient/http.ts';

const enc = encodeURIComponent;
const isSurvey = (v: unknown): v is SurveyDto => typeof (v as SurveyDto | null)?.publicToken === 'string' && Array.isArray((v as SurveyDto).sections);
const isList = (v: unknown): v is SurveyDto[] => Array.isArray(v) && v.every(isSurvey);
const isResults = (v: unknown): v is SurveyResultsDto => Array.isArray((v as SurveyResultsDto | null)?.questions);
const isPublic = (v: unknown): v is PublicSurveyDto => typeof (v as PublicSurveyDto | null)?.phase === 'string' && Array.isArray((v as PublicSurveyDto).sections);

export const surveyApi = {
  list: (strategyId: string) => request<SurveyDto[]>('GET', `/strategies/${enc(strategyId)}/surveys`, undefined, isList),
  create: (strategyId: string, body: CreateSurveyRequest) => request<SurveyDto>('POST', `/strategies/${enc(strategyId)}/surveys`, body, isSurvey),
  results: (id: string, o: { q?: string; by?: string; merge?: string }) => {
    const p = new URLSearchParams();
    if (o.q) p.set('q', o.q);
    if (o.by) p.set('by', o.by);
    if (o.by && o.merge) p.set('merge', o.merge);
    const s = p.toString();
    return request<SurveyResultsDto>('GET', `/surveys/${enc(id)}/results${s ? `?${s}` : ''}`, undefined, isResults);
  },
  csvUrl: (id: string) => `/api/surveys/${enc(id)}/csv`,
  summaryUrl: (id: string, format: 'docx' | 'pdf') => `/api/surveys/${enc(id)}/summary?format=${format}`,
  qrUrl: (id: string) => `/api/surveys/${enc(id)}/qr`,
  insert: (id: string, chapterId: string) => request<unknown>('POST', `/surveys/${enc(id)}/insert`, { chapterId }),
};

export const publicSurveyApi = {
  get: (token: string) => request<PublicSurveyDto>('GET', `/public/surveys/${enc(token)}`, undefined, isPublic),
  respond: (token: string, answers: Record<string, Answer>, website: string) =>
    request<unknown>('POST', `/public/surveys/${enc(token)}/responses`, { answers, website }),
};
