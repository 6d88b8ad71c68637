/**
 * The chapter editor's extension list, shared by the browser editor and the server (which
 * derives the ProseMirror schema from it and renders stored chapters to HTML). Keep it free of
 * React and of DOM access at import time: the server imports this module in Node.
 */
import type { AnyExtension } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { TableKit } from '@tiptap/extension-table';
import { CharacterCount } from '@tiptap/extensions';
import { StarterKit } from '@tiptap/starter-kit';
import type { Doc } from 'yjs';
import { DOCUMENT_FIELD } from '../protocol.ts';
import { CommentMark } from './comment.ts';
import { Figure } from './figure.ts';
import { isSafeLinkHref } from './links.ts';
import { suggestionSchemaExtensions } from './suggestions/schema.ts';

/** Heading levels a chapter may contain; the toolbar offers 2 and 3 (the chapter title sits above the text). */
export const HEADING_LEVELS = [1, 2, 3, 4] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

export interface EditorExtensionOptions {
  /**
   * Bind the editor to a Yjs document (field `default`). Collaboration brings its own undo
   * manager, which undoes only this client's changes, so StarterKit's history is always off.
   */
  collaboration?: { document: Doc; field?: string };
}

/**
 * Builds the extension list.
 * @example getSchema(createEditorExtensions()) // the chapter schema, on the server
 * @example new Editor({ extensions: [...createEditorExtensions({ collaboration: { document: doc } }), caret] })
 */
export function createEditorExtensions(opts: EditorExtensionOptions = {}): AnyExtension[] {
  const extensions: AnyExtension[] = [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [...HEADING_LEVELS] },
      codeBlock: false,
      code: false,
      horizontalRule: false,
      underline: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [],
        defaultProtocol: 'https',
        isAllowedUri: (url) => isSafeLinkHref(url),
        shouldAutoLink: (url) => isSafeLinkHref(url.includes(':') ? url : `https://${url}`),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    CharacterCount,
    CommentMark,
    // Figures: uploaded images with a text alternative and a caption (docs/figures.md).
    Figure,
    // Tracked suggestions' marks and block attribute (behaviour: SuggestionMode, client-side).
    ...suggestionSchemaExtensions,
  ];
  if (opts.collaboration) {
    extensions.push(
      Collaboration.configure({
        document: opts.collaboration.document,
        field: opts.collaboration.field ?? DOCUMENT_FIELD,
      }),
    );
  }
  return extensions;
}
