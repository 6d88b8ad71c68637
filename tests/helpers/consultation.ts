/**
 * A consultation of the Wałcz strategy for tests: a milestone over its chapters (made through
 * the API, so every chapter is frozen with its text) and a consultation open from the fake
 * clock's day (26 November 2026) to the earliest lawful end (31 December 2026).
 */
import { recordMilestoneHash } from '../../server/procedure/milestones.ts';
import type { MilestoneDto } from '../../shared/apiTypes.ts';
import type { ConsultationDto, CreateConsultationRequest } from '../../shared/consultation/api.ts';
import { demoUpdate } from '../../server/seed/demoDocument.ts';
import { DEMO, type TestContext } from './http.ts';

export const OPEN_FROM = '2026-11-26';
export const OPEN_UNTIL = '2026-12-31';

export async function makeMilestone(t: TestContext): Promise<MilestoneDto> {
  const w = t.demo.walcz;
  t.services.stores.documents.append([{
    chapterId: w.chapterIds[3],
    data: demoUpdate([{ type: 'paragraph', text: 'Pierwszy akapit diagnozy.' }, { type: 'paragraph', text: 'Drugi akapit diagnozy.' }]),
    userId: t.userId(DEMO.editorTuczno), at: t.clock.now,
  }]);
  t.clock.advance(60_000);
  const res = await t.request('POST', `/api/strategies/${w.strategyId}/milestones`, { cookie: await t.login(DEMO.coordinator), body: { name: 'Projekt do konsultacji' } });
  if (res.status !== 201) throw new Error(`milestone: ${res.status} ${await res.text()}`);
  return (await res.json()) as MilestoneDto;
}

export const consultationRequest = (milestoneId: string, extra: Partial<CreateConsultationRequest> = {}): CreateConsultationRequest => ({
  milestoneId, title: 'Konsultacje projektu strategii 2026', announcedOn: OPEN_FROM, startsOn: OPEN_FROM, endsOn: OPEN_UNTIL,
  introduction: 'Zapraszamy mieszkańców do zgłaszania uwag.', privacyClause: 'Administratorem danych jest Starostwo Powiatowe w Wałczu.',
  fields: { name: 'optional', email: 'optional', organisation: 'optional', locality: 'off' }, paragraphRemarks: true, retentionDays: 365, ...extra,
});

/** A milestone and an open consultation on it, made by the coordinator through the API. */
export async function openConsultation(t: TestContext, extra: Partial<CreateConsultationRequest> = {}): Promise<ConsultationDto> {
  const milestone = await makeMilestone(t);
  const res = await t.request('POST', `/api/strategies/${t.demo.walcz.strategyId}/consultations`, {
    cookie: await t.login(DEMO.coordinator), body: consultationRequest(milestone.id, extra),
  });
  if (res.status !== 201) throw new Error(`consultation: ${res.status} ${await res.text()}`);
  return (await res.json()) as ConsultationDto;
}

/** The same, made directly in storage (for fixtures that must not depend on the routes). */
export function storedConsultation(t: TestContext, dates: { announcedOn: string; startsOn: string; endsOn: string } = { announcedOn: OPEN_FROM, startsOn: OPEN_FROM, endsOn: OPEN_UNTIL }): { id: string; token: string; chapterId: string; remarkId: string } {
  const { versions, consultations } = t.services.stores;
  const w = t.demo.walcz;
  const chapterId = w.chapterIds[3];
  const milestoneId = versions.createMilestone({ strategyId: w.strategyId, name: 'Projekt', note: null, createdAt: t.clock.now, createdBy: t.userId(DEMO.coordinator) });
  versions.insert({
    chapterId, kind: 'approved', name: 'Projekt', note: null, createdAt: t.clock.now, createdBy: t.userId(DEMO.coordinator),
    state: new Uint8Array([0, 0]), json: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Akapit.' }] }] }),
    html: '<p>Akapit.</p>', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', milestoneId,
  });
  // As the milestone service does once its versions are stored.
  recordMilestoneHash(t.services, milestoneId);
  const row = consultations.create({
    strategyId: w.strategyId, milestoneId, title: 'Konsultacje', ...dates,
    introduction: 'Wprowadzenie.', privacyClause: 'Klauzula.', fields: JSON.stringify({ name: 'optional', email: 'optional', organisation: 'optional', locality: 'off' }),
    paragraphRemarks: true, retentionDays: 365, createdBy: t.userId(DEMO.coordinator), createdAt: t.clock.now,
  });
  const stored = consultations.addRemark({
    consultationId: row.id, chapterId, paragraph: 1, category: 'resident', currentWording: 'Akapit.', proposedChange: 'Zmiana.', justification: 'Bo tak.',
    name: 'Jan Kowalski', email: 'jan@example.pl', organisation: null, locality: null, submittedAt: t.clock.now,
  });
  return { id: row.id, token: row.public_token, chapterId, remarkId: stored.id };
}

export const remark = (extra: Record<string, unknown> = {}) => ({
  chapter: 1, category: 'resident', currentWording: '', proposedChange: 'Dodać ścieżkę rowerową Wałcz–Tuczno.',
  justification: 'Bezpieczny dojazd do szkoły.', privacyAcknowledged: true, ...extra,
});
