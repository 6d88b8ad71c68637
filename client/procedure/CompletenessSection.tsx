/**
 * „Kompletność strategii”: each statutory element with its chapter, its state in words and
 * what was checked in the text; coordinators may choose another chapter (or none) per element.
 */
import { useEffect, useState } from 'react';
import type { StrategyDto } from '../../shared/apiTypes.ts';
import type { CompletenessDto, CompletenessElementDto, ElementCheckResult } from '../../shared/procedure/api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/pl.ts';
import { AppLink } from '../router/router.tsx';
import { paths } from '../router/routes.ts';
import { useAnnounce } from '../ui/Announcer.tsx';
import { LoadStatus } from '../ui/LoadStatus.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { useLoad } from '../versions/useLoad.ts';
import { completenessApi } from './api.ts';

function CheckLine({ result }: { result: ElementCheckResult }) {
  const { t } = useI18n();
  const missing = result.missing.map((m) => t(`completeness.missing.${m}` as MessageKey)).join(', ');
  return (
    <li>
      <span className="procedure-state">{t(result.passed ? 'completeness.checkPassed' : 'completeness.checkFailed')}</span>{' '}
      {t(`completeness.check.${result.check}`)}
      {missing && <span> {t('completeness.missingList', { missing })}</span>}
    </li>
  );
}

function ElementItem({ element, chapters, canEdit, onChoose }: {
  element: CompletenessElementDto;
  chapters: StrategyDto['chapters'];
  canEdit: boolean;
  onChoose: (chapterId: string | null) => void;
}) {
  const { t } = useI18n();
  const selectId = `element-${element.key}`;
  return (
    <li className={`completeness-element ${element.complete ? 'is-complete' : 'is-incomplete'}`}>
      <h3 className="completeness-name">
        <span aria-hidden="true">{element.complete ? '✓ ' : '✗ '}</span>
        {t(`completeness.element.${element.key}`)}
        <span className="visually-hidden"> — {t(element.complete ? 'completeness.complete' : 'completeness.incomplete')}</span>
      </h3>
      <p>
        {t('completeness.state')}: <strong>{t(`completeness.state.${element.state}`)}</strong>
        {element.chapter && (
          <> · {t('completeness.chapter')}: <AppLink href={paths.chapter(element.chapter.id)}>{element.chapter.title}</AppLink></>
        )}
      </p>
      {element.checks.length > 0 && element.chapter && <ul className="completeness-checks">{element.checks.map((c) => <CheckLine key={c.check} result={c} />)}</ul>}
      {canEdit && (
        <p className="completeness-choose">
          <label htmlFor={selectId}>{t('completeness.chooseChapter')}</label>{' '}
          <select id={selectId} value={element.chapter?.id ?? ''} onChange={(e) => onChoose(e.target.value || null)}>
            <option value="">{t('completeness.noChapter')}</option>
            {chapters.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </p>
      )}
    </li>
  );
}

export function CompletenessSection({ strategyId, chapters }: { strategyId: string; chapters: StrategyDto['chapters'] }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { error, run } = useApiAction();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => completenessApi.get(strategyId), [strategyId, attempt]);
  const [dto, setDto] = useState<CompletenessDto | null>(null);
  useEffect(() => setDto(loaded.status === 'ready' ? loaded.value : null), [loaded]);

  const choose = async (key: string, chapterId: string | null) => {
    const saved = await run(() => completenessApi.update(strategyId, { chapters: { [key]: chapterId } }));
    if (saved) {
      setDto(saved);
      announce(t('completeness.saved', { count: saved.completeCount, total: saved.total }));
    }
  };

  return (
    <section aria-labelledby="completeness-title" className="card">
      <h2 id="completeness-title">{t('completeness.title')}</h2>
      <LoadStatus state={loaded} onRetry={() => setAttempt((n) => n + 1)} />
      {dto && (
        <>
          <p><strong>{t('completeness.count', { count: dto.completeCount, total: dto.total })}</strong></p>
          <p className="muted">{t('completeness.rule')}</p>
          {error && <p role="alert" className="form-error">{error}</p>}
          <ol className="completeness-list">
            {dto.elements.map((e) => (
              <ElementItem key={e.key} element={e} chapters={chapters} canEdit={dto.canEdit} onChoose={(id) => void choose(e.key, id)} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
