/**
 * Several TipTap editors, each on its own Y.Doc, connected through a "server" Y.Doc that
 * judges every update with the server's own change check (applyAndJudge) before relaying it.
 */
import { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import * as Y from 'yjs';
import { applyAndJudge, type ChangeActor } from '../../../server/collab/changeCheck.ts';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';
import { SuggestionMode } from '../../../shared/editor/suggestions/index.ts';

const FROM_SERVER = Symbol('server');

export interface Peer {
  name: string;
  userId: string;
  doc: Y.Doc;
  editor: Editor;
  actor: ChangeActor;
}

export interface Refusal {
  peer: string;
  why: string;
}

export function expertActor(userId: string): ChangeActor {
  return { userId, permissions: { comment: true, suggest: true, edit: false } };
}

export function editorActor(userId: string): ChangeActor {
  return { userId, permissions: { comment: true, suggest: true, edit: true } };
}

/** A relay with a judging server document. */
export class Network {
  readonly server = new Y.Doc();
  readonly peers: Peer[] = [];
  readonly refusals: Refusal[] = [];

  /** Adds a peer (its document starts as the server's) with suggesting mode as given. */
  join(name: string, actor: ChangeActor, suggesting: boolean): Peer {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server), FROM_SERVER);
    const editor = new Editor({
      extensions: [
        ...createEditorExtensions({ collaboration: { document: doc } }),
        SuggestionMode.configure({ user: () => ({ id: actor.userId }), initiallyOn: suggesting }),
      ],
    });
    const peer: Peer = { name, userId: actor.userId, doc, editor, actor };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER) this.deliver(peer, update);
    });
    this.peers.push(peer);
    return peer;
  }

  /** The server receives `update` from `from`: judged, then relayed to the other peers. */
  deliver(from: Peer, update: Uint8Array): void {
    const verdict = applyAndJudge(this.server, update, from.actor);
    if (!verdict.ok) {
      this.refusals.push({ peer: from.name, why: verdict.item });
      return;
    }
    for (const other of this.peers) if (other !== from) Y.applyUpdate(other.doc, update, FROM_SERVER);
  }

  destroy(): void {
    for (const p of this.peers) p.editor.destroy();
  }
}

/** Document position of `needle` (+ offset) in the first textblock whose text contains it. */
export function posOf(editor: Editor, needle: string, offset = 0, nth = 0): number {
  let found = -1;
  let seen = 0;
  editor.state.doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (!node.isTextblock) return true;
    let from = 0;
    for (;;) {
      const i = node.textContent.indexOf(needle, from);
      if (i < 0) break;
      if (seen++ === nth) {
        found = pos + 1 + i + offset;
        break;
      }
      from = i + 1;
    }
    return false;
  });
  if (found < 0) throw new Error(`"${needle}" not found in ${editor.getText()}`);
  return found;
}

export function setCursor(editor: Editor, pos: number): void {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
}

export function select(editor: Editor, from: number, to: number): void {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, from, to)));
}

/** Types like the keyboard does: one insertText transaction per character. */
export function type(editor: Editor, text: string): void {
  for (const ch of text) editor.view.dispatch(editor.state.tr.insertText(ch));
}

/**
 * Presses a key. ProseMirror leaves deleting a character to the browser (its keymap only
 * joins blocks and deletes selections); the DOM observer then reports the removed
 * character as one transaction. Without a browser, that transaction is dispatched here.
 */
export function press(editor: Editor, key: string, times = 1): void {
  for (let i = 0; i < times; i++) {
    const { selection } = editor.state;
    const $pos = selection.$head;
    if (selection.empty && key === 'Backspace' && $pos.parentOffset > 0) {
      editor.view.dispatch(editor.state.tr.delete($pos.pos - 1, $pos.pos));
    } else if (selection.empty && key === 'Delete' && $pos.parentOffset < $pos.parent.content.size) {
      editor.view.dispatch(editor.state.tr.delete($pos.pos, $pos.pos + 1));
    } else {
      editor.commands.keyboardShortcut(key);
    }
  }
}

/** Text of the document with insertions as [+…] and deletions as [-…], blocks on lines. */
export function marked(doc: PMNode): string {
  const lines: string[] = [];
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    let line = '';
    node.forEach((c) => {
      const ins = c.marks.some((m) => m.type.name === 'suggestionInsert');
      const del = c.marks.some((m) => m.type.name === 'suggestionDelete');
      const t = c.text ?? '⏎';
      line += ins && del ? `[+-${t}]` : ins ? `[+${t}]` : del ? `[-${t}]` : t;
    });
    lines.push(line);
    return false;
  });
  return lines.join('\n');
}

/** Block suggestion types by textblock, e.g. ['', 'delete', 'insert']. */
export function blockMarks(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    out.push((node.attrs.suggestion as { type?: string } | null)?.type ?? '');
    return false;
  });
  return out;
}

/** A network with an editor (direct edits) who wrote `html`, and two experts, Anna and Bartek. */
export function editorAndTwoExperts(html: string) {
  const net = new Network();
  const ed = net.join('editor', editorActor('u-editor'), false);
  ed.editor.commands.setContent(html);
  const anna = net.join('anna', expertActor('u-anna'), true);
  const bartek = net.join('bartek', expertActor('u-bartek'), true);
  return { net, ed, anna, bartek };
}
