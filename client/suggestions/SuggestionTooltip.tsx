/**
 * Who suggested this: hovering a suggestion, or moving the caret into one, shows
 * „Sugestia: wstawienie” and „Anna Nowak · Gmina i Miasto Tuczno · 26 listopada 2026, 14:03”
 * next to it. For keyboard and screen-reader users the text box is described by the tooltip
 * (aria-describedby) while the caret is in a suggestion, and entering a suggestion by moving
 * the caret is announced politely once. Escape hides it; the mouse may move onto it (WCAG 1.4.13).
 */
import type { Editor } from '@tiptap/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { suggestionAtElement, suggestionAtPos, type SuggestionHit } from './at.ts';
import { hitLabel } from './model.ts';
import { attributionText, authorLine, type PeopleDirectory } from './people.ts';
import { formatDay } from '../i18n/format.ts';
import './suggestions.css';

interface Shown {
  hit: SuggestionHit;
  top: number;
  left: number;
  /** Shown on screen (a caret tooltip hides while its author types, so it never covers the words). */
  visible: boolean;
}

/** How long the tooltip stays after the mouse leaves (so it can be reached with the mouse). */
const HIDE_DELAY_MS = 300;

export function SuggestionTooltip({ editor, people }: { editor: Editor; people: PeopleDirectory }) {
  const { t, lang, formatDate } = useI18n();
  const announce = useAnnounce();
  const id = useId();
  const [hover, setHover] = useState<Shown | null>(null);
  const [caret, setCaret] = useState<Shown | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastCaretId = useRef<string | null>(null);
  const describe = (hit: SuggestionHit) => ({
    kind: t('suggestions.hoverKind', { kind: t(hitLabel(hit.kind, hit.target)) }),
    // Made from a consultation remark: named here; the card in „Sugestie” links to it.
    remark: hit.fromRemark ? t('suggestions.fromRemark', { number: hit.fromRemark.number }) : null,
    who: hit.sourceAuthor
      ? `${t('import.fromFile', { name: hit.sourceAuthor, date: formatDay(hit.createdAt, lang) })} · ${t('import.importedBy', { name: authorLine(people, hit.authorId, t('suggestions.unknownAuthor')) })}`
      : attributionText(people, hit, formatDate, t('suggestions.unknownAuthor')),
  });
  const describeRef = useRef(describe);
  describeRef.current = describe;

  // Mouse: the <ins>/<del> or suggested block under the pointer.
  useEffect(() => {
    const dom = editor.view.dom;
    const onOver = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const hit = suggestionAtElement(target, dom);
      if (!hit || !target) return;
      clearTimeout(hideTimer.current);
      const el = target.closest('[data-suggestion-id],[data-suggestion]') ?? target;
      const r = el.getBoundingClientRect();
      setDismissed(false);
      setHover({ hit, top: r.bottom + 6, left: r.left, visible: true });
    };
    const onOut = (event: MouseEvent) => {
      const to = event.relatedTarget instanceof Element ? event.relatedTarget : null;
      if (to && suggestionAtElement(to, dom)) return;
      clearTimeout(hideTimer.current);
      hideTimer.current = setTimeout(() => setHover(null), HIDE_DELAY_MS);
    };
    dom.addEventListener('mouseover', onOver);
    dom.addEventListener('mouseout', onOut);
    return () => {
      dom.removeEventListener('mouseover', onOver);
      dom.removeEventListener('mouseout', onOut);
      clearTimeout(hideTimer.current);
    };
  }, [editor]);

  // Caret: the suggestion at the selection's head while the text has focus.
  useEffect(() => {
    const update = ({ transaction }: { transaction?: { docChanged: boolean } }) => {
      if (editor.isDestroyed) return;
      const { state, view } = editor;
      const hit = view.hasFocus() ? suggestionAtPos(state.doc, state.selection.head) : null;
      if (!hit) {
        lastCaretId.current = null;
        setCaret(null);
        return;
      }
      let top = 0;
      let left = 0;
      try {
        const c = view.coordsAtPos(state.selection.head);
        top = c.bottom + 6;
        left = c.left;
      } catch {
        // Positions can be briefly out of range while the view updates; keep the tooltip at the corner.
      }
      setDismissed(false);
      setCaret({ hit, top, left, visible: !transaction?.docChanged });
      // Announce entering a suggestion by moving the caret (not while typing one's own).
      if (hit.id !== lastCaretId.current && !transaction?.docChanged) {
        const d = describeRef.current(hit);
        announce(`${d.kind}. ${d.who}${d.remark ? `. ${d.remark}` : ''}`);
      }
      lastCaretId.current = hit.id;
    };
    const onBlur = () => {
      lastCaretId.current = null;
      setCaret(null);
    };
    // Scrolling moves the text under a fixed tooltip: place the caret's again, drop the mouse's.
    const onScroll = () => {
      setHover(null);
      setCaret((prev) => {
        if (!prev || editor.isDestroyed) return prev;
        try {
          const c = editor.view.coordsAtPos(editor.state.selection.head);
          return { ...prev, top: c.bottom + 6, left: c.left };
        } catch {
          return prev;
        }
      });
    };
    editor.on('selectionUpdate', update);
    editor.on('focus', update);
    editor.on('blur', onBlur);
    window.addEventListener('scroll', onScroll, true);
    return () => {
      editor.off('selectionUpdate', update);
      editor.off('focus', update);
      editor.off('blur', onBlur);
      window.removeEventListener('scroll', onScroll, true);
    };
  }, [editor, announce]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setDismissed(true);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const shown = dismissed ? null : (hover ?? (caret?.visible ? caret : null));
  // The text box is described by the tooltip while the caret is in a suggestion.
  const describedByCaret = !!caret && !dismissed;
  useEffect(() => {
    if (editor.isDestroyed) return;
    const dom = editor.view.dom;
    if (describedByCaret) dom.setAttribute('aria-describedby', id);
    else if (dom.getAttribute('aria-describedby') === id) dom.removeAttribute('aria-describedby');
  }, [editor, describedByCaret, id]);

  if (!shown && !describedByCaret) return null;
  const d = describe((shown ?? caret)!.hit);
  return (
    <div id={id} role="tooltip" className="suggestion-tooltip" hidden={!shown}
      style={shown ? { top: shown.top, left: shown.left } : undefined}
      onMouseEnter={() => clearTimeout(hideTimer.current)}
      onMouseLeave={() => setHover(null)}>
      <span className="suggestion-tooltip-kind">{d.kind}</span>
      <span className="suggestion-tooltip-who">{d.who}</span>
      {d.remark && <span className="suggestion-tooltip-remark">{d.remark}</span>}
    </div>
  );
}
