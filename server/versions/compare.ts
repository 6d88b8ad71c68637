/**
 * Comparing two versions of a chapter, or a version with the current text, word by word,
 * with the author of inserted text where the Yjs client that wrote it is known.
 */
import type { CompareResponse, PersonRef } from '../../shared/apiTypes.ts';
import type { VersionKind } from '../../shared/domain.ts';
import { notFound } from '../errors.ts';
import type { VersionRow } from '../storage/versions.ts';
import { attributedText, docFromState, type AttributedText } from './document.ts';
import { compareTexts } from './diff.ts';
import { personLookup } from './dto.ts';
import type { VersionContext } from './service.ts';

/** The id that stands for the live text. */
export const CURRENT = 'current';

interface Side {
  ref: { id: string; name: string | null; kind: VersionKind | 'current'; createdAt: string };
  text: AttributedText;
}

async function side(ctx: VersionContext, chapterId: string, id: string): Promise<Side> {
  if (id === CURRENT) {
    const text = await ctx.collab.documents.read(chapterId, attributedText);
    return { ref: { id: CURRENT, name: null, kind: 'current', createdAt: new Date(ctx.services.clock()).toISOString() }, text };
  }
  const v: VersionRow | undefined = ctx.services.stores.versions.byId(id);
  if (!v || v.chapter_id !== chapterId) throw notFound('No such version of this chapter.');
  const doc = docFromState(new Uint8Array(v.state));
  try {
    return { ref: { id: v.id, name: v.name, kind: v.kind, createdAt: new Date(v.created_at).toISOString() }, text: attributedText(doc) };
  } finally {
    doc.destroy();
  }
}

/** Compares `fromId` with `toId` (either may be "current"); both must be versions of `chapterId`. */
export async function compareVersions(ctx: VersionContext, chapterId: string, fromId: string, toId: string): Promise<CompareResponse> {
  const from = await side(ctx, chapterId, fromId);
  const to = await side(ctx, chapterId, toId);
  const authors = ctx.services.stores.documents.clientAuthors(chapterId);
  const person = personLookup(ctx.services.stores.versions);
  const authorOf = (client: number): PersonRef | undefined => person(authors.get(client) ?? null) ?? undefined;
  const { segments, counts } = compareTexts(from.text.text, to.text, authorOf);
  return {
    chapterId,
    from: from.ref,
    to: to.ref,
    segments,
    counts,
  };
}
