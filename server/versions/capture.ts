/**
 * Captures a chapter document as a version's content: the full encoded state, the editor's
 * JSON, the rendered HTML and the hex SHA-256 of that HTML's UTF-8 bytes.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { renderHtml } from '../render/html.ts';
import { documentToJson } from './document.ts';

export interface CapturedContent {
  /** Y.encodeStateAsUpdate of the live (garbage-collected) document. */
  state: Uint8Array;
  json: ProseMirrorJson;
  html: string;
  sha256: string;
}

/** Hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads everything a version stores from a document. Synchronous: call inside documents.read. */
export function captureContent(doc: Y.Doc): CapturedContent {
  const json = documentToJson(doc);
  const html = renderHtml(json);
  return { state: Y.encodeStateAsUpdate(doc), json, html, sha256: sha256Hex(html) };
}
