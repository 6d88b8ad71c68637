/**
 * Code that runs inside the Chromium page (given to page.evaluate as source text, so that the
 * TypeScript toolchain never rewrites it). It measures one keystroke at a time:
 *
 *   t0    = the keydown event's timeStamp: when the browser created the event, i.e. when the
 *           key reached the page, before any queueing behind remote updates on the main thread;
 *   dom   = the MutationObserver callback that first sees the typed character in the target
 *           paragraph (ProseMirror has applied the keystroke to the DOM);
 *   paint = a requestAnimationFrame after that mutation, then a MessageChannel message: the rAF
 *           callback runs just before the frame is rendered, the message right after it, so
 *           this is the end of the frame that shows the character.
 *
 * Only the typed character counts: the probe watches how often `KEY` occurs in the first
 * paragraph (remote writers type elsewhere), so a remote mutation is never taken for it.
 */

/** The key pressed in the measurements. */
export const KEY = 'x';

/** Installs window.__keyProbe on the open chapter. */
export const INSTALL_PROBE = `(() => {
  const KEY = ${JSON.stringify(KEY)};
  const editor = document.querySelector('#chapter-text');
  if (!editor) throw new Error('no #chapter-text');
  const count = () => {
    const p = editor.firstElementChild;
    const text = p ? p.textContent || '' : '';
    let n = 0;
    for (const ch of text) if (ch === KEY) n++;
    return n;
  };
  const samples = [];
  let pending = null;
  window.addEventListener('keydown', (e) => {
    if (e.key !== KEY) return;
    pending = { t0: e.timeStamp, handler: performance.now(), before: count(), dom: null };
  }, true);
  const observer = new MutationObserver(() => {
    const p = pending;
    if (!p || p.dom !== null || count() <= p.before) return;
    p.dom = performance.now();
    requestAnimationFrame(() => {
      const raf = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        samples.push({ queueMs: p.handler - p.t0, domMs: p.dom - p.t0, rafMs: raf - p.t0, paintMs: performance.now() - p.t0 });
        pending = null;
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(editor, { childList: true, subtree: true, characterData: true });
  window.__keyProbe = { done: () => samples.length, take: () => samples.splice(0) };
})()`;

/** One keystroke's timings, ms after its keydown event. */
export interface KeySample { queueMs: number; domMs: number; rafMs: number; paintMs: number }

/** True once the chapter is editable and its text ends with `tail` (the whole chapter is shown). */
export const chapterReady = (tail: string) => `(() => {
  const editor = document.querySelector('#chapter-text');
  return !!editor && editor.getAttribute('contenteditable') === 'true' && (editor.textContent || '').includes(${JSON.stringify(tail)});
})()`;

/** Number of KEY characters in the first paragraph. */
export const KEY_COUNT = `(() => {
  const p = document.querySelector('#chapter-text')?.firstElementChild;
  let n = 0;
  for (const ch of (p?.textContent || '')) if (ch === ${JSON.stringify(KEY)}) n++;
  return n;
})()`;
