/**
 * Reads what a (stopped or killed) server left in its database: SQLite's integrity check
 * and each chapter's stored document, exactly as the server would load it.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '../../../server/storage/db.ts';
import { createDocumentStore, type DocumentStore, type LoadedDocument } from '../../../server/storage/documents.ts';

export interface StoredSnapshot {
  integrity: string;
  docs: Map<string, Y.Doc>;
  /** Update-log rows and whether a state row exists, per chapter. */
  rows: Map<string, { updates: number; hasState: boolean }>;
}

export function readStoredDocs(dataDir: string, chapterIds: readonly string[]): StoredSnapshot {
  const db = openDatabase({ path: path.join(dataDir, 'strategia.db') });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const store = createDocumentStore(db);
    const docs = new Map<string, Y.Doc>();
    const rows = new Map<string, { updates: number; hasState: boolean }>();
    for (const id of chapterIds) {
      const loaded = store.load(id);
      docs.set(id, docFrom(loaded));
      rows.set(id, { updates: loaded.updates.length, hasState: loaded.state !== null });
    }
    return { integrity, docs, rows };
  } finally {
    db.close();
  }
}

/** A chapter's stored document, read as a restart would (state row plus later updates). */
export function storedDoc(store: DocumentStore, chapterId: string): Y.Doc {
  return docFrom(store.load(chapterId));
}

function docFrom(loaded: LoadedDocument): Y.Doc {
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return doc;
}
