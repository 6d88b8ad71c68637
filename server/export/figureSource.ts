/**
 * Where exports read figures' images from: the figure storage (server/storage/files.ts,
 * `readStoredFile(db, fileId)`), behind the FigureImages interface the writers take.
 */
import type { Services } from '../services.ts';
import type { FigureImages, StoredImage } from './model.ts';

/** Reads one stored file by its content hash (the figure storage's reader). */
export type ReadStoredFile = (db: Services['db'], fileId: string) => StoredImage | undefined;

/**
 * The figure storage's reader. Until the figure feature is merged there is no file storage,
 * so no image is found and figures are exported with their text alternative only.
 */
export const readStoredFileForExport: ReadStoredFile = () => undefined;

export function storedFigureImages(services: Services, read: ReadStoredFile = readStoredFileForExport): FigureImages {
  return { get: (fileId) => read(services.db, fileId) };
}
