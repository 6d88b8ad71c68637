/**
 * Expected texts of exported chapters: the text blocks (paragraphs, headings, captions) of a
 * chapter as the tree reads them, and the same after accepting or rejecting every suggestion
 * with shared/suggestions/decide.ts.
 */
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { decideSuggestions, type Decision } from '../../shared/suggestions/decide.ts';
import { readTree, type TreeNode } from '../../server/render/tree.ts';
import { documentToJson } from '../../server/versions/document.ts';
import { docFromJson } from './jsonToYjs.ts';

/** Non-empty text blocks, whitespace collapsed (line breaks read as spaces). */
export function textBlocks(json: ProseMirrorJson): string[] {
  const out: string[] = [];
  let current: string | null = null;
  const visit = (n: TreeNode) => {
    if (n.kind === 'text') {
      current = (current ?? '') + n.text;
      return;
    }
    if (n.kind === 'element' && n.element === 'lineBreak') {
      current = (current ?? '') + ' ';
      return;
    }
    if (n.kind === 'element' && n.element === 'figure') {
      flush();
      if (n.figure!.caption) out.push(n.figure!.caption);
      return;
    }
    const textBlock = n.kind === 'element' && (n.element === 'paragraph' || n.element === 'heading');
    if (textBlock) flush();
    n.children.forEach(visit);
    if (textBlock) flush();
  };
  const flush = () => {
    const s = (current ?? '').replace(/\s+/g, ' ').trim();
    if (s) out.push(s);
    current = null;
  };
  readTree(json, 'clean').forEach(visit);
  flush();
  return out;
}

/** The chapter's text blocks after `decision` on every open suggestion. */
export function decidedBlocks(json: ProseMirrorJson, decision: Decision): string[] {
  const doc = docFromJson(json);
  decideSuggestions(doc, () => true, decision);
  const decided = documentToJson(doc);
  doc.destroy();
  return textBlocks(decided);
}
