/**
 * DOCX import calls (docs/import.md): the file as the raw body for the preview, then the JSON
 * confirmation. Answers are checked at the edge.
 */
import { isRecord, request, sendBytes } from '../apiClient/http.ts';
import type { ImportConfirmRequest, ImportPreviewDto, ImportResultDto, ImportStrategyRequest, ImportStrategyResultDto } from '../../shared/import.ts';

export const DOCX_ACCEPT = '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function isPreview(v: unknown): v is ImportPreviewDto {
  return isRecord(v) && typeof v.token === 'string' && Array.isArray(v.authors) && Array.isArray(v.sections) && Array.isArray(v.losses) && Array.isArray(v.images);
}

function isResult(v: unknown): v is ImportResultDto {
  return isRecord(v) && typeof v.chapterId === 'string' && typeof v.suggestions === 'number';
}

/** Preview for one chapter, or for a whole strategy (`scope` 'strategies'). */
export function previewImport(id: string, file: File, scope: 'chapters' | 'strategies' = 'chapters'): Promise<ImportPreviewDto> {
  return sendBytes(
    `/${scope}/${encodeURIComponent(id)}/import/preview`,
    file,
    { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
    isPreview,
  );
}

export function confirmImport(chapterId: string, body: ImportConfirmRequest): Promise<ImportResultDto> {
  return request('POST', `/chapters/${encodeURIComponent(chapterId)}/import`, body, isResult);
}

function isStrategyResult(v: unknown): v is ImportStrategyResultDto {
  return isRecord(v) && Array.isArray(v.chapters) && v.chapters.every(isResult);
}

export function confirmStrategyImport(strategyId: string, body: ImportStrategyRequest): Promise<ImportStrategyResultDto> {
  return request('POST', `/strategies/${encodeURIComponent(strategyId)}/import`, body, isStrategyResult);
}
