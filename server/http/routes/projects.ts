/**
 * Key-project fiches and the package overview (issue 19, docs/projects.md):
 * - GET  /strategies/:id/projects: the overview (members); POST creates a fiche (editors, coordinators);
 * - GET  /strategies/:id/projects/links: the headings a fiche may link to;
 * - GET  /strategies/:id/projects/export.<csv|xlsx>: the overview as a spreadsheet;
 * - GET  /projects/:id: one fiche's fields, sums, status, proposals;
 * - POST /projects/:id/proposals: an expert's proposed value for a structured field;
 * - POST /projects/:id/proposals/:pid/<accept|reject>: an editor decides it;
 * - POST /projects/:id/decision: the Rada Partnerstwa's decision, recorded by a coordinator.
 * The fiche's document itself is edited live over /collab/<id> like a chapter.
 */
import { Hono, type Context } from 'hono';
import { CreateFicheRequest, FicheDecisionRequest, ProposalRequest, type FicheDto, type FicheProposalDto, type PackageDto } from '../../../shared/projects/api.ts';
import { FICHE_MAP, acceptanceProblems, ficheBalance, isFicheFieldName, organizationIdsOf, validFieldValue, type FicheFieldName } from '../../../shared/projects/fiche.ts';
import { overviewSums } from '../../../shared/projects/overview.ts';
import { normaliseText } from '../../../shared/text.ts';
import type { AppEnv, CollabControl, UserRow } from '../../context.ts';
import type { Services } from '../../services.ts';
import { acceptanceVersionName, createFiche, linkOptions, organizationNames, packageRows, readFicheFieldsLive } from '../../projects/service.ts';
import { resolveRef } from '../../projects/headings.ts';
import { packageCsv, packageXlsx } from '../../projects/spreadsheet.ts';
import { contentDisposition } from '../../export/fileName.ts';
import { saveVersion } from '../../versions/service.ts';
import type { ProposalRow } from '../../storage/projects.ts';
import { requireStrategy } from '../../auth/access.ts';
import { chapterPermissions } from '../../auth/policy.ts';
import { chapterFrozen, conflict, ficheNotReady, forbidden, notFound, validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

const proposalDto = (p: ProposalRow): FicheProposalDto => ({
  id: p.id,
  field: p.field as FicheFieldName,
  value: JSON.parse(p.value) as unknown,
  note: p.note,
  author: { id: p.author_id, name: p.author_name, organization: p.author_org },
  createdAt: p.created_at,
  state: p.state,
  decidedAt: p.decided_at,
});

/** Normalises free text inside a proposed value the way the form does before writing it. */
function normaliseValue(value: unknown): unknown {
  if (typeof value === 'string') return normaliseText(value, { lines: false });
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseValue(v)]));
  return value;
}

export function projectRoutes(services: Services, collab: CollabControl): Hono<AppEnv> {
  const { projects, audit } = services.stores;
  const ctx = { services, collab };
  const app = new Hono<AppEnv>();

  const requireFiche = (user: UserRow, id: string, need: 'read' | 'suggest' | 'edit' | 'review' | 'manage') => {
    // The same 404 for an unknown id and another partnership's fiche: existence does not leak.
    const fiche = projects.byId(id);
    const facts = services.stores.chapters.accessFacts(id, user.id);
    const permissions = facts && chapterPermissions(facts);
    if (!fiche || !facts || !permissions?.read) throw notFound('No such fiche.');
    if (need !== 'suggest' && !permissions[need]) throw forbidden();
    return { fiche, facts, permissions };
  };

  const packageOf = async (strategyId: string, user: UserRow): Promise<PackageDto> => {
    const { strategy, role } = requireStrategy(services, user, strategyId, 'read');
    const rows = await packageRows(ctx, strategy);
    return {
      strategyId: strategy.id,
      canCreate: strategy.archived_at === null && (role === 'coordinator' || role === 'editor'),
      rows,
      sums: overviewSums(rows.filter((r) => r.status !== 'rejected')),
    };
  };

  app.get('/strategies/:id/projects', async (c) => c.json(await packageOf(c.req.param('id'), currentUser(c))));

  app.post('/strategies/:id/projects', async (c) => {
    const user = currentUser(c);
    const { strategy, role } = requireStrategy(services, user, c.req.param('id'), 'read');
    if (role !== 'coordinator' && role !== 'editor') throw forbidden();
    if (strategy.archived_at !== null) throw conflict('The strategy is archived.');
    const { title } = await readJson(c, CreateFicheRequest);
    const id = createFiche(services, strategy, { title }, user.id);
    return c.json({ id }, 201);
  });

  app.get('/strategies/:id/projects/links', async (c) => {
    const { strategy } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    return c.json(await linkOptions(ctx, strategy.id));
  });

  app.get('/strategies/:id/projects/export.csv', async (c) => {
    const pkg = await packageOf(c.req.param('id'), currentUser(c));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', contentDisposition('Pakiet projektów kluczowych', 'csv'));
    return c.body(packageCsv(pkg.rows, pkg.sums));
  });

  app.get('/strategies/:id/projects/export.xlsx', async (c) => {
    const pkg = await packageOf(c.req.param('id'), currentUser(c));
    const bytes = await packageXlsx(pkg.rows, pkg.sums);
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', contentDisposition('Pakiet projektów kluczowych', 'xlsx'));
    return c.body(new Uint8Array(bytes));
  });

  app.get('/projects/:id', async (c) => {
    const user = currentUser(c);
    const { fiche, facts, permissions } = requireFiche(user, c.req.param('id'), 'read');
    const fields = await readFicheFieldsLive(ctx, fiche.chapter_id);
    const links = await linkOptions(ctx, fiche.strategy_id);
    const orgs = organizationNames(services, facts.partnershipId);
    const body: FicheDto = {
      id: fiche.chapter_id,
      strategyId: fiche.strategy_id,
      partnershipId: facts.partnershipId,
      status: fiche.status,
      resolutionNumber: fiche.resolution_number,
      resolutionDate: fiche.resolution_date,
      rejectionReason: fiche.rejection_reason,
      decidedAt: fiche.decided_at,
      frozen: fiche.frozen_at !== null,
      fields,
      balance: ficheBalance(fields),
      problems: acceptanceProblems(fields),
      links: { goal: resolveRef(fields.goal, links.goal), direction: resolveRef(fields.direction, links.direction), osi: resolveRef(fields.osi, links.osi) },
      proposals: projects.proposalsOf(fiche.chapter_id).map(proposalDto),
      permissions: { edit: permissions.edit, suggest: permissions.suggest && !permissions.edit, review: permissions.review, decide: permissions.manage },
      organizations: [...orgs].map(([id, name]) => ({ id, name })),
    };
    return c.json(body);
  });

  app.post('/projects/:id/proposals', async (c) => {
    const user = currentUser(c);
    const { fiche, facts, permissions } = requireFiche(user, c.req.param('id'), 'suggest');
    // Experts propose; editors may propose too (for a colleague's review) but usually change the field directly.
    if (!permissions.suggest) throw forbidden();
    const req = await readJson(c, ProposalRequest);
    const value = normaliseValue(req.value);
    if (!validFieldValue(req.field, value)) throw validationFailed([{ path: 'value', message: `not a valid value for ${req.field}` }]);
    // The same rule as the live check: a leader or partner is an organisation of this partnership.
    if (organizationIdsOf(req.field, value).some((org) => !services.stores.partnerships.hasOrganization(facts.partnershipId, org))) {
      throw validationFailed([{ path: 'value', message: 'names an organisation outside the partnership' }]);
    }
    const id = projects.addProposal(fiche.chapter_id, req.field, value, req.note ?? '', user.id, services.clock());
    audit.append({ userId: user.id, partnershipId: facts.partnershipId, chapterId: fiche.chapter_id, action: 'fiche.proposal_made', details: { proposalId: id, field: req.field } });
    collab.notifyChapter(fiche.chapter_id, { type: 'fiche-changed' });
    return c.json(proposalDto(projects.proposalById(id)!), 201);
  });

  const decideProposal = (accept: boolean) => async (c: Context<AppEnv>) => {
    const user = currentUser(c);
    const { fiche, facts } = requireFiche(user, c.req.param('id') ?? '', 'review');
    const proposal = projects.proposalById(c.req.param('pid') ?? '');
    if (!proposal || proposal.chapter_id !== fiche.chapter_id) throw notFound('No such proposal.');
    if (proposal.state !== 'open') throw conflict('The proposal is already decided.');
    if (accept) {
      if (!isFicheFieldName(proposal.field)) throw conflict('Unknown field.');
      const value = JSON.parse(proposal.value) as unknown;
      await collab.documents.change(fiche.chapter_id, user.id, (doc) => doc.getMap(FICHE_MAP).set(proposal.field, value));
    }
    if (!projects.decideProposal(proposal.id, accept ? 'accepted' : 'rejected', user.id, services.clock())) throw conflict('The proposal is already decided.');
    audit.append({
      userId: user.id, partnershipId: facts.partnershipId, chapterId: fiche.chapter_id,
      action: accept ? 'fiche.proposal_accepted' : 'fiche.proposal_rejected', details: { proposalId: proposal.id, field: proposal.field, authorId: proposal.author_id },
    });
    collab.notifyChapter(fiche.chapter_id, { type: 'fiche-changed' });
    return c.json(proposalDto(projects.proposalById(proposal.id)!));
  };
  app.post('/projects/:id/proposals/:pid/accept', decideProposal(true));
  app.post('/projects/:id/proposals/:pid/reject', decideProposal(false));

  app.post('/projects/:id/decision', async (c) => {
    const user = currentUser(c);
    // Recording the Rada Partnerstwa's decision is the coordinator's (the chapter "manage" right).
    const { fiche, facts } = requireFiche(user, c.req.param('id'), 'manage');
    const req = await readJson(c, FicheDecisionRequest);
    const now = services.clock();
    const allowedFrom: Record<typeof req.status, readonly string[]> = {
      accepted: ['proposed'], in_package: ['accepted'], rejected: ['proposed', 'accepted'],
    };
    if (!allowedFrom[req.status].includes(fiche.status)) throw conflict(`A fiche in status ${fiche.status} cannot become ${req.status}.`);
    if (req.status === 'accepted') {
      if (fiche.frozen_at !== null) throw chapterFrozen();
      const problems = acceptanceProblems(await readFicheFieldsLive(ctx, fiche.chapter_id));
      if (problems.length > 0) throw ficheNotReady(problems);
      // The text the Rada accepted stays findable: a named version of the fiche at this moment.
      const acceptedVersionId = await saveVersion(ctx, fiche.chapter_id, {
        kind: 'named', name: acceptanceVersionName(req.resolutionNumber, req.resolutionDate),
        userId: user.id, partnershipId: facts.partnershipId,
      });
      projects.decide(fiche.chapter_id, {
        status: 'accepted', resolutionNumber: req.resolutionNumber, resolutionDate: req.resolutionDate, acceptedVersionId, userId: user.id, at: now,
      });
    } else if (req.status === 'in_package') {
      projects.decide(fiche.chapter_id, {
        status: 'in_package', resolutionNumber: fiche.resolution_number, resolutionDate: fiche.resolution_date, userId: user.id, at: now,
      });
    } else {
      projects.decide(fiche.chapter_id, { status: 'rejected', rejectionReason: req.reason, userId: user.id, at: now });
    }
    audit.append({
      userId: user.id, partnershipId: facts.partnershipId, chapterId: fiche.chapter_id, action: `fiche.${req.status}`,
      details: { from: fiche.status, ...(req.status === 'accepted' ? { resolutionNumber: req.resolutionNumber, resolutionDate: req.resolutionDate } : {}), ...(req.status === 'rejected' ? { reason: req.reason } : {}) },
    });
    collab.notifyChapter(fiche.chapter_id, { type: 'fiche-changed' });
    return c.json({ id: fiche.chapter_id, status: req.status });
  });

  return app;
}
