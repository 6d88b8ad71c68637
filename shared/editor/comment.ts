/**
 * The comment anchor: the mark `comment` {threadId} over the words a discussion thread is
 * about (docs/comments.md, shared/annotations.ts). Part of the shared schema so the server's
 * change check and every editor agree on it.
 *
 * - `excludes: ''`: anchors of different threads may overlap; y-tiptap then stores each one
 *   under its own Yjs formatting key `comment--<hash>`.
 * - `inclusive: false`: typing at either edge of a passage does not extend the thread.
 * - No parse rules: text pasted from a chapter never carries another thread's anchor (a copy
 *   would make two passages claim one thread).
 * - Rendered as a bare span with the thread id; the client's decorations (not this mark)
 *   decide how open, resolved and active threads look.
 */
import { Mark } from '@tiptap/core';
import { COMMENT_MARK, asThreadId } from '../annotations.ts';

/** The `comment` mark. */
export const CommentMark = Mark.create({
  name: COMMENT_MARK,
  excludes: '',
  inclusive: false,
  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: () => null,
        renderHTML: (attrs: Record<string, unknown>) => {
          const id = asThreadId(attrs.threadId);
          return id ? { 'data-comment-thread': id } : {};
        },
      },
    };
  },
  parseHTML() {
    return [];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', { ...HTMLAttributes, class: 'comment-anchor' }, 0];
  },
});
