/**
 * Uploaded files (figures in chapters): what client and server agree on. A file is named by
 * the lowercase hex SHA-256 of its stored bytes (the cleaned, re-encoded image) and served at
 * `/api/files/<fileId>` to members of a partnership that owns it.
 */
/** Image types a figure may hold. SVG is refused (see docs/figures.md). */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_MIME_TYPES)[number];

/** The `accept` attribute of the file input. */
export const IMAGE_ACCEPT = IMAGE_MIME_TYPES.join(',');

/** Path prefix the files are served under. */
export const FILE_URL_PREFIX = '/api/files/';

const FILE_ID = /^[0-9a-f]{64}$/;

/** Whether `value` has the form of a file id (64 lowercase hex digits). */
export function isFileId(value: unknown): value is string {
  return typeof value === 'string' && FILE_ID.test(value);
}

/** The address of a stored file. */
export function fileUrl(fileId: string): string {
  return `${FILE_URL_PREFIX}${fileId}`;
}

/** The answer to an upload. */
export interface UploadedFileDto {
  fileId: string;
  width: number;
  height: number;
  mime: ImageMime;
}
