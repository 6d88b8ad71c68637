/**
 * Keeps remote changes from scrolling the page. y-tiptap asks ProseMirror to scroll the
 * selection into view after every change it applies from Yjs, which forces a layout of the
 * whole chapter on each keystroke of every remote writer (bench: 8.5 % of the page's main
 * thread with 20 writers) and moves the page under a reader. Only local changes scroll.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

const key = new PluginKey<boolean>('remoteScrollGuard');

export const RemoteScrollGuard = Extension.create({
  name: 'remoteScrollGuard',
  addProseMirrorPlugins() {
    return [
      new Plugin<boolean>({
        key,
        state: {
          init: () => false,
          // true when the latest transaction came from Yjs (another person's change)
          apply: (tr) => tr.getMeta(ySyncPluginKey) !== undefined,
        },
        props: {
          handleScrollToSelection: (view) => key.getState(view.state) === true,
        },
      }),
    ];
  },
});
