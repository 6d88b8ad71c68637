/**
 * One open suggestion in the panel: kind in words, author · organisation · time, the text
 * (deleted struck through, inserted underlined — shapes, not only colour), and its actions:
 * Akceptuj / Odrzuć (reviewers), Wycofaj (its author), Skomentuj, and a link to the text.
 * A suggestion made from a consultation remark links to that remark in the register.
 */
import { useId, type CSSProperties } from 'react';
import { colorForUser } from '../collab/presence.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { cardLabel, excerpt, partTexts, type SuggestionItem } from './model.ts';
import { attributionText, authorLine } from './people.ts';
import { formatDay } from '../i18n/format.ts';
import type { ChapterSuggestions } from './useChapterSuggestions.ts';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';

export function SuggestionCard({ item, suggestions }: { item: SuggestionItem; suggestions: ChapterSuggestions }) {
  const { t, lang, formatDate } = useI18n();
  const id = useId();
  const { options, people, busy } = suggestions;
  const { deleted, inserted } = partTexts(item);
  const label = cardLabel(item);
  const kind = label.what ? t(label.key, { from: t(label.what.from), to: t(label.what.to) }) : t(label.key);
  // The card's buttons decide exactly what it shows: every part of this id by this author.
  const target = { suggestions: [{ id: item.id, authorId: item.authorId }] };
  const canReview = options.permissions.review;
  const mine = item.authorId === options.myId && options.permissions.suggest;
  return (
    <article className={`suggestion-card suggestion-card-${item.kind}`} data-suggestion-card={item.id} tabIndex={-1} aria-labelledby={`${id}-kind`} aria-describedby={`${id}-who`}
      style={{ '--suggestion-color': colorForUser(item.authorId) } as CSSProperties}>
      <h3 id={`${id}-kind`} className="suggestion-kind">
        <span aria-hidden="true" className="suggestion-kind-symbol">{item.kind === 'insert' || item.kind === 'blockInsert' ? '+' : item.kind === 'replace' ? '±' : '−'}</span>
        {kind}
      </h3>
      <p id={`${id}-who`} className="suggestion-who">
        {item.sourceAuthor
          ? t('import.fromFile', { name: item.sourceAuthor, date: formatDay(item.createdAt, lang) })
          : attributionText(people, item, formatDate, t('suggestions.unknownAuthor'))}
      </p>
      {item.fromRemark && (
        <p className="suggestion-remark">
          {options.strategyId ? (
            <AppLink href={paths.consultationRemark(options.strategyId, item.fromRemark.consultationId, item.fromRemark.number)}
              aria-label={t('suggestions.fromRemarkLink', { number: item.fromRemark.number })}>
              {t('suggestions.fromRemark', { number: item.fromRemark.number })}
            </AppLink>
          ) : t('suggestions.fromRemark', { number: item.fromRemark.number })}
        </p>
      )}
      {item.sourceAuthor && <p className="suggestion-who muted">{t('import.importedBy', { name: authorLine(people, item.authorId, t('suggestions.unknownAuthor')) })}</p>}
      <p className="suggestion-excerpt">
        {deleted && <span className="suggestion-part">{t('suggestions.deleted')} <del>„{excerpt(deleted)}”</del></span>}
        {deleted && inserted && ' '}
        {inserted && <span className="suggestion-part">{t('suggestions.inserted')} <ins>„{excerpt(inserted)}”</ins></span>}
        {!deleted && !inserted && <span className="muted">{t('suggestions.emptyBlock')}</span>}
      </p>
      <div className="suggestion-actions">
        {canReview && (
          <>
            <button type="button" className="suggestion-accept" disabled={busy} aria-describedby={`${id}-kind ${id}-who`}
              onClick={() => void suggestions.decide(target, 'accept')}>
              <span aria-hidden="true">✓ </span>{t('suggestions.accept')}
            </button>
            <button type="button" className="suggestion-reject" disabled={busy} aria-describedby={`${id}-kind ${id}-who`}
              onClick={() => void suggestions.decide(target, 'reject')}>
              <span aria-hidden="true">✕ </span>{t('suggestions.reject')}
            </button>
          </>
        )}
        {mine && (
          <button type="button" disabled={busy} aria-describedby={`${id}-kind ${id}-who`} onClick={() => void suggestions.withdraw(item)}>
            {t('suggestions.withdraw')}
          </button>
        )}
        {suggestions.comment && (
          <button type="button" aria-describedby={`${id}-kind ${id}-who`} onClick={() => suggestions.comment?.(item)}>{t('suggestions.comment')}</button>
        )}
        <button type="button" className="link-button" aria-describedby={`${id}-kind ${id}-who`} onClick={() => suggestions.select(item)}>
          {t('suggestions.show')}
        </button>
      </div>
    </article>
  );
}
