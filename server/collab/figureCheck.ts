/**
 * Every figure in a chapter stays a readable figure, whoever writes: an image that names a
 * stored file by its hash, its size, and a non-empty text alternative within the limits
 * (shared/editor/figureAttrs.ts). The editor's dialog never makes anything else, but a
 * hand-written client could insert a figure without a text alternative, which WCAG and the
 * exports require, or blank one out later; such an update is refused for editors too.
 */
import * as Y from 'yjs';
import { FIGURE_NODE, asFigureAttrs } from '../../shared/editor/figureAttrs.ts';
import { newItems } from './structCheck.ts';

/** The figure an item belongs to: the figure itself, or the figure whose attribute it holds. */
function figureOf(item: Y.Item): Y.XmlElement | null {
  if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement) {
    return item.content.type.nodeName === FIGURE_NODE ? item.content.type : null;
  }
  const parent = item.parent;
  return item.parentSub !== null && parent instanceof Y.XmlElement && parent.nodeName === FIGURE_NODE ? parent : null;
}

/** Describes the first figure a transaction left unreadable, or returns null. */
export function invalidFigure(tr: Y.Transaction): string | null {
  const touched = new Set<Y.XmlElement>();
  for (const item of newItems(tr)) {
    const figure = figureOf(item);
    if (figure) touched.add(figure);
  }
  // Removing an attribute adds nothing: look at what was deleted too.
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (struct instanceof Y.Item) {
      const figure = figureOf(struct);
      if (figure) touched.add(figure);
    }
  });
  for (const figure of touched) {
    if (figure._item?.deleted) continue;
    if (!asFigureAttrs(figure.getAttributes())) return 'a figure without a stored image, its size or a text alternative';
  }
  return null;
}
