/**
 * Writing a comment: a labelled text area (line breaks kept; Ctrl+Enter sends) with @mention
 * autocomplete. Typing "@" and part of a name lists matching partnership members in a listbox
 * the text area controls (aria-activedescendant); arrows choose, Enter or Tab inserts
 * "@Imię Nazwisko", Escape closes. The ids of people still named in the text are sent.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PersonRef } from '../../shared/apiTypes.ts';
import { Limits } from '../../shared/limits.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormError } from '../ui/FormError.tsx';
import { insertMention, mentionIdsIn, mentionQueryAt, type MentionQuery } from './mentions.ts';
import { useMentionSearch } from './useMentionSearch.ts';

export interface ComposerProps {
  partnershipId: string;
  label: string;
  submitLabel: string;
  initialBody?: string;
  initialMentions?: PersonRef[];
  busy: boolean;
  error: string | null;
  autoFocus?: boolean;
  onSubmit(body: string, mentions: string[]): void | Promise<void>;
  onCancel?(): void;
}

export function Composer(props: ComposerProps) {
  const { t } = useI18n();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(props.initialBody ?? '');
  const [chosen, setChosen] = useState<PersonRef[]>(props.initialMentions ?? []);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const people = useMentionSearch(props.partnershipId, mention?.query ?? null);
  const open = mention !== null && people !== null;
  const listId = `${id}-mentions`;
  const optionId = (i: number) => `${id}-mention-${i}`;
  const mentioned = useMemo(() => chosen.filter((p) => mentionIdsIn(body, [p]).length > 0), [chosen, body]);

  const track = (text: string, caret: number) => {
    const next = mentionQueryAt(text, caret);
    setMention(next);
    if (next?.query !== mention?.query) setActive(0);
  };

  const choose = (person: PersonRef) => {
    const el = area.current;
    if (!mention || !el) return;
    const result = insertMention(body, mention, el.selectionStart, person);
    setBody(result.text);
    setChosen((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]));
    setMention(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(result.caret, result.caret);
    });
  };

  const submit = () => {
    if (!body.trim() || props.busy) return;
    void props.onSubmit(body, mentionIdsIn(body, chosen));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && people.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + people.length) % people.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(people[Math.min(active, people.length - 1)]);
        return;
      }
    }
    if (event.key === 'Escape' && mention) {
      event.preventDefault();
      event.stopPropagation();
      setMention(null);
      return;
    }
    if (event.key === 'Escape' && props.onCancel) {
      event.preventDefault();
      props.onCancel();
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form className="comment-composer" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <label htmlFor={`${id}-body`}>{props.label}</label>
      <div className="mention-anchor">
        <textarea
          id={`${id}-body`}
          ref={area}
          value={body}
          rows={3}
          maxLength={Limits.maxCommentLength}
          autoFocus={props.autoFocus}
          aria-describedby={`${id}-hint`}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open && people.length > 0 ? optionId(Math.min(active, people.length - 1)) : undefined}
          onChange={(e) => {
            setBody(e.target.value);
            track(e.target.value, e.target.selectionStart);
          }}
          onSelect={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setMention(null), 150)}
        />
        {open && (
          <ul id={listId} role="listbox" className="mention-list" aria-label={t('comments.mentionList')}>
            {people.map((p, i) => (
              <li key={p.id} id={optionId(i)} role="option" aria-selected={i === active}
                className={i === active ? 'mention-option active' : 'mention-option'}
                onMouseDown={(e) => { e.preventDefault(); choose(p); }}>
                {p.name} <span className="muted">· {p.organization}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id={`${id}-hint`} className="muted composer-hint">{t('comments.composerHint')}</p>
      <p className="visually-hidden" aria-live="polite">
        {open ? (people.length > 0 ? t('comments.mentionCount', { count: people.length }) : t('comments.mentionNone', { query: mention?.query ?? '' })) : ''}
      </p>
      {open && people.length === 0 && <p className="muted">{t('comments.mentionNone', { query: mention?.query ?? '' })}</p>}
      {mentioned.length > 0 && <p className="muted">{t('comments.mentioned', { names: mentioned.map((p) => p.name).join(', ') })}</p>}
      <FormError message={props.error} />
      <div className="composer-actions">
        <button type="submit" className="button-primary" aria-disabled={!body.trim() || props.busy || undefined}>
          {props.busy ? t('comments.sending') : props.submitLabel}
        </button>
        {props.onCancel && <button type="button" onClick={props.onCancel}>{t('app.cancel')}</button>}
      </div>
    </form>
  );
}
