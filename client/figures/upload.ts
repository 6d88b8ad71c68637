/**
 * Uploading a figure's image: the file as the raw request body (server/http/routes/files.ts).
 */
import { sendBytes, isRecord } from '../apiClient/http.ts';
import { IMAGE_MIME_TYPES, isFileId, type UploadedFileDto } from '../../shared/files.ts';

function isUploadedFile(value: unknown): value is UploadedFileDto {
  return (
    isRecord(value) &&
    isFileId(value.fileId) &&
    Number.isInteger(value.width) &&
    Number.isInteger(value.height) &&
    (IMAGE_MIME_TYPES as readonly unknown[]).includes(value.mime)
  );
}

/** Sends `file` as an image of the chapter; the server checks and cleans it. */
export function uploadFigureImage(chapterId: string, file: File): Promise<UploadedFileDto> {
  return sendBytes(
    `/chapters/${encodeURIComponent(chapterId)}/files`,
    file,
    { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
    isUploadedFile,
  );
}
