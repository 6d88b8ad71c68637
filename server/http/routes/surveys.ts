/**
 * Resident surveys (docs/consultation.md "Surveys").
 *
 * Inside (members; 404 for anyone else): POST /strategies/:id/surveys (coordinators, editors);
 * GET /strategies/:id/surveys; GET /surveys/:id; GET /surveys/:id/results?q=&by=&merge=;
 * GET /surveys/:id/csv; GET /surveys/:id/summary?format=docx|pdf; GET /surveys/:id/qr (PNG of
 * the public link); POST /surveys/:id/insert — the summary proposed into a chapter (coordinators,
 * editors; the chapter must not be frozen).
 *
 * Public, without login, rate-limited per client address (in memory; the address is never
 * stored): GET /public/surveys/:token; POST /public/surveys/:token/responses.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CreateSurveyRequest, SubmitResponseRequest, SurveyLimits, type PublicSurveyDto, type SurveyDto, type SurveyPhase, type SurveySection } from '../../../shared/survey/api.ts';
import { dateInPoland } from '../../../shared/procedure/calendar.ts';
import { BucketMap } from '../../auth/rateLimit.ts';
import type { AppEnv, CollabControl } from '../../context.ts';
import { storeFile } from '../../storage/files.ts';
import { insertSummaryBlocks } from '../../survey/insert.ts';
import type { ExportPool } from '../../export/pool.ts';
import { contentDisposition } from '../../export/fileName.ts';
import { EXPORT_CONTENT_TYPES } from '../../export/model.ts';
import { qrPng } from '../../render/qrCode.ts';
import type { Services } from '../../services.ts';
import type { SurveyRow } from '../../storage/surveys.ts';
import { cleanAnswers, questionsOf } from '../../survey/answers.ts';
import { surveyCsv } from '../../survey/csv.ts';
import { surveyResults } from '../../survey/results.ts';
import { buildSurveySummary } from '../../survey/summary.ts';
import { requireChapter, requireStrategy } from '../../auth/access.ts';
import { ApiError, chapterFrozen, forbidden, notFound, rateLimited, validationFailed } from '../../errors.ts';
import { jsonBody } from '../middleware/jsonBody.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';
import { readQuery } from './versions.ts';

const PUBLIC_TOKEN = /^[a-z2-7]{26}$/;
const ResultsQuery = z.object({
  q: z.string().max(200).optional(),
  by: z.string().max(40).optional(),
  /** Option indexes of the `by` question merged into one group against the rest, e.g. "0,1". */
  merge: z.string().regex(/^\d{1,2}(,\d{1,2}){0,29}$/).optional(),
});
const SummaryQuery = z.object({ format: z.enum(['docx', 'pdf']) });

export const surveyPhase = (s: Pick<SurveyRow, 'opens_on' | 'closes_on'>, today: string): SurveyPhase =>
  today < s.opens_on ? 'planned' : today > s.closes_on ? 'closed' : 'open';

const InsertRequest = z.strictObject({ chapterId: z.string().min(1).max(64) });

/** @param pool the app's one export pool (server/http/api.ts): the summary is written there */
export function surveyRoutes(services: Services, collab: CollabControl, pool: ExportPool): Hono<AppEnv> {
  const { surveys, chapters, partnerships } = services.stores;
  const reads = new BucketMap(SurveyLimits.readPerAddress, services.clock);
  const submits = new BucketMap(SurveyLimits.submitPerAddress, services.clock);
  const app = new Hono<AppEnv>();
  const today = () => dateInPoland(services.clock());
  const sectionsOf = (s: SurveyRow) => JSON.parse(s.definition) as SurveySection[];

  const toDto = (s: SurveyRow): SurveyDto => ({
    id: s.id, strategyId: s.strategy_id, title: s.title, description: s.description, opensOn: s.opens_on, closesOn: s.closes_on,
    phase: surveyPhase(s, today()), publicToken: s.public_token, sections: sectionsOf(s), responseCount: surveys.responseCount(s.id),
  });

  const requireSurvey = (c: Context<AppEnv>) => {
    const user = currentUser(c);
    const survey = surveys.byId(c.req.param('id') ?? '');
    const strategy = survey ? chapters.strategyById(survey.strategy_id) : undefined;
    const role = strategy ? partnerships.roleOf(strategy.partnership_id, user.id) : null;
    if (!survey || !strategy || role === null) throw notFound('No such survey.');
    return { survey, strategy };
  };

  app.post('/strategies/:id/surveys', async (c) => {
    const user = currentUser(c);
    const { strategy, role } = requireStrategy(services, user, c.req.param('id'), 'read');
    if (role !== 'coordinator' && role !== 'editor') throw forbidden();
    const req = await readJson(c, CreateSurveyRequest);
    const row = surveys.create({
      strategyId: strategy.id, title: req.title, description: req.description, opensOn: req.opensOn, closesOn: req.closesOn,
      definition: JSON.stringify(req.sections), createdBy: user.id, createdAt: services.clock(),
    });
    services.stores.audit.append({ userId: user.id, partnershipId: strategy.partnership_id, action: 'survey.created', details: { surveyId: row.id, title: row.title } });
    return c.json(toDto(row), 201);
  });

  app.get('/strategies/:id/surveys', (c) => {
    const { strategy } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    return c.json(surveys.ofStrategy(strategy.id).map(toDto));
  });

  app.get('/surveys/:id', (c) => c.json(toDto(requireSurvey(c).survey)));

  app.get('/surveys/:id/results', (c) => {
    const { survey } = requireSurvey(c);
    const q = readQuery(c, ResultsQuery);
    const questions = questionsOf(sectionsOf(survey));
    const by = q.by !== undefined ? questions.find((x) => x.id === q.by && x.kind === 'single') : undefined;
    if (q.by !== undefined && !by) throw validationFailed([{ path: 'by', message: 'not a single-choice question of this survey' }]);
    const merge = q.merge?.split(',').map(Number);
    if (merge && (!by || merge.some((i) => i >= by.options.length))) throw validationFailed([{ path: 'merge', message: 'not options of the `by` question' }]);
    const responses = surveys.responses(survey.id).map((r) => r.answers);
    return c.json(surveyResults(survey.id, questions, responses, { search: q.q, by, merge }));
  });

  app.get('/surveys/:id/csv', (c) => {
    const { survey } = requireSurvey(c);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', contentDisposition(`Ankieta – ${survey.title}`, 'csv'));
    return c.body(surveyCsv(questionsOf(sectionsOf(survey)), surveys.responses(survey.id)));
  });

  app.get('/surveys/:id/summary', async (c) => {
    const { survey, strategy } = requireSurvey(c);
    const { format } = readQuery(c, SummaryQuery);
    const questions = questionsOf(sectionsOf(survey));
    const results = surveyResults(survey.id, questions, surveys.responses(survey.id).map((r) => r.answers));
    const { doc, images } = await buildSurveySummary(survey, questions, results, { strategyTitle: strategy.title, partnershipName: strategy.partnership_name, at: services.clock() });
    const bytes = await pool.run(format, doc, images);
    c.header('Content-Type', EXPORT_CONTENT_TYPES[format]);
    c.header('Content-Disposition', contentDisposition(`Wyniki ankiety – ${survey.title}`, format));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  app.post('/surveys/:id/insert', async (c) => {
    const user = currentUser(c);
    const { survey, strategy } = requireSurvey(c);
    const { chapterId } = await readJson(c, InsertRequest);
    const { facts } = requireChapter(services, user, chapterId, 'read');
    if (facts.strategyId !== survey.strategy_id) throw validationFailed([{ path: 'chapterId', message: 'not a chapter of this strategy' }]);
    if (facts.role !== 'coordinator' && facts.role !== 'editor') throw forbidden();
    if (facts.frozen) throw chapterFrozen();
    const questions = questionsOf(sectionsOf(survey));
    const results = surveyResults(survey.id, questions, surveys.responses(survey.id).map((r) => r.answers));
    const { images, blocks } = await buildSurveySummary(survey, questions, results, { strategyTitle: strategy.title, partnershipName: strategy.partnership_name, at: services.clock() });
    const now = services.clock();
    for (const [id, img] of images) storeFile(services.db, { id, bytes: Buffer.from(img.bytes), mime: img.mime, width: img.width, height: img.height }, { partnershipId: strategy.partnership_id, userId: user.id }, now);
    let suggestionId = '';
    await collab.documents.change(chapterId, user.id, (doc) => {
      suggestionId = insertSummaryBlocks(doc, blocks, user.id, new Date(now));
    });
    services.stores.audit.append({ userId: user.id, partnershipId: strategy.partnership_id, chapterId, action: 'survey.inserted', details: { surveyId: survey.id, suggestionId, responses: results.total } });
    collab.notifyChapter(chapterId, { type: 'suggestions-changed' });
    return c.json({ suggestionId, chapterId }, 201);
  });

  app.get('/surveys/:id/qr', async (c) => {
    const { survey } = requireSurvey(c);
    const origin = services.config.publicOrigin ?? `http://${c.req.header('host') ?? 'localhost'}`;
    const png = await qrPng(`${origin}/ankieta/${survey.public_token}`, 512);
    c.header('Content-Type', 'image/png');
    return c.body(new Uint8Array(png));
  });

  // ---------- public ----------

  const limited = (c: Context<AppEnv>, buckets: BucketMap) => {
    const address = c.get('clientIp') ?? 'unknown';
    if (!buckets.take(address)) throw rateLimited(Math.max(1, Math.ceil(buckets.waitMs(address) / 1000)));
  };
  const publicSurvey = (token: string) => {
    const survey = PUBLIC_TOKEN.test(token) ? surveys.byToken(token) : undefined;
    const strategy = survey ? chapters.strategyById(survey.strategy_id) : undefined;
    if (!survey || !strategy) throw notFound('No such survey.');
    return { survey, strategy };
  };

  app.get('/public/surveys/:token', (c) => {
    limited(c, reads);
    const { survey, strategy } = publicSurvey(c.req.param('token'));
    const body: PublicSurveyDto = {
      partnership: strategy.partnership_name, title: survey.title, description: survey.description, opensOn: survey.opens_on, closesOn: survey.closes_on,
      phase: surveyPhase(survey, today()), sections: sectionsOf(survey),
    };
    return c.json(body);
  });

  app.post('/public/surveys/:token/responses', jsonBody(64 * 1024), async (c) => {
    limited(c, submits);
    const { survey } = publicSurvey(c.req.param('token'));
    const phase = surveyPhase(survey, today());
    if (phase !== 'open') throw new ApiError(409, 'survey_closed', phase === 'planned' ? `The survey opens on ${survey.opens_on}.` : `The survey closed on ${survey.closes_on}.`, { phase, opensOn: survey.opens_on, closesOn: survey.closes_on });
    const req = await readJson(c, SubmitResponseRequest);
    if (req.website) throw validationFailed([{ path: 'website', message: 'must be empty' }]);
    const { answers, issues } = cleanAnswers(sectionsOf(survey), req.answers);
    if (issues.length) throw validationFailed(issues);
    // Only the day is kept with the answers: nothing that could tell who answered.
    surveys.addResponse(survey.id, today(), answers);
    return c.json({ ok: true }, 201);
  });

  return app;
}
