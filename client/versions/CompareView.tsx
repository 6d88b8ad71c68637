/**
 * Two versions (or a version and the current text) compared, in a dialog: a summary with the
 * number of changes, the text with insertions and deletions inline, and the list of changes
 * with who made each insertion where the server knows it.
 */
import { useId } from 'react';
import type { CompareResponse } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CompareText } from './CompareText.tsx';
import { changeItems, compareSummary } from './compareModel.ts';
import { kindLabel, personLabel, versionTitle } from './labels.ts';
import { Modal } from './Modal.tsx';
import { useLoad } from './useLoad.ts';

export function ChangeList({ result }: { result: CompareResponse }) {
  const { t } = useI18n();
  const items = changeItems(result.segments);
  if (items.length === 0) return null;
  return (
    <details className="change-list">
      <summary>{t('versions.changeList', { count: items.length })}</summary>
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            <span className={item.op === 'insert' ? 'change-ins' : 'change-del'}>
              {t(item.op === 'insert' ? 'versions.change.inserted' : 'versions.change.deleted', { text: item.text })}
            </span>
            {item.author && <span className="muted"> — {personLabel(t, item.author)}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function CompareResult({ result }: { result: CompareResponse }) {
  const { t, lang, formatDate } = useI18n();
  const textId = useId();
  const side = (s: CompareResponse['from']) => `${versionTitle(t, formatDate, s)} (${kindLabel(t, s.kind)})`;
  return (
    <>
      <p>{t('versions.compare.between', { from: side(result.from), to: side(result.to) })}</p>
      <p className="compare-summary" role="status">{compareSummary(t, lang, result.counts)}</p>
      <p className="muted diff-legend">
        <ins className="diff-ins">{t('versions.legend.inserted')}</ins> · <del className="diff-del">{t('versions.legend.deleted')}</del>
      </p>
      <h3 id={textId} className="visually-hidden">{t('versions.compare.textHeading')}</h3>
      <CompareText segments={result.segments} labelledBy={textId} />
      <ChangeList result={result} />
    </>
  );
}

export function CompareView({ chapterId, from, to, onClose }: { chapterId: string; from: string; to: string; onClose: () => void }) {
  const { t } = useI18n();
  const state = useLoad(() => api.compare(chapterId, from, to), [chapterId, from, to]);
  return (
    <Modal title={t('versions.compare.title')} onClose={onClose} size="wide">
      {state.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.status === 'error' && <p role="alert" className="form-error">{t(errorMessageKey(state.error))}</p>}
      {state.status === 'ready' && <CompareResult result={state.value} />}
    </Modal>
  );
}
