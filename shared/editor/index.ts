/** The chapter editor's schema definition shared by client and server. */
export { createEditorExtensions, HEADING_LEVELS } from './extensions.ts';
export type { EditorExtensionOptions, HeadingLevel } from './extensions.ts';
export { ALLOWED_LINK_PROTOCOLS, isSafeLinkHref, normalizeLinkInput } from './links.ts';
export { Figure } from './figure.ts';
export { FIGURE_NODE, asFigureAttrs, figurePlainText, figureDimension } from './figureAttrs.ts';
export type { FigureAttrs } from './figureAttrs.ts';
