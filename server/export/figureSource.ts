/**
 * Where exports read figures' images from: the figure storage (server/storage/files.ts),
 * behind the FigureImages interface the writers take. Only files the exporting partnership
 * owns are read, as for serving them (GET /api/files/:id): a figure that names another
 * partnership's file is exported with its text alternative only.
 */
import type { Services } from '../services.ts';
import { partnershipHasFile, readStoredFile } from '../storage/files.ts';
import type { FigureImages } from './model.ts';

export function storedFigureImages(services: Services): FigureImages {
  return {
    get: (fileId, partnershipId) => (partnershipHasFile(services.db, partnershipId, fileId) ? readStoredFile(services.db, fileId) : undefined),
  };
}
