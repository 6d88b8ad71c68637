/**
 * A partnership's organisations (issue 16): local governments are taken from the TERC list by
 * their code (one organisation per code in the installation, shared by partnerships); other
 * bodies are typed in. Removing takes an organisation out of the partnership only; the
 * organisation, its people and their history stay.
 */
import type { z } from 'zod';
import type { AddOrganizationRequest } from '../../shared/api.ts';
import type { PartnershipOrganizationDto } from '../../shared/apiTypes.ts';
import type { Services } from '../services.ts';
import { conflict, internal, notFound, validationFailed } from '../errors.ts';

/** The request after validation (defaults applied). */
type Parsed = z.output<typeof AddOrganizationRequest>;

/** @throws validation_failed for a code not in the TERC list; conflict when already there or a second leader */
export function addOrganization(services: Services, partnershipId: string, body: Parsed, actorId: string): PartnershipOrganizationDto {
  const { people, partnerships, terc, audit } = services.stores;
  const organizationId = services.db.transaction((): string => {
    let id: string;
    if ('terc' in body) {
      const unit = terc.byCode(body.terc);
      if (!unit) throw validationFailed([{ path: 'terc', message: 'not in the TERC list of this installation' }]);
      id = people.organizationByTerc(unit.code)?.id ?? people.createOrganization({ name: body.name ?? unit.name, kind: unit.kind, terc: unit.code });
    } else {
      id = people.createOrganization({ name: body.name, kind: body.kind, terc: null });
    }
    if (partnerships.hasOrganization(partnershipId, id)) throw conflict('The organisation is in the partnership already.');
    if (body.isLeader && partnerships.organizations(partnershipId).some((o) => o.isLeader)) {
      throw conflict('The partnership has a leader already.');
    }
    partnerships.addOrganization(partnershipId, id, { isLeader: body.isLeader, isPartner: body.isPartner });
    audit.append({ userId: actorId, partnershipId, action: 'organization.added', details: { organizationId: id, name: people.organizationById(id)?.name, terc: 'terc' in body ? body.terc : null } });
    return id;
  })();
  const added = partnerships.organizations(partnershipId).find((o) => o.id === organizationId);
  if (!added) throw internal();
  return added;
}

/** @throws not_found when not in the partnership; conflict for the leader or while active members belong to it */
export function removeOrganization(services: Services, partnershipId: string, organizationId: string, actorId: string): void {
  const { partnerships, audit } = services.stores;
  services.db.transaction(() => {
    const org = partnerships.organizations(partnershipId).find((o) => o.id === organizationId);
    if (!org) throw notFound('No such organisation in this partnership.');
    if (org.isLeader) throw conflict('The leader of the partnership cannot be removed.');
    if (partnerships.memberCountOfOrganization(partnershipId, organizationId) > 0) {
      throw conflict('Members of the partnership still belong to this organisation: deactivate or remove them first.');
    }
    partnerships.removeOrganization(partnershipId, organizationId);
    audit.append({ userId: actorId, partnershipId, action: 'organization.removed', details: { organizationId, name: org.name, terc: org.terc } });
  })();
}
