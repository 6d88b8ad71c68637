/**
 * The `figure` block: an uploaded image (by file id, see shared/files.ts) with a required
 * text alternative and an optional caption. An atom: its text lives in attributes, so the
 * server's change check sees any change of alt, caption or file as an attribute change, and
 * an expert proposes a figure as a whole block (block suggestion, like a paragraph).
 *
 * HTML: `<figure data-file-id="…"><img src="/api/files/…" alt="…" width="…" height="…">
 * <figcaption>…</figcaption></figure>` (no figcaption when the caption is empty). Kept free of
 * DOM access at import time (the server imports it).
 */
import { Node, mergeAttributes } from '@tiptap/core';
import { fileUrl, isFileId } from '../files.ts';
import { FIGURE_NODE, figureDimension as dimension, figurePlainText, type FigureAttrs } from './figureAttrs.ts';

export { FIGURE_NODE, asFigureAttrs, figurePlainText, type FigureAttrs } from './figureAttrs.ts';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a figure at the selection (as a block of its own). */
      insertFigure: (attrs: FigureAttrs) => ReturnType;
      /** Changes the text alternative and caption of the selected figure. */
      updateFigure: (attrs: Pick<FigureAttrs, 'alt' | 'caption'>) => ReturnType;
    };
  }
}

const text = (el: HTMLElement, selector: string, attr?: string): string => {
  const found = el.querySelector(selector);
  if (!found) return '';
  return (attr ? found.getAttribute(attr) : found.textContent) ?? '';
};

export const Figure = Node.create({
  name: FIGURE_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      fileId: { default: '', rendered: false, parseHTML: (el) => el.getAttribute('data-file-id') ?? '' },
      alt: { default: '', rendered: false, parseHTML: (el) => text(el, 'img', 'alt') },
      caption: { default: '', rendered: false, parseHTML: (el) => text(el, 'figcaption').trim() },
      width: { default: 0, rendered: false, parseHTML: (el) => dimension(text(el, 'img', 'width')) ?? 0 },
      height: { default: 0, rendered: false, parseHTML: (el) => dimension(text(el, 'img', 'height')) ?? 0 },
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-file-id]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const a = node.attrs as Partial<FigureAttrs>;
    const fileId = isFileId(a.fileId) ? a.fileId : '';
    const img: Record<string, string | number> = { alt: typeof a.alt === 'string' ? a.alt : '' };
    if (fileId) img.src = fileUrl(fileId);
    const width = dimension(a.width);
    const height = dimension(a.height);
    if (width && height) Object.assign(img, { width, height });
    const outer = mergeAttributes(HTMLAttributes, { 'data-file-id': fileId });
    const caption = typeof a.caption === 'string' ? a.caption : '';
    return caption ? ['figure', outer, ['img', img], ['figcaption', {}, caption]] : ['figure', outer, ['img', img]];
  },

  renderText({ node }) {
    return figurePlainText(node.attrs);
  },

  addCommands() {
    return {
      insertFigure:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { ...attrs } }),
      updateFigure:
        (attrs) =>
        ({ commands }) =>
          commands.updateAttributes(this.name, { alt: attrs.alt, caption: attrs.caption }),
    };
  },
});
