/**
 * A strategy's statutory procedure (docs/procedure.md): members read the timeline with its
 * computed terms; coordinators record dates. A consultation shorter than the law allows is
 * refused with `consultation_too_short`.
 */
import { Hono } from 'hono';
import { UpdateCompletenessRequest, UpdateProcedureRequest, type CompletenessDto, type ProcedureDto } from '../../../shared/procedure/api.ts';
import { strategyCompleteness } from '../../procedure/completeness.ts';
import { dateInPoland } from '../../../shared/procedure/calendar.ts';
import { earliestConsultationEnd, earliestEnvironmentalRemarksEnd } from '../../../shared/procedure/deadlines.ts';
import type { ProcedureDates, ProcedureStep } from '../../../shared/procedure/stages.ts';
import { procedureTerms } from '../../../shared/procedure/timeline.ts';
import { mayInPartnership } from '../../auth/policy.ts';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { requireStrategy } from '../../auth/access.ts';
import { consultationTooShort, environmentalRemarksTooShort, validationFailed, type FieldIssue } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

/** Steps that cannot come before another: [earlier, later]. */
const ORDER: readonly (readonly [ProcedureStep, ProcedureStep])[] = [
  ['consultation_announced', 'consultation_start'],
  ['consultation_start', 'consultation_end'],
  ['consultation_announced', 'consultation_end'],
  ['consultation_end', 'consultation_report_published'],
  ['environmental_announced', 'environmental_end'],
  ['board_submitted', 'board_received'],
  ['board_received', 'board_opinion'],
];

/** Refuses a recorded procedure that breaks the law's minimum terms or the steps' order. */
function checkProcedure(dates: ProcedureDates, environmental: boolean): void {
  if (dates.consultation_announced && dates.consultation_end) {
    const earliest = earliestConsultationEnd(dates.consultation_announced);
    if (dates.consultation_end < earliest) throw consultationTooShort(earliest);
  }
  if (environmental && dates.environmental_announced && dates.environmental_end) {
    const earliest = earliestEnvironmentalRemarksEnd(dates.environmental_announced);
    if (dates.environmental_end < earliest) throw environmentalRemarksTooShort(earliest);
  }
  const issues: FieldIssue[] = ORDER.flatMap(([earlier, later]) => {
    const a = dates[earlier];
    const b = dates[later];
    return a && b && b < a ? [{ path: `dates.${later}`, message: `must not be before ${earlier}` }] : [];
  });
  if (issues.length) throw validationFailed(issues);
}

export function procedureRoutes(services: Services): Hono<AppEnv> {
  const { procedure, audit } = services.stores;
  const app = new Hono<AppEnv>();

  const toDto = (strategyId: string, canEdit: boolean): ProcedureDto => {
    const dates = procedure.dates(strategyId);
    const environmental = procedure.environmental(strategyId);
    const today = dateInPoland(services.clock());
    return { strategyId, dates, environmental, terms: procedureTerms(dates, today, environmental), today, canEdit };
  };

  app.get('/strategies/:id/procedure', (c) => {
    const { strategy, role } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    return c.json(toDto(strategy.id, mayInPartnership(role, 'manage-procedure')));
  });

  app.put('/strategies/:id/procedure', async (c) => {
    const user = currentUser(c);
    const { strategy } = requireStrategy(services, user, c.req.param('id'), 'manage-procedure');
    const change = await readJson(c, UpdateProcedureRequest);
    const before = procedure.dates(strategy.id);
    const after: ProcedureDates = { ...before };
    for (const [step, date] of Object.entries(change.dates ?? {}) as [ProcedureStep, string | null][]) {
      if (date === null) delete after[step];
      else after[step] = date;
    }
    const environmental = change.environmental ?? procedure.environmental(strategy.id);
    checkProcedure(after, environmental);
    procedure.update(strategy.id, change, user.id, services.clock());
    audit.append({
      userId: user.id,
      partnershipId: strategy.partnership_id,
      action: 'procedure.updated',
      details: { strategyId: strategy.id, dates: change.dates ?? {}, environmental: change.environmental },
    });
    return c.json(toDto(strategy.id, true));
  });

  const completeness = (strategyId: string, canEdit: boolean): CompletenessDto => {
    const elements = strategyCompleteness(services, strategyId);
    return { strategyId, elements, completeCount: elements.filter((e) => e.complete).length, total: elements.length, canEdit };
  };

  app.get('/strategies/:id/completeness', (c) => {
    const { strategy, role } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    return c.json(completeness(strategy.id, mayInPartnership(role, 'manage-procedure')));
  });

  app.put('/strategies/:id/completeness', async (c) => {
    const user = currentUser(c);
    const { strategy } = requireStrategy(services, user, c.req.param('id'), 'manage-procedure');
    const { chapters } = await readJson(c, UpdateCompletenessRequest);
    const own = new Set(services.stores.chapters.chaptersOfStrategy(strategy.id).map((ch) => ch.id));
    const entries = Object.entries(chapters) as [string, string | null][];
    const foreign = entries.filter(([, id]) => id !== null && !own.has(id));
    if (foreign.length) throw validationFailed(foreign.map(([key]) => ({ path: `chapters.${key}`, message: 'not a chapter of this strategy' })));
    procedure.setChapterMapping(strategy.id, entries);
    audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'completeness.mapped', details: { strategyId: strategy.id, chapters } });
    return c.json(completeness(strategy.id, true));
  });

  return app;
}
