/**
 * Public consultation of the draft (docs/consultation.md).
 *
 * Inside (members; 404 for anyone else):
 * - POST /strategies/:id/consultations — open one on a frozen milestone (coordinator); the
 *   35-day rule of shared/procedure refuses a shorter one (`consultation_too_short`); its dates
 *   are written into the procedure's timeline;
 * - GET /strategies/:id/consultations, GET /consultations/:id — members;
 * - GET /consultations/:id/remarks?chapter=&category=&state= — the register (submitters'
 *   personal data only for coordinators); GET /consultations/:id/csv — the same as CSV;
 * - GET /consultations/:id/report?format=docx|pdf — the report, anonymised;
 * - POST /consultations/:id/report-published — the report's publication, from which the
 *   retention period of personal data counts (coordinator);
 * - PUT /remarks/:id — assign, answer (coordinators and editors);
 * - POST /remarks/:id/suggestion — a tracked suggestion in the chapter (coordinators, editors);
 * - DELETE /remarks/:id/personal-data — erase one submitter's data on request (coordinator).
 *
 * Public, without login, rate-limited per client address (in memory):
 * - GET /public/consultations/:token — the draft and the form's rules; no people, no ids;
 * - POST /public/consultations/:token/remarks — a remark; refused outside the dates.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  ConsultationLimits, CreateConsultationRequest, IDENTITY_FIELDS, REMARK_STATES, SUBMITTER_CATEGORIES, SubmitRemarkRequest, UpdateRemarkRequest,
  type ConsultationDto, type ConsultationPhase, type IdentityFields, type PublicConsultationDto, type RegisterDto, type RemarkAnswer,
  type RemarkDto, type RemarkState, type SubmittedRemarkDto, type SubmitterCategory,
} from '../../../shared/consultation/api.ts';
import { dateInPoland } from '../../../shared/procedure/calendar.ts';
import { earliestConsultationEnd } from '../../../shared/procedure/deadlines.ts';
import { mayInPartnership } from '../../auth/policy.ts';
import { BucketMap } from '../../auth/rateLimit.ts';
import { milestoneChapters } from '../../consultation/draft.ts';
import { registerCsv } from '../../consultation/csv.ts';
import { buildReport } from '../../consultation/report.ts';
import { insertRemarkSuggestion, openRemarkSuggestions } from '../../consultation/suggestion.ts';
import type { AppEnv, CollabControl, UserRow } from '../../context.ts';
import type { ExportPool } from '../../export/pool.ts';
import { contentDisposition } from '../../export/fileName.ts';
import { EXPORT_CONTENT_TYPES } from '../../export/model.ts';
import { milestoneFrozen } from '../../procedure/milestones.ts';
import type { Services } from '../../services.ts';
import type { ConsultationRow, RemarkRow } from '../../storage/consultations.ts';
import type { StrategyRow } from '../../storage/chapters.ts';
import type { Role } from '../../../shared/domain.ts';
import { requireStrategy } from '../../auth/access.ts';
import { chapterFrozen, conflict, consultationClosed, consultationTooShort, forbidden, milestoneNotFrozen, notFound, rateLimited, validationFailed, type FieldIssue } from '../../errors.ts';
import { jsonBody } from '../middleware/jsonBody.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';
import { readQuery } from './versions.ts';
import { erasePersonalDataPastRetention } from '../../consultation/retention.ts';

/** Largest public submission body (the text fields' limits fit well inside). */
const MAX_REMARK_BODY = 64 * 1024;
const PUBLIC_TOKEN = /^[a-z2-7]{26}$/;

const RegisterQuery = z.object({
  chapter: z.coerce.number().int().min(1).optional(),
  category: z.enum(SUBMITTER_CATEGORIES).optional(),
  state: z.enum(REMARK_STATES).optional(),
});
const ReportQuery = z.object({ format: z.enum(['docx', 'pdf']) });
const emailSchema = z.email();

export function phaseOf(c: Pick<ConsultationRow, 'starts_on' | 'ends_on'>, today: string): ConsultationPhase {
  if (today < c.starts_on) return 'planned';
  if (today > c.ends_on) return 'closed';
  return 'open';
}

export const stateOf = (r: Pick<RemarkRow, 'answer' | 'assignee_id'>): RemarkState => (r.answer ? 'answered' : r.assignee_id ? 'assigned' : 'new');

/** @param pool the app's one export pool (server/http/api.ts): the report is written there */
export function consultationRoutes(services: Services, collab: CollabControl, pool: ExportPool): Hono<AppEnv> {
  const { consultations, chapters, partnerships, versions, procedure, audit, suggestionDecisions } = services.stores;
  const reads = new BucketMap(ConsultationLimits.readPerAddress, services.clock);
  const submits = new BucketMap(ConsultationLimits.submitPerAddress, services.clock);
  const app = new Hono<AppEnv>();

  const today = () => dateInPoland(services.clock());

  /** Erases personal data whose retention period after the report has passed (cheap when none). */
  const purgeExpired = () => erasePersonalDataPastRetention(services);

  /** The consultation and the person's role, or 404 for anyone not in its partnership. */
  const requireConsultation = (user: UserRow, id: string): { consultation: ConsultationRow; strategy: StrategyRow; role: Role } => {
    purgeExpired();
    const consultation = consultations.byId(id);
    const strategy = consultation ? chapters.strategyById(consultation.strategy_id) : undefined;
    const role = strategy ? partnerships.roleOf(strategy.partnership_id, user.id) : null;
    if (!consultation || !strategy || role === null || !mayInPartnership(role, 'read')) throw notFound('No such consultation.');
    return { consultation, strategy, role };
  };
  const requireRemark = (user: UserRow, id: string) => {
    const remark = consultations.remarkById(id);
    if (!remark) throw notFound('No such remark.');
    try {
      return { remark, ...requireConsultation(user, remark.consultation_id) };
    } catch {
      throw notFound('No such remark.');
    }
  };
  const mayAnswer = (role: Role) => role === 'coordinator' || role === 'editor';

  const toDto = (c: ConsultationRow, role: Role): ConsultationDto => {
    const milestone = versions.milestonesOf(c.strategy_id).find((m) => m.id === c.milestone_id);
    return {
      id: c.id, strategyId: c.strategy_id, milestone: { id: c.milestone_id, name: milestone?.name ?? '' }, title: c.title,
      announcedOn: c.announced_on, startsOn: c.starts_on, endsOn: c.ends_on, introduction: c.introduction, privacyClause: c.privacy_clause,
      fields: JSON.parse(c.fields) as IdentityFields, paragraphRemarks: c.paragraph_remarks === 1, retentionDays: c.retention_days,
      phase: phaseOf(c, today()), publicToken: c.public_token, remarkCount: consultations.remarkCount(c.id),
      reportAt: c.report_at === null ? null : new Date(c.report_at).toISOString(),
      chapters: milestoneChapters(services, c.milestone_id, false).map(({ position, chapterId, title }) => ({ position, chapterId, title })),
      canManage: mayInPartnership(role, 'manage-procedure'), canAnswer: mayAnswer(role),
    };
  };

  /** What became of a remark's suggestion in the chapter (the suggestion decisions record). */
  const decisionOf = (chapterId: string, suggestionId: string, names: Map<string, string>): NonNullable<RemarkDto['suggestion']>['decision'] => {
    const row = suggestionDecisions.latestFor(chapterId, suggestionId);
    if (!row) return null;
    return {
      decision: row.decision, decidedAt: new Date(row.decided_at).toISOString(),
      decidedBy: row.decided_by ? { id: row.decided_by, name: names.get(row.decided_by) ?? '' } : null,
    };
  };

  const remarkDto = (r: RemarkRow, titles: Map<string, { position: number; title: string }>, names: Map<string, string>, personal: boolean): RemarkDto => {
    const ch = titles.get(r.chapter_id);
    return {
      id: r.id, number: r.number, chapter: { position: ch?.position ?? 0, chapterId: r.chapter_id, title: ch?.title ?? '' }, paragraph: r.paragraph,
      category: r.category as SubmitterCategory, currentWording: r.current_wording, proposedChange: r.proposed_change, justification: r.justification,
      submitter: {
        name: personal ? r.submitter_name : null, email: personal ? r.submitter_email : null,
        organisation: personal ? r.submitter_organisation : null, locality: personal ? r.submitter_locality : null,
        erased: r.personal_data_erased_at !== null,
      },
      submittedAt: new Date(r.submitted_at).toISOString(), state: stateOf(r),
      assignee: r.assignee_id ? { id: r.assignee_id, name: names.get(r.assignee_id) ?? '' } : null,
      answer: r.answer as RemarkAnswer | null, answerJustification: r.answer_justification,
      answeredAt: r.answered_at === null ? null : new Date(r.answered_at).toISOString(),
      suggestion: r.suggestion_id && r.suggestion_chapter_id ? { id: r.suggestion_id, chapterId: r.suggestion_chapter_id, decision: decisionOf(r.suggestion_chapter_id, r.suggestion_id, names), inChapter: false } : null,
    };
  };

  const register = async (consultation: ConsultationRow, strategy: StrategyRow, role: Role, q: z.infer<typeof RegisterQuery>) => {
    const list = milestoneChapters(services, consultation.milestone_id, false);
    const titles = new Map(list.map((ch) => [ch.chapterId, { position: ch.position, title: ch.title }]));
    const members = partnerships.members(strategy.partnership_id);
    const names = new Map(members.map((m) => [m.userId, m.name]));
    const chapterId = q.chapter !== undefined ? list.find((ch) => ch.position === q.chapter)?.chapterId ?? '-' : undefined;
    const all = consultations.remarks(consultation.id);
    const remarks = all
      .filter((r) => (chapterId === undefined || r.chapter_id === chapterId) && (!q.category || r.category === q.category) && (!q.state || stateOf(r) === q.state))
      .map((r) => remarkDto(r, titles, names, role === 'coordinator'));
    // Undecided suggestions: still in the chapter's text, or removed without a decision?
    const undecided = remarks.flatMap((r) => (r.suggestion && !r.suggestion.decision ? [r.suggestion] : []));
    const open = await openRemarkSuggestions(collab.documents.read.bind(collab.documents), undecided);
    for (const s of undecided) s.inChapter = open.has(`${s.chapterId}:${s.id}`);
    const people = members.filter((m) => !m.deactivated && (m.role === 'coordinator' || m.role === 'editor')).map((m) => ({ id: m.userId, name: m.name }));
    return { remarks, total: all.length, people };
  };

  // ---------- inside ----------

  app.post('/strategies/:id/consultations', async (c) => {
    const user = currentUser(c);
    const { strategy } = requireStrategy(services, user, c.req.param('id'), 'manage-procedure');
    const req = await readJson(c, CreateConsultationRequest);
    const milestone = versions.milestonesOf(strategy.id).find((m) => m.id === req.milestoneId);
    if (!milestone) throw validationFailed([{ path: 'milestoneId', message: 'not a milestone of this strategy' }]);
    const earliest = earliestConsultationEnd(req.announcedOn);
    if (req.endsOn < earliest) throw consultationTooShort(earliest);
    const issues: FieldIssue[] = [];
    if (req.startsOn < req.announcedOn) issues.push({ path: 'startsOn', message: 'must not be before announcedOn' });
    if (req.endsOn < req.startsOn) issues.push({ path: 'endsOn', message: 'must not be before startsOn' });
    if (issues.length) throw validationFailed(issues);
    if (!milestoneFrozen(services, milestone.id)) throw milestoneNotFrozen();
    const now = services.clock();
    const row = services.db.transaction(() => {
      const created = consultations.create({
        strategyId: strategy.id, milestoneId: milestone.id, title: req.title, announcedOn: req.announcedOn, startsOn: req.startsOn, endsOn: req.endsOn,
        introduction: req.introduction, privacyClause: req.privacyClause, fields: JSON.stringify(req.fields), paragraphRemarks: req.paragraphRemarks,
        retentionDays: req.retentionDays, createdBy: user.id, createdAt: now,
      });
      // The procedure's timeline shows the consultation's dates (and computes the report's due date from them).
      const dates = { consultation_announced: req.announcedOn, consultation_start: req.startsOn, consultation_end: req.endsOn };
      procedure.update(strategy.id, { dates }, user.id, now);
      audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'procedure.updated', details: { strategyId: strategy.id, dates } });
      audit.append({
        userId: user.id, partnershipId: strategy.partnership_id, action: 'consultation.created',
        details: { consultationId: created.id, milestoneId: milestone.id, announcedOn: req.announcedOn, startsOn: req.startsOn, endsOn: req.endsOn, fields: req.fields },
      });
      return created;
    })();
    return c.json(toDto(row, 'coordinator'), 201);
  });

  app.get('/strategies/:id/consultations', (c) => {
    const { strategy, role } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    purgeExpired();
    return c.json(consultations.ofStrategy(strategy.id).map((row) => toDto(row, role)));
  });

  app.get('/consultations/:id', (c) => {
    const { consultation, role } = requireConsultation(currentUser(c), c.req.param('id'));
    return c.json(toDto(consultation, role));
  });

  app.get('/consultations/:id/remarks', async (c) => {
    const { consultation, strategy, role } = requireConsultation(currentUser(c), c.req.param('id'));
    const body: RegisterDto = { consultationId: consultation.id, ...(await register(consultation, strategy, role, readQuery(c, RegisterQuery))) };
    return c.json(body);
  });

  app.get('/consultations/:id/csv', async (c) => {
    const { consultation, strategy, role } = requireConsultation(currentUser(c), c.req.param('id'));
    const { remarks } = await register(consultation, strategy, role, readQuery(c, RegisterQuery));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', contentDisposition(`Rejestr uwag – ${consultation.title}`, 'csv'));
    return c.body(registerCsv(remarks));
  });

  app.get('/consultations/:id/report', async (c) => {
    const { consultation } = requireConsultation(currentUser(c), c.req.param('id'));
    const { format } = readQuery(c, ReportQuery);
    const { doc, images } = await buildReport(services, consultation);
    const bytes = await pool.run(format, doc, images);
    c.header('Content-Type', EXPORT_CONTENT_TYPES[format]);
    c.header('Content-Disposition', contentDisposition(`Sprawozdanie z konsultacji – ${consultation.title}`, format));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  app.post('/consultations/:id/report-published', (c) => {
    const user = currentUser(c);
    const { consultation, strategy, role } = requireConsultation(user, c.req.param('id'));
    if (!mayInPartnership(role, 'manage-procedure')) throw forbidden();
    if (phaseOf(consultation, today()) !== 'closed') throw conflict('The report can be published only after the consultation has ended.');
    consultations.markReport(consultation.id, services.clock());
    audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'consultation.report_published', details: { consultationId: consultation.id } });
    return c.json(toDto(consultations.byId(consultation.id)!, role));
  });

  app.put('/remarks/:id', async (c) => {
    const user = currentUser(c);
    const { remark, consultation, strategy, role } = requireRemark(user, c.req.param('id'));
    if (!mayAnswer(role)) throw forbidden();
    const req = await readJson(c, UpdateRemarkRequest);
    if (req.assigneeId !== undefined) {
      if (req.assigneeId !== null) {
        const member = partnerships.members(strategy.partnership_id).find((m) => m.userId === req.assigneeId && !m.deactivated);
        if (!member) throw validationFailed([{ path: 'assigneeId', message: 'not a member of this partnership' }]);
      }
      consultations.setAssignee(remark.id, req.assigneeId);
      audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'remark.assigned', details: { consultationId: consultation.id, number: remark.number, assigneeId: req.assigneeId } });
    }
    if (req.answer !== undefined) {
      const justification = req.answerJustification ?? '';
      if (req.answer !== null && req.answer !== 'accepted' && justification === '') {
        throw validationFailed([{ path: 'answerJustification', message: 'required unless the remark is accepted' }]);
      }
      const at = req.answer === null ? null : services.clock();
      consultations.setAnswer(remark.id, req.answer, req.answer === null ? '' : justification, req.answer === null ? null : user.id, at);
      audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'remark.answered', details: { consultationId: consultation.id, number: remark.number, answer: req.answer } });
    }
    const updated = consultations.remarkById(remark.id)!;
    const list = await register(consultation, strategy, role, {});
    return c.json(list.remarks.find((r) => r.id === updated.id));
  });

  app.post('/remarks/:id/suggestion', async (c) => {
    const user = currentUser(c);
    const { remark, consultation, strategy, role } = requireRemark(user, c.req.param('id'));
    if (!mayAnswer(role)) throw forbidden();
    if (remark.suggestion_id) throw conflict('This remark has already been turned into a suggestion.');
    const chapter = chapters.chapterById(remark.chapter_id);
    if (!chapter) throw notFound('No such chapter.');
    if (chapter.frozen_at !== null) throw chapterFrozen();
    let suggestionId = '';
    await collab.documents.change(remark.chapter_id, user.id, (doc) => {
      suggestionId = insertRemarkSuggestion(doc, {
        authorId: user.id, consultationId: consultation.id, number: remark.number, proposedChange: remark.proposed_change, afterParagraph: remark.paragraph, now: new Date(services.clock()),
      });
    });
    consultations.linkSuggestion(remark.id, suggestionId, remark.chapter_id);
    audit.append({
      userId: user.id, partnershipId: strategy.partnership_id, chapterId: remark.chapter_id, action: 'remark.suggestion_created',
      details: { consultationId: consultation.id, number: remark.number, suggestionId },
    });
    collab.notifyChapter(remark.chapter_id, { type: 'suggestions-changed' });
    const list = await register(consultation, strategy, role, {});
    return c.json(list.remarks.find((r) => r.id === remark.id), 201);
  });

  app.delete('/remarks/:id/personal-data', async (c) => {
    const user = currentUser(c);
    const { remark, consultation, strategy, role } = requireRemark(user, c.req.param('id'));
    if (!mayInPartnership(role, 'manage-procedure')) throw forbidden();
    const erased = consultations.erasePersonalData(remark.id, services.clock());
    // The entry names the remark, never the erased data.
    if (erased) audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'remark.personal_data_erased', details: { consultationId: consultation.id, number: remark.number } });
    const list = await register(consultation, strategy, role, {});
    return c.json(list.remarks.find((r) => r.id === remark.id));
  });

  // ---------- public ----------

  const limited = (c: Context<AppEnv>, buckets: BucketMap) => {
    const address = c.get('clientIp') ?? 'unknown';
    if (!buckets.take(address)) throw rateLimited(Math.max(1, Math.ceil(buckets.waitMs(address) / 1000)));
  };
  const publicConsultation = (token: string) => {
    const consultation = PUBLIC_TOKEN.test(token) ? consultations.byToken(token) : undefined;
    const strategy = consultation ? chapters.strategyById(consultation.strategy_id) : undefined;
    if (!consultation || !strategy) throw notFound('No such consultation.');
    return { consultation, strategy };
  };

  app.get('/public/consultations/:token', (c) => {
    limited(c, reads);
    const { consultation, strategy } = publicConsultation(c.req.param('token'));
    const body: PublicConsultationDto = {
      partnership: strategy.partnership_name, strategy: strategy.title, title: consultation.title,
      announcedOn: consultation.announced_on, startsOn: consultation.starts_on, endsOn: consultation.ends_on, today: today(),
      phase: phaseOf(consultation, today()), introduction: consultation.introduction, privacyClause: consultation.privacy_clause,
      fields: JSON.parse(consultation.fields) as IdentityFields, paragraphRemarks: consultation.paragraph_remarks === 1,
      chapters: milestoneChapters(services, consultation.milestone_id).map(({ position, title, paragraphs }) => ({ position, title, paragraphs })),
    };
    return c.json(body);
  });

  app.post('/public/consultations/:token/remarks', jsonBody(MAX_REMARK_BODY), async (c) => {
    limited(c, submits);
    const { consultation } = publicConsultation(c.req.param('token'));
    const phase = phaseOf(consultation, today());
    if (phase !== 'open') throw consultationClosed(phase, consultation.starts_on, consultation.ends_on);
    const req = await readJson(c, SubmitRemarkRequest);
    if (req.website) throw validationFailed([{ path: 'website', message: 'must be empty' }]);
    const fields = JSON.parse(consultation.fields) as IdentityFields;
    const issues: FieldIssue[] = [];
    const identity: Record<(typeof IDENTITY_FIELDS)[number], string | null> = { name: null, email: null, organisation: null, locality: null };
    for (const f of IDENTITY_FIELDS) {
      const value = (req[f] ?? '').trim();
      if (fields[f] === 'off') continue;
      if (value === '') {
        if (fields[f] === 'required') issues.push({ path: f, message: 'required' });
        continue;
      }
      if (f === 'email' && !emailSchema.safeParse(value).success) issues.push({ path: f, message: 'not an e-mail address' });
      identity[f] = f === 'email' ? value.toLowerCase() : value;
    }
    const chapterList = milestoneChapters(services, consultation.milestone_id);
    const chapter = chapterList.find((ch) => ch.position === req.chapter);
    if (!chapter) issues.push({ path: 'chapter', message: 'no such chapter in this consultation' });
    const paragraph = req.paragraph ?? null;
    if (paragraph !== null) {
      if (consultation.paragraph_remarks !== 1) issues.push({ path: 'paragraph', message: 'remarks are per chapter in this consultation' });
      else if (chapter && paragraph > chapter.paragraphs.length) issues.push({ path: 'paragraph', message: 'no such paragraph in the chapter' });
    }
    if (issues.length || !chapter) throw validationFailed(issues);
    const remark = consultations.addRemark({
      consultationId: consultation.id, chapterId: chapter.chapterId, paragraph, category: req.category,
      currentWording: req.currentWording, proposedChange: req.proposedChange, justification: req.justification,
      ...identity, submittedAt: services.clock(),
    });
    const body: SubmittedRemarkDto = { number: remark.number, submittedAt: new Date(remark.submitted_at).toISOString() };
    return c.json(body, 201);
  });

  return app;
}
