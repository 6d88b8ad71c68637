/**
 * Under a strategy on the dashboard: how many chapters are frozen (the strategy's state in
 * words), the strategy's milestones with each chapter's approved version and SHA-256, and for
 * coordinators „Zamroź wszystkie rozdziały” under one name (a milestone).
 */
import { useCallback, useEffect, useState } from 'react';
import { FREEZE_NOTE_MAX, VERSION_NAME_MAX, type MilestoneDto, type StrategyDto } from '../../shared/apiTypes.ts';
import { api } from '../apiClient/endpoints.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { useApiAction } from '../ui/useApiAction.ts';
import { personLabel } from './labels.ts';
import { TextFormDialog } from './TextFormDialog.tsx';
import './versions.css';
import { ExportLinks } from '../export/ExportLinks.tsx';

/** „Wszystkie rozdziały zamrożone”, „Zamrożone rozdziały: 3 z 16” or „Żaden rozdział nie jest zamrożony”. */
export function strategyFrozenKey(frozen: number, total: number): 'milestones.allFrozen' | 'milestones.someFrozen' | 'milestones.noneFrozen' {
  if (total > 0 && frozen === total) return 'milestones.allFrozen';
  return frozen > 0 ? 'milestones.someFrozen' : 'milestones.noneFrozen';
}

function MilestoneItem({ milestone, strategyId }: { milestone: MilestoneDto; strategyId: string }) {
  const { t, formatDate } = useI18n();
  return (
    <li>
      <strong>{milestone.name}</strong> — <time dateTime={milestone.createdAt}>{formatDate(milestone.createdAt)}</time>
      {milestone.createdBy && <span className="muted"> · {personLabel(t, milestone.createdBy)}</span>}
      {milestone.note && <div className="muted">{t('versions.note', { note: milestone.note })}</div>}
      <ExportLinks base={`/api/strategies/${strategyId}/export`} query={{ milestone: milestone.id }} label={t('export.milestone', { name: milestone.name })} />
      <details>
        <summary>{t('milestones.hashes', { count: milestone.chapters.length })}</summary>
        <ul>
          {milestone.chapters.map((c) => (
            <li key={c.versionId}>{c.title}: <code className="mono">{c.sha256}</code></li>
          ))}
        </ul>
      </details>
    </li>
  );
}

export function StrategyMilestones({ strategy, manage, reload }: { strategy: StrategyDto; manage: boolean; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { busy, error, run } = useApiAction();
  const [milestones, setMilestones] = useState<MilestoneDto[]>([]);
  const [open, setOpen] = useState(false);
  const frozen = strategy.chapters.filter((c) => c.frozen).length;
  const total = strategy.chapters.length;
  const titleId = `milestones-${strategy.id}`;

  const load = useCallback(async () => {
    try {
      setMilestones((await api.milestones(strategy.id)).milestones);
    } catch {
      /* the list is informative; the dashboard's own error handling covers a lost session */
    }
  }, [strategy.id]);
  useEffect(() => void load(), [load]);

  return (
    <section className="card strategy-milestones" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('milestones.title', { title: strategy.title })}</h3>
      <div className="strategy-state">
        <p className="strategy-frozen-state">
          <span aria-hidden="true">{frozen === total && total > 0 ? '❄ ' : frozen > 0 ? '◐ ' : '○ '}</span>
          {t(strategyFrozenKey(frozen, total), { frozen, total })}
        </p>
        {manage && total > 0 && (
          <button type="button" className="button-primary" onClick={() => setOpen(true)}>{t('milestones.open')}</button>
        )}
      </div>
      <ExportLinks base={`/api/strategies/${strategy.id}/export`} label={t('export.strategy')} tracked />
      {milestones.length > 0 && <ol className="milestone-list">{milestones.map((m) => <MilestoneItem key={m.id} milestone={m} strategyId={strategy.id} />)}</ol>}
      {open && (
        <TextFormDialog
          title={t('milestones.dialogTitle')}
          intro={<p>{t('milestones.intro', { title: strategy.title })}</p>}
          fields={[
            { name: 'name', label: t('milestones.nameLabel'), hint: t('milestones.nameHint'), requiredMessage: t('milestones.nameRequired'), maxLength: VERSION_NAME_MAX },
            { name: 'note', label: t('milestones.noteLabel'), hint: t('freeze.noteHint'), multiline: true, maxLength: FREEZE_NOTE_MAX },
          ]}
          submitLabel={t('milestones.submit')}
          busy={busy}
          error={error}
          onClose={() => setOpen(false)}
          onSubmit={async ({ name, note }) => {
            if (await run(() => api.createMilestone(strategy.id, note ? { name, note } : { name }))) {
              setOpen(false);
              announce(t('milestones.done', { name }));
              await Promise.all([reload(), load()]);
            }
          }}
        />
      )}
    </section>
  );
}
