/**
 * Partners' adoptions of a milestone's text (docs/procedure.md "Adoptions"):
 * - GET /strategies/:id/adoptions: the partners × milestones matrix (members);
 * - POST /milestones/:id/adoptions: record one partner's decision (policy: mayRecordAdoption);
 * - GET /public/milestones/:hash: the verification page's data, without login, rate-limited,
 *   no personal data and nothing else of the partnership.
 */
import { Hono } from 'hono';
import {
  MILESTONE_HASH, VerificationLimits,
  type AdoptingBody, type AdoptionDto, type AdoptionMatrixDto, type MilestoneAdoptionsDto, type PublicMilestoneDto,
} from '../../../shared/procedure/adoptions.ts';
import { RecordAdoptionRequest } from '../../../shared/procedure/api.ts';
import { mayInPartnership, mayRecordAdoption } from '../../auth/policy.ts';
import { BucketMap } from '../../auth/rateLimit.ts';
import type { AppEnv } from '../../context.ts';
import { hashOfMilestone, milestoneFrozen, milestoneStale } from '../../procedure/milestones.ts';
import type { Services } from '../../services.ts';
import type { AdoptionRow } from '../../storage/adoptions.ts';
import { requireStrategy } from '../../auth/access.ts';
import { conflict, forbidden, milestoneNotFrozen, notFound, rateLimited, validationFailed } from '../../errors.ts';
import { currentUser } from '../middleware/requireUser.ts';
import { readJson } from '../validate.ts';

const toAdoption = (a: AdoptionRow, stale: boolean): AdoptionDto => ({
  id: a.id,
  milestoneId: a.milestone_id,
  organization: { id: a.organization_id, name: a.org_name, terc: a.org_terc },
  body: a.body as AdoptingBody,
  resolutionNumber: a.resolution_number,
  resolutionDate: a.resolution_date,
  bipUrl: a.bip_url,
  stale,
  resolution: a.resolution_sha256 !== null ? { sha256: a.resolution_sha256, size: a.resolution_size ?? 0 } : null,
});

export function adoptionRoutes(services: Services): Hono<AppEnv> {
  const { adoptions, versions, partnerships, chapters, audit } = services.stores;
  const verifications = new BucketMap(VerificationLimits.perAddress, services.clock);
  const app = new Hono<AppEnv>();

  const milestoneDto = (m: { id: string; name: string; created_at: number }): MilestoneAdoptionsDto => {
    const stale = milestoneStale(services, m.id);
    return {
      id: m.id, name: m.name, createdAt: new Date(m.created_at).toISOString(), hash: hashOfMilestone(services, m.id), stale,
      completeness: adoptions.completenessOf(m.id),
      adoptions: adoptions.ofMilestone(m.id).map((a) => toAdoption(a, stale)),
    };
  };

  app.get('/strategies/:id/adoptions', (c) => {
    const { strategy } = requireStrategy(services, currentUser(c), c.req.param('id'), 'read');
    const body: AdoptionMatrixDto = {
      strategyId: strategy.id,
      organizations: partnerships.organizations(strategy.partnership_id).filter((o) => o.isPartner).map((o) => ({ id: o.id, name: o.name, terc: o.terc })),
      milestones: versions.milestonesOf(strategy.id).map(milestoneDto),
    };
    return c.json(body);
  });

  app.post('/milestones/:id/adoptions', async (c) => {
    const user = currentUser(c);
    const milestone = adoptions.milestoneById(c.req.param('id'));
    // A milestone of another partnership answers as one that does not exist.
    const strategy = milestone ? chapters.strategyById(milestone.strategy_id) : undefined;
    const role = strategy ? partnerships.roleOf(strategy.partnership_id, user.id) : null;
    if (!milestone || !strategy || !mayInPartnership(role, 'read')) throw notFound('No such milestone.');
    const request = await readJson(c, RecordAdoptionRequest);
    const partner = partnerships.organizations(strategy.partnership_id).find((o) => o.id === request.organizationId && o.isPartner);
    if (!partner) throw validationFailed([{ path: 'organizationId', message: 'not a partner of this partnership' }]);
    if (!mayRecordAdoption(role, user.organization_id, partner.id)) throw forbidden();
    if (!milestoneFrozen(services, milestone.id)) throw milestoneNotFrozen();
    if (adoptions.has(milestone.id, partner.id)) throw conflict('This partner’s adoption of the milestone is already recorded.');
    const id = adoptions.record({ milestoneId: milestone.id, ...request, recordedBy: user.id, recordedAt: services.clock() });
    const hash = hashOfMilestone(services, milestone.id);
    audit.append({
      userId: user.id, partnershipId: strategy.partnership_id, action: 'adoption.recorded',
      details: { milestoneId: milestone.id, milestoneHash: hash, organizationId: partner.id, body: request.body, resolutionNumber: request.resolutionNumber, resolutionDate: request.resolutionDate, bipUrl: request.bipUrl },
    });
    const row = adoptions.ofMilestone(milestone.id).find((a) => a.id === id);
    if (!row) throw notFound();
    return c.json(toAdoption(row, false), 201);
  });

  app.get('/public/milestones/:hash', (c) => {
    const address = c.get('clientIp') ?? 'unknown';
    if (!verifications.take(address)) {
      throw rateLimited(Math.max(1, Math.ceil(verifications.waitMs(address) / 1000)));
    }
    const hash = c.req.param('hash').toLowerCase();
    if (!MILESTONE_HASH.test(hash)) throw notFound('No milestone with this hash.');
    const milestoneId = adoptions.milestoneByHash(hash);
    const milestone = milestoneId ? adoptions.milestoneById(milestoneId) : undefined;
    const strategy = milestone ? chapters.strategyById(milestone.strategy_id) : undefined;
    if (!milestone || !strategy) throw notFound('No milestone with this hash.');
    const stale = milestoneStale(services, milestone.id);
    const body: PublicMilestoneDto = {
      partnership: strategy.partnership_name,
      strategy: strategy.title,
      milestone: { name: milestone.name, createdAt: new Date(milestone.created_at).toISOString(), hash, stale },
      chapters: versions.milestoneVersions(milestone.id).map((v) => ({ title: v.title, sha256: v.sha256 })),
      adoptions: adoptions.ofMilestone(milestone.id).map((a) => ({
        organization: a.org_name, terc: a.org_terc, body: a.body as AdoptingBody, resolutionNumber: a.resolution_number,
        resolutionDate: a.resolution_date, bipUrl: a.bip_url, stale,
      })),
    };
    return c.json(body);
  });

  return app;
}
