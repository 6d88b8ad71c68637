/**
 * The draft shown on the public consultation page: the milestone's frozen chapter versions,
 * each cut into its top-level blocks ("paragraphs", numbered from 1) rendered as HTML by the
 * one renderer (server/render/html.ts: escaped, links only http(s)/mailto). Figures are shown
 * by their caption and text alternative: their images belong to the partnership and are not
 * served to the public.
 */
import type { ProseMirrorJson } from '../../shared/apiTypes.ts';
import { escapeHtml, renderHtml } from '../render/html.ts';
import type { Services } from '../services.ts';

export interface DraftChapter {
  position: number;
  chapterId: string;
  title: string;
  versionId: string;
  paragraphs: { n: number; html: string }[];
}

function figureAsText(node: ProseMirrorJson): string {
  const attrs = (node.attrs ?? {}) as Record<string, unknown>;
  const caption = typeof attrs.caption === 'string' ? attrs.caption.trim() : '';
  const alt = typeof attrs.alt === 'string' ? attrs.alt.trim() : '';
  return `<p class="figure-text"><em>${escapeHtml(caption || 'Rycina')}</em>${alt ? ` (opis: ${escapeHtml(alt)})` : ''}</p>`;
}

/** The blocks of a version's JSON, each as HTML; empty paragraphs are skipped. */
export function paragraphsOf(json: ProseMirrorJson): { n: number; html: string }[] {
  const out: { n: number; html: string }[] = [];
  for (const node of json.content ?? []) {
    // The page's chapter titles are h2: the chapter's own headings come below them (h3–h6).
    const shifted = node.type === 'heading' ? { ...node, attrs: { ...node.attrs, level: Math.min(6, Number(node.attrs?.level ?? 1) + 2) } } : node;
    const html = node.type === 'figure' ? figureAsText(node) : renderHtml({ type: 'doc', content: [shifted] });
    if (html.replace(/<[^>]*>/g, '').trim() === '') continue;
    out.push({ n: out.length + 1, html });
  }
  return out;
}

/** The chapters of a milestone in order, with their frozen text. */
export function milestoneChapters(services: Services, milestoneId: string, withText = true): DraftChapter[] {
  const { versions } = services.stores;
  return versions.milestoneVersions(milestoneId).map((v, i) => {
    let paragraphs: { n: number; html: string }[] = [];
    if (withText) {
      const row = versions.byId(v.id);
      paragraphs = row ? paragraphsOf(JSON.parse(row.json) as ProseMirrorJson) : [];
    }
    return { position: i + 1, chapterId: v.chapter_id, title: v.title, versionId: v.id, paragraphs };
  });
}
