/**
 * Access matrix over every API route, enumerated from the router: each route × each kind of
 * person (coordinator, editor, expert, viewer, member of another partnership, anonymous).
 * A route missing from the table below fails the test, so new routes must be classified.
 * Refused writes must leave the database exactly as it was.
 */
import { recordMilestoneHash } from '../../server/procedure/milestones.ts';
import { describe, expect, it } from 'vitest';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import * as Y from 'yjs';
import { storeFile } from '../../server/storage/files.ts';
import { hashToken } from '../../server/auth/sessions.ts';
import { ACTOR_EMAIL, ACTOR_KINDS, type ActorKind } from '../helpers/demo.ts';
import { createFiche } from '../../server/projects/service.ts';
import { consultationRequest, remark, storedConsultation } from '../helpers/consultation.ts';
import { storedSurvey, surveyRequest, validSurveyAnswers } from '../helpers/survey.ts';
import { docxLibraryFile } from '../helpers/importFixtures.ts';

/** `commenter` (issue 16): the demo viewer, given the commenting role in this test's database. */
type Actor = ActorKind | 'commenter';
const ACTORS: Actor[] = [...ACTOR_KINDS, 'commenter'];
const EMAIL: Record<Exclude<Actor, 'anonymous'>, string> = { ...ACTOR_EMAIL, commenter: DEMO.viewer };

/**
 * How a route treats people:
 * - public: anyone, no session needed;
 * - session: any logged-in person (their own data), 401 for anonymous;
 * - read: members of the Wałcz partnership; 404 for the other partnership; 401 anonymous;
 * - manage: coordinators only; 403 for other members; 404 other partnership; 401 anonymous;
 * - comment: coordinators, editors, experts and commenters; 403 viewers; 404 other partnership; 401 anonymous;
 * - suggest: coordinators, editors and experts (experts withdraw their own suggestions); 403 viewers and commenters;
 * - review: coordinators and editors (accept/reject suggestions); 403 experts and viewers;
 * - edit: coordinators and editors (named versions, restore); 403 experts and viewers.
 * - admin: administrators of the installation only (none among these actors): 403 for every
 *   member, coordinators included, whatever partnership; 401 anonymous (issue 16);
 * - terc: administrators and coordinators of any partnership; 403 for other members.
 */
type Rule = 'public' | 'session' | 'read' | 'manage' | 'comment' | 'suggest' | 'review' | 'edit' | 'admin' | 'terc';

interface RouteCase {
  rule: Rule;
  path: (t: TestContext) => string;
  body?: (t: TestContext) => unknown;
  /** Bytes sent as the body instead of JSON, with their Content-Type. */
  raw?: { bytes: Uint8Array; type: string };
}

/** A real PNG for the figure routes. */
const PNG = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#2a7' } }).png().toBuffer();
/** A small DOCX made with the `docx` library, for the import preview. */
const DOCX = await docxLibraryFile();
/** The PNG stored as a file of the Wałcz partnership (for serving). */
const storedPng = (t: TestContext) => {
  const id = createHash('sha256').update(PNG).digest('hex');
  storeFile(t.services.db, { id, bytes: PNG, mime: 'image/png', width: 4, height: 3 },
    { partnershipId: w(t).partnershipId, userId: t.userId(DEMO.editorTuczno) }, t.clock.now);
  return id;
};

const w = (t: TestContext) => t.demo.walcz;
/** A comment thread by the coordinator (so only the coordinator may edit or delete its comment). */
const threads = new WeakMap<TestContext, { threadId: string; commentId: string }>();
const thread = (t: TestContext) => {
  let found = threads.get(t);
  if (!found) {
    const store = t.services.stores.comments;
    const threadId = store.createThread({
      chapterId: w(t).chapterIds[3], userId: t.userId(DEMO.coordinator), quote: 'q', body: 'b', mentions: [], at: t.clock.now,
    });
    found = { threadId, commentId: store.commentsOfThread(threadId)[0].id };
    threads.set(t, found);
  }
  return found;
};
/** A stored version of chapter 3 (for reading, comparing and restoring). */
const versionOf = (t: TestContext) =>
  t.services.stores.versions.insert({
    chapterId: w(t).chapterIds[3], kind: 'named', name: 'Stan wyjściowy', note: null, createdAt: t.clock.now,
    createdBy: t.userId(DEMO.coordinator), state: Y.encodeStateAsUpdate(new Y.Doc()), json: '{"type":"doc","content":[]}',
    html: '', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', milestoneId: null,
  });
/** Chapter 4, frozen (to be unfrozen). */
const frozenChapter = (t: TestContext) => {
  const id = w(t).chapterIds[4];
  t.services.stores.versions.freezeChapter(id, t.clock.now, t.userId(DEMO.coordinator), 'Uchwała nr 1/2026');
  return id;
};

/** The ZMP organisation of the Wałcz partnership (no coordinator belongs to it). */
const zmpOf = (t: TestContext) => t.services.stores.partnerships.organizations(w(t).partnershipId).find((o) => o.kind === 'zmp')!.id;
/** An organisation of the partnership without members (so removing it is allowed). */
const emptyOrg = (t: TestContext) => {
  const id = t.services.stores.people.createOrganization({ name: 'Fundacja bez członków', kind: 'inne', terc: null });
  t.services.stores.partnerships.addOrganization(w(t).partnershipId, id, { isLeader: false, isPartner: false });
  return id;
};
/** The strategy and its chapter 3, archived (to be restored). */
const archived = (t: TestContext) => {
  t.services.stores.structure.setStrategyArchived(w(t).strategyId, t.clock.now);
  t.services.stores.structure.setChapterArchived(w(t).chapterIds[3], t.clock.now);
  return { strategyId: w(t).strategyId, chapterId: w(t).chapterIds[3] };
};
/** An active calendar feed for every member of the Wałcz partnership (to be revoked); the partnership's id. */
const feedsForAll = (t: TestContext) => {
  for (const m of t.services.stores.partnerships.members(w(t).partnershipId)) {
    t.services.stores.calendarFeeds.create({ id: `feed-${m.userId}`, userId: m.userId, partnershipId: w(t).partnershipId, tokenHash: hashToken(`feed${m.userId}`), at: t.clock.now });
  }
  return w(t).partnershipId;
};
/** The coordinator's calendar feed; its secret token. */
const coordinatorFeed = (t: TestContext) => {
  const token = 'k'.repeat(52);
  t.services.stores.calendarFeeds.create({ id: 'feed-coordinator', userId: t.userId(DEMO.coordinator), partnershipId: w(t).partnershipId, tokenHash: hashToken(token), at: t.clock.now });
  return token;
};
/** A recorded adoption of the frozen milestone by the leader (Powiat: no editor belongs to it); its id. */
const powiatAdoption = (t: TestContext) =>
  t.services.stores.adoptions.record({
    milestoneId: frozenMilestone(t).id, organizationId: powiatOrg(t), body: 'rada_powiatu', resolutionNumber: 'XX/1/2027',
    resolutionDate: '2027-03-30', bipUrl: 'https://bip.powiatwalecki.pl/uchwala', recordedBy: t.userId(DEMO.coordinator), recordedAt: t.clock.now,
  });
/** A small PDF. */
const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'));
/** The Powiat adoption with its signed resolution attached; its id. */
const adoptionWithResolution = (t: TestContext) => {
  const adoptionId = powiatAdoption(t);
  t.services.stores.adoptions.attachResolution({ adoptionId, sha256: createHash('sha256').update(PDF).digest('hex'), bytes: Buffer.from(PDF), userId: t.userId(DEMO.coordinator), at: t.clock.now });
  return adoptionId;
};
/** Agnieszka Kowalczyk (editor of Człopa), deactivated (to be reactivated). */
const deactivated = (t: TestContext) => {
  const id = t.userId(DEMO.editorCzlopa);
  t.services.stores.partnerships.setDeactivated(w(t).partnershipId, id, t.clock.now);
  return id;
};
/** A milestone over chapter 3, frozen with its text (adoptions may be recorded for it); its hash. */
const frozenMilestones = new WeakMap<TestContext, { id: string; hash: string }>();
const frozenMilestone = (t: TestContext) => {
  let found = frozenMilestones.get(t);
  if (!found) {
    const { versions } = t.services.stores;
    const chapterId = w(t).chapterIds[3];
    const id = versions.createMilestone({ strategyId: w(t).strategyId, name: 'Wersja przyjęta', note: null, createdAt: t.clock.now, createdBy: t.userId(DEMO.coordinator) });
    const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    versions.insert({
      chapterId, kind: 'approved', name: 'Wersja przyjęta', note: null, createdAt: t.clock.now, createdBy: t.userId(DEMO.coordinator),
      state: Y.encodeStateAsUpdate(new Y.Doc()), json: '{"type":"doc","content":[]}', html: '', sha256, milestoneId: id,
    });
    recordMilestoneHash(t.services, id);
    versions.freezeChapter(chapterId, t.clock.now, t.userId(DEMO.coordinator), 'Wersja przyjęta');
    found = { id, hash: createHash('sha256').update(`${sha256}\n`).digest('hex') };
    frozenMilestones.set(t, found);
  }
  return found;
};
/** The leader (Powiat Wałecki): no demo account but the coordinator's may record its adoption. */
const powiatOrg = (t: TestContext) => t.services.stores.partnerships.organizations(w(t).partnershipId).find((o) => o.terc === '3217')!.id;

/** Key-project fiches (issue 19): a fiche of the Wałcz strategy, and an expert's open proposal on it. */
const fiches = new WeakMap<TestContext, { ficheId: string; proposalId: string }>();
const fiche = (t: TestContext) => {
  let found = fiches.get(t);
  if (!found) {
    const strategy = t.services.stores.chapters.strategyById(w(t).strategyId)!;
    const ficheId = createFiche(t.services, strategy, { title: 'Ścieżka rowerowa Wałcz–Tuczno' }, t.userId(DEMO.coordinator));
    const proposalId = t.services.stores.projects.addProposal(ficheId, 'totalCostGrosze', 150_000_00, 'Kosztorys', t.userId(DEMO.expert));
    found = { ficheId, proposalId };
    fiches.set(t, found);
  }
  return found;
};

/** Public consultation (issue 18): an open consultation with one remark, and one that has ended. */
const openConsultations = new WeakMap<TestContext, ReturnType<typeof storedConsultation>>();
const openConsultation = (t: TestContext) => {
  let found = openConsultations.get(t);
  if (!found) openConsultations.set(t, (found = storedConsultation(t)));
  return found;
};
const endedConsultation = (t: TestContext) => storedConsultation(t, { announcedOn: '2026-09-01', startsOn: '2026-09-01', endsOn: '2026-10-15' });

const surveys = new WeakMap<TestContext, ReturnType<typeof storedSurvey>>();
const survey = (t: TestContext) => {
  let found = surveys.get(t);
  if (!found) surveys.set(t, (found = storedSurvey(t)));
  return found;
};

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { rule: 'public', path: () => '/api/health' },
  // Serving and operations (issue 16).
  'GET /api/health/ready': { rule: 'public', path: () => '/api/health/ready' },
  'POST /api/auth/login': { rule: 'public', path: () => '/api/auth/login', body: () => ({ email: DEMO.viewer, password: 'strategia-demo' }) },
  'POST /api/auth/logout': { rule: 'public', path: () => '/api/auth/logout' },
  'GET /api/auth/me': { rule: 'session', path: () => '/api/auth/me' },
  'POST /api/auth/password': {
    rule: 'session',
    path: () => '/api/auth/password',
    body: () => ({ currentPassword: 'strategia-demo', newPassword: 'nowe-haslo-2026' }),
  },
  'GET /api/strategies': { rule: 'session', path: () => '/api/strategies' },
  'GET /api/partnerships': { rule: 'session', path: () => '/api/partnerships' },
  'GET /api/strategies/:id': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}` },
  'POST /api/strategies/:id/chapters': { rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}/chapters`, body: () => ({ title: 'Nowy rozdział' }) },
  'POST /api/strategies/:id/chapters/order': {
    rule: 'manage',
    path: (t) => `/api/strategies/${w(t).strategyId}/chapters/order`,
    body: (t) => ({ chapterIds: [...w(t).chapterIds].reverse() }),
  },
  'GET /api/partnerships/:id': { rule: 'read', path: (t) => `/api/partnerships/${w(t).partnershipId}` },
  'POST /api/partnerships/:id/members': {
    rule: 'manage',
    path: (t) => `/api/partnerships/${w(t).partnershipId}/members`,
    body: (t) => ({
      email: 'nowy@walcz.example', name: 'Jan Nowy', role: 'viewer',
      organizationId: t.services.stores.partnerships.organizations(w(t).partnershipId)[0].id,
    }),
  },
  'PATCH /api/partnerships/:id/members/:userId': {
    rule: 'manage',
    path: (t) => `/api/partnerships/${w(t).partnershipId}/members/${t.userId(DEMO.editorCzlopa)}`,
    body: () => ({ role: 'viewer' }),
  },
  'DELETE /api/partnerships/:id/members/:userId': {
    rule: 'manage',
    path: (t) => `/api/partnerships/${w(t).partnershipId}/members/${t.userId(DEMO.editorCzlopa)}`,
  },
  'GET /api/chapters/:id': { rule: 'read', path: (t) => `/api/chapters/${w(t).chapterIds[3]}` },
  'PATCH /api/chapters/:id': { rule: 'manage', path: (t) => `/api/chapters/${w(t).chapterIds[3]}`, body: () => ({ title: 'Zmieniony' }) },
  'GET /api/chapters/:id/comments': { rule: 'read', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/comments` },
  'POST /api/chapters/:id/comments': {
    rule: 'comment', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/comments`, body: () => ({ quote: 'q', body: 'Uwaga' }),
  },
  'POST /api/threads/:id/comments': { rule: 'comment', path: (t) => `/api/threads/${thread(t).threadId}/comments`, body: () => ({ body: 'Odpowiedź' }) },
  'POST /api/threads/:id/resolve': { rule: 'comment', path: (t) => `/api/threads/${thread(t).threadId}/resolve` },
  'POST /api/threads/:id/reopen': { rule: 'comment', path: (t) => `/api/threads/${thread(t).threadId}/reopen` },
  // Only a comment's author may change it; the fixture's author is the coordinator.
  'PATCH /api/comments/:id': { rule: 'manage', path: (t) => `/api/comments/${thread(t).commentId}`, body: () => ({ body: 'Zmiana' }) },
  'DELETE /api/comments/:id': { rule: 'manage', path: (t) => `/api/comments/${thread(t).commentId}` },
  'GET /api/partnerships/:id/mentionable': { rule: 'read', path: (t) => `/api/partnerships/${w(t).partnershipId}/mentionable?q=a` },
  'GET /api/inbox': { rule: 'session', path: () => '/api/inbox' },
  'POST /api/inbox/read': { rule: 'session', path: () => '/api/inbox/read', body: () => ({ threadIds: ['nieznany1234567'] }) },
  'GET /api/chapters/:id/suggestions': { rule: 'read', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/suggestions` },
  'POST /api/chapters/:id/suggestions/decide': {
    rule: 'review', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/suggestions/decide`, body: () => ({ decision: 'accept', all: true }),
  },
  'POST /api/chapters/:id/suggestions/withdraw': { rule: 'suggest', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/suggestions/withdraw`, body: () => ({}) },
  'GET /api/chapters/:id/suggestions/decisions': { rule: 'read', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/suggestions/decisions` },
  'PUT /api/chapters/:id/suggest-lock': { rule: 'manage', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/suggest-lock`, body: () => ({ locked: true }) },
  'GET /api/chapters/:id/versions': { rule: 'read', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/versions` },
  'POST /api/chapters/:id/versions': { rule: 'edit', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/versions`, body: () => ({ name: 'Po warsztatach' }) },
  'GET /api/chapters/:id/compare': { rule: 'read', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/compare?from=${versionOf(t)}&to=current` },
  'GET /api/versions/:id': { rule: 'read', path: (t) => `/api/versions/${versionOf(t)}` },
  'POST /api/versions/:id/restore': { rule: 'edit', path: (t) => `/api/versions/${versionOf(t)}/restore` },
  'POST /api/chapters/:id/freeze': { rule: 'manage', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/freeze`, body: () => ({ note: 'Uchwała nr 3/2021' }) },
  'POST /api/chapters/:id/unfreeze': { rule: 'manage', path: (t) => `/api/chapters/${frozenChapter(t)}/unfreeze`, body: () => ({ reason: 'Poprawka redakcyjna' }) },
  'GET /api/strategies/:id/milestones': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/milestones` },
  'POST /api/strategies/:id/milestones': {
    rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}/milestones`, body: () => ({ name: 'Projekt do konsultacji', note: 'Uchwała nr 2/2026' }),
  },
  'GET /api/partnerships/:id/audit': { rule: 'manage', path: (t) => `/api/partnerships/${w(t).partnershipId}/audit` },
  'GET /api/partnerships/:id/audit.csv': { rule: 'manage', path: (t) => `/api/partnerships/${w(t).partnershipId}/audit.csv` },
  'GET /api/invitations/:token': { rule: 'public', path: () => `/api/invitations/${'a'.repeat(39)}` },
  'POST /api/invitations/:token/accept': { rule: 'public', path: () => `/api/invitations/${'a'.repeat(39)}/accept`, body: () => ({ password: 'haslo-zaproszenia' }) },
  // Figures: uploading is for those who may edit or suggest; files are served to members of an owning partnership.
  'POST /api/chapters/:id/files': {
    rule: 'suggest', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/files`, raw: { bytes: new Uint8Array(PNG), type: 'image/png' },
  },
  'GET /api/files/:fileId': { rule: 'read', path: (t) => `/api/files/${storedPng(t)}` },
  // DOCX import (issue 15): for those who may edit or suggest. The preview writes nothing; the
  // confirmation of a made-up preview answers 410 import_preview_expired once access is granted.
  'POST /api/chapters/:id/import/preview': {
    rule: 'suggest', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/import/preview`, raw: { bytes: DOCX, type: 'application/octet-stream' },
  },
  'POST /api/chapters/:id/import': {
    rule: 'suggest', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/import`, body: () => ({ token: 'a'.repeat(32), mode: 'append' }),
  },
  // A whole-strategy file split into chapters: for those who may manage the strategy's chapters.
  'POST /api/strategies/:id/import/preview': {
    rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}/import/preview`, raw: { bytes: DOCX, type: 'application/octet-stream' },
  },
  'POST /api/strategies/:id/import': {
    rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}/import`, body: () => ({ token: 'a'.repeat(32), mapping: [{ section: 0, chapterId: null }] }),
  },
  // Export: everyone who may read may download (viewers too).
  ...Object.fromEntries((['docx', 'pdf', 'md'] as const).flatMap((f) => [
    [`GET /api/strategies/:id/export.${f}`, { rule: 'read', path: (t: TestContext) => `/api/strategies/${w(t).strategyId}/export.${f}` }],
    [`GET /api/chapters/:id/export.${f}`, { rule: 'read', path: (t: TestContext) => `/api/chapters/${w(t).chapterIds[3]}/export.${f}` }],
  ])) as Record<string, RouteCase>,
  // Accounts and e-mail: the reset request answers the same for everyone; made-up reset tokens are 404.
  'POST /api/auth/password-reset': { rule: 'public', path: () => '/api/auth/password-reset', body: () => ({ email: DEMO.viewer }) },
  'GET /api/auth/password-reset/:token': { rule: 'public', path: () => `/api/auth/password-reset/${'a'.repeat(32)}` },
  'POST /api/auth/password-reset/:token': {
    rule: 'public', path: () => `/api/auth/password-reset/${'a'.repeat(32)}`, body: () => ({ password: 'nowe-haslo-2026' }),
  },
  'GET /api/account/notifications': { rule: 'session', path: () => '/api/account/notifications' },
  'PUT /api/account/notifications': { rule: 'session', path: () => '/api/account/notifications', body: () => ({ mode: 'digest' }) },
  // ---- installation administration and partnership structure (issue 16) ----
  'GET /api/setup/:token': { rule: 'public', path: () => `/api/setup/${'a'.repeat(39)}` },
  'POST /api/setup/:token': { rule: 'public', path: () => `/api/setup/${'a'.repeat(39)}`, body: () => ({ password: 'haslo-administratora' }) },
  'GET /api/admin/partnerships': { rule: 'admin', path: () => '/api/admin/partnerships' },
  'POST /api/admin/partnerships': { rule: 'admin', path: () => '/api/admin/partnerships', body: () => ({ name: 'Nowe partnerstwo' }) },
  'GET /api/admin/partnerships/:id': { rule: 'admin', path: (t) => `/api/admin/partnerships/${w(t).partnershipId}` },
  'POST /api/admin/partnerships/:id/organizations': {
    rule: 'admin', path: (t) => `/api/admin/partnerships/${w(t).partnershipId}/organizations`, body: () => ({ name: 'Fundacja', kind: 'inne' }),
  },
  'DELETE /api/admin/partnerships/:id/organizations/:organizationId': {
    rule: 'admin', path: (t) => `/api/admin/partnerships/${w(t).partnershipId}/organizations/${zmpOf(t)}`,
  },
  'POST /api/admin/partnerships/:id/strategies': {
    rule: 'admin', path: (t) => `/api/admin/partnerships/${w(t).partnershipId}/strategies`, body: () => ({ title: 'Druga strategia' }),
  },
  'POST /api/admin/partnerships/:id/coordinators': {
    rule: 'admin', path: (t) => `/api/admin/partnerships/${w(t).partnershipId}/coordinators`,
    body: (t) => ({ email: 'koord2@walcz.example', name: 'Jan Drugi', organizationId: zmpOf(t) }),
  },
  'GET /api/strategies/:id/progress': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/progress` },
  'GET /api/terc': { rule: 'terc', path: () => '/api/terc?q=wal' },
  'POST /api/partnerships/:id/organizations': {
    rule: 'manage', path: (t) => `/api/partnerships/${w(t).partnershipId}/organizations`, body: () => ({ name: 'Fundacja', kind: 'inne' }),
  },
  'DELETE /api/partnerships/:id/organizations/:organizationId': {
    rule: 'manage', path: (t) => `/api/partnerships/${w(t).partnershipId}/organizations/${emptyOrg(t)}`,
  },
  'POST /api/partnerships/:id/strategies': {
    rule: 'manage', path: (t) => `/api/partnerships/${w(t).partnershipId}/strategies`, body: () => ({ title: 'Druga strategia' }),
  },
  'PATCH /api/strategies/:id': { rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}`, body: () => ({ title: 'Nowy tytuł' }) },
  'POST /api/strategies/:id/archive': { rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}/archive` },
  'POST /api/strategies/:id/restore': { rule: 'manage', path: (t) => `/api/strategies/${archived(t).strategyId}/restore` },
  'POST /api/chapters/:id/archive': { rule: 'manage', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/archive` },
  'POST /api/chapters/:id/restore': { rule: 'manage', path: (t) => `/api/chapters/${archived(t).chapterId}/restore` },
  'PUT /api/chapters/:id/plan': { rule: 'manage', path: (t) => `/api/chapters/${w(t).chapterIds[3]}/plan`, body: () => ({ dueDate: '2027-06-30' }) },
  'POST /api/partnerships/:id/members/:userId/deactivate': {
    rule: 'manage', path: (t) => `/api/partnerships/${w(t).partnershipId}/members/${t.userId(DEMO.editorCzlopa)}/deactivate`,
  },
  'POST /api/partnerships/:id/members/:userId/reactivate': {
    rule: 'manage', path: (t) => `/api/partnerships/${w(t).partnershipId}/members/${deactivated(t)}/reactivate`,
  },
  // The statutory procedure (issue 17): members read the timeline and completeness; coordinators record dates and chapter choices.
  'GET /api/strategies/:id/procedure': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/procedure` },
  'PUT /api/strategies/:id/procedure': {
    rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}/procedure`, body: () => ({ dates: { work_started: '2026-03-12' } }),
  },
  'GET /api/strategies/:id/adoptions': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/adoptions` },
  // Editors record their own organisation's adoption only: the body names the leader, which no editor account belongs to.
  'POST /api/milestones/:id/adoptions': {
    rule: 'manage',
    path: (t) => `/api/milestones/${frozenMilestone(t).id}/adoptions`,
    body: (t) => ({
      organizationId: powiatOrg(t), body: 'rada_powiatu', resolutionNumber: 'XX/1/2027', resolutionDate: '2027-03-30', bipUrl: 'https://bip.powiatwalecki.pl/uchwala',
    }),
  },
  // The verification page's data: anyone, by the milestone's hash.
  'GET /api/public/milestones/:hash': { rule: 'public', path: (t) => `/api/public/milestones/${frozenMilestone(t).hash}` },
  // Signed resolutions: attached by whoever may record that partner's adoption (Powiat: the coordinator only), read by members.
  'POST /api/adoptions/:id/resolution': {
    rule: 'manage', path: (t) => `/api/adoptions/${powiatAdoption(t)}/resolution`, raw: { bytes: PDF, type: 'application/pdf' },
  },
  'GET /api/adoptions/:id/resolution.pdf': { rule: 'read', path: (t) => `/api/adoptions/${adoptionWithResolution(t)}/resolution.pdf` },
  // Personal calendar feeds: every member manages their own; the feed itself is read without a session.
  'GET /api/partnerships/:id/calendar-feed': { rule: 'read', path: (t) => `/api/partnerships/${w(t).partnershipId}/calendar-feed` },
  'POST /api/partnerships/:id/calendar-feed': { rule: 'read', path: (t) => `/api/partnerships/${w(t).partnershipId}/calendar-feed` },
  'DELETE /api/partnerships/:id/calendar-feed': { rule: 'read', path: (t) => `/api/partnerships/${feedsForAll(t)}/calendar-feed` },
  'GET /api/public/calendar/:file': { rule: 'public', path: (t) => `/api/public/calendar/${coordinatorFeed(t)}.ics` },
  // Public consultation (issue 18).
  'POST /api/strategies/:id/consultations': {
    rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}/consultations`, body: (t) => consultationRequest(frozenMilestone(t).id),
  },
  'GET /api/strategies/:id/consultations': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/consultations` },
  'GET /api/consultations/:id': { rule: 'read', path: (t) => `/api/consultations/${openConsultation(t).id}` },
  'GET /api/consultations/:id/remarks': { rule: 'read', path: (t) => `/api/consultations/${openConsultation(t).id}/remarks?category=resident` },
  'GET /api/consultations/:id/csv': { rule: 'read', path: (t) => `/api/consultations/${openConsultation(t).id}/csv` },
  'GET /api/consultations/:id/report': { rule: 'read', path: (t) => `/api/consultations/${openConsultation(t).id}/report?format=docx` },
  'POST /api/consultations/:id/report-published': { rule: 'manage', path: (t) => `/api/consultations/${endedConsultation(t).id}/report-published` },
  // Coordinators and editors answer and make suggestions; only the coordinator erases personal data.
  'PUT /api/remarks/:id': { rule: 'edit', path: (t) => `/api/remarks/${openConsultation(t).remarkId}`, body: () => ({ answer: 'accepted' }) },
  'POST /api/remarks/:id/suggestion': { rule: 'edit', path: (t) => `/api/remarks/${openConsultation(t).remarkId}/suggestion` },
  'DELETE /api/remarks/:id/personal-data': { rule: 'manage', path: (t) => `/api/remarks/${openConsultation(t).remarkId}/personal-data` },
  'GET /api/public/consultations/:token': { rule: 'public', path: (t) => `/api/public/consultations/${openConsultation(t).token}` },
  // Resident surveys (issue 18): coordinators and editors build them (the `edit` rule), members read results.
  'POST /api/strategies/:id/surveys': { rule: 'edit', path: (t) => `/api/strategies/${w(t).strategyId}/surveys`, body: () => surveyRequest() },
  'GET /api/strategies/:id/surveys': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/surveys` },
  'GET /api/surveys/:id': { rule: 'read', path: (t) => `/api/surveys/${survey(t).id}` },
  'GET /api/surveys/:id/results': { rule: 'read', path: (t) => `/api/surveys/${survey(t).id}/results?by=wiek&merge=1,2` },
  'GET /api/surveys/:id/csv': { rule: 'read', path: (t) => `/api/surveys/${survey(t).id}/csv` },
  'GET /api/surveys/:id/summary': { rule: 'read', path: (t) => `/api/surveys/${survey(t).id}/summary?format=pdf` },
  'POST /api/surveys/:id/insert': { rule: 'edit', path: (t) => `/api/surveys/${survey(t).id}/insert`, body: (t) => ({ chapterId: w(t).chapterIds[3] }) },
  'GET /api/surveys/:id/qr': { rule: 'read', path: (t) => `/api/surveys/${survey(t).id}/qr` },
  'GET /api/public/surveys/:token': { rule: 'public', path: (t) => `/api/public/surveys/${survey(t).token}` },
  'POST /api/public/surveys/:token/responses': { rule: 'public', path: (t) => `/api/public/surveys/${survey(t).token}/responses`, body: () => ({ answers: validSurveyAnswers }) },
  'POST /api/public/consultations/:token/remarks': { rule: 'public', path: (t) => `/api/public/consultations/${openConsultation(t).token}/remarks`, body: () => remark() },
  'GET /api/strategies/:id/completeness': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/completeness` },
  'PUT /api/strategies/:id/completeness': {
    rule: 'manage', path: (t) => `/api/strategies/${w(t).strategyId}/completeness`, body: (t) => ({ chapters: { directions: w(t).chapterIds[4] } }),
  },
  // Key-project fiches and the package (issue 19): members read; editors create fiches and decide
  // proposals; whoever may suggest proposes a field value; coordinators record the Rada's decision.
  'GET /api/strategies/:id/projects': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/projects` },
  'POST /api/strategies/:id/projects': { rule: 'edit', path: (t) => `/api/strategies/${w(t).strategyId}/projects`, body: () => ({ title: 'Nowa karta' }) },
  'GET /api/strategies/:id/projects/links': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/projects/links` },
  'GET /api/strategies/:id/projects/export.csv': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/projects/export.csv` },
  'GET /api/strategies/:id/projects/export.xlsx': { rule: 'read', path: (t) => `/api/strategies/${w(t).strategyId}/projects/export.xlsx` },
  'GET /api/projects/:id': { rule: 'read', path: (t) => `/api/projects/${fiche(t).ficheId}` },
  'POST /api/projects/:id/proposals': {
    rule: 'suggest', path: (t) => `/api/projects/${fiche(t).ficheId}/proposals`, body: () => ({ field: 'contact', value: 'Kierownik referatu inwestycji' }),
  },
  'POST /api/projects/:id/proposals/:pid/accept': { rule: 'review', path: (t) => `/api/projects/${fiche(t).ficheId}/proposals/${fiche(t).proposalId}/accept` },
  'POST /api/projects/:id/proposals/:pid/reject': { rule: 'review', path: (t) => `/api/projects/${fiche(t).ficheId}/proposals/${fiche(t).proposalId}/reject` },
  'POST /api/projects/:id/decision': {
    rule: 'manage', path: (t) => `/api/projects/${fiche(t).ficheId}/decision`, body: () => ({ status: 'rejected', reason: 'Poza zakresem strategii' }),
  },
};

function expectedStatus(rule: Rule, actor: Actor): 'ok' | 401 | 403 | 404 {
  if (rule === 'public') return 'ok';
  if (actor === 'anonymous') return 401;
  if (rule === 'session') return 'ok';
  if (rule === 'admin') return 403;
  if (rule === 'terc') return actor === 'coordinator' ? 'ok' : 403;
  if (actor === 'other') return 404;
  if (rule === 'read') return 'ok';
  if (rule === 'comment') return actor === 'viewer' ? 403 : 'ok';
  if (rule === 'suggest') return actor === 'viewer' || actor === 'commenter' ? 403 : 'ok';
  if (rule === 'review' || rule === 'edit') return actor === 'coordinator' || actor === 'editor' ? 'ok' : 403;
  return actor === 'coordinator' ? 'ok' : 403;
}

/** Everything a write could change, as one comparable string. */
function snapshot(t: TestContext): string {
  const tables = [
    'users', 'memberships', 'invitations', 'strategies', 'chapters', 'partnerships', 'audit_log',
    'chapter_versions', 'milestones', 'doc_updates', 'doc_states', 'comment_threads', 'comments', 'suggestion_decisions',
    'files', 'partnership_files',
    // DOCX import (issue 15).
    'import_author_links',
    // The statutory procedure (issue 17).
    'procedure_dates', 'procedure_settings', 'completeness_chapters', 'adoptions', 'milestone_hashes', 'milestone_completeness',
    // Key-project fiches (issue 19).
    'project_fiches', 'fiche_proposals',
    'calendar_feeds', 'resolution_files', 'adoption_resolutions',
    // Public consultation (issue 18).
    'consultations', 'consultation_remarks', 'surveys', 'survey_responses',
  ];
  return JSON.stringify(tables.map((name) => t.services.db.prepare(`SELECT * FROM ${name} ORDER BY 1, 2`).all()));
}

describe('access matrix', async () => {
  const probe = await createTestContext();
  const routes = probe.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}`);
  probe.close();

  it('classifies every API route of the router', () => {
    expect(routes.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(18);
  });

  it.each(routes)('%s', async (route) => {
    const spec = ROUTES[route];
    const method = route.split(' ')[0];
    let attempts = 0;
    for (const actor of ACTORS) {
      // A fresh database per attempt, so each write is judged on the same starting state.
      const t = await createTestContext();
      try {
        if (actor === 'commenter') t.services.stores.partnerships.setRole(t.demo.walcz.partnershipId, t.userId(DEMO.viewer), 'commenter');
        const cookie = actor === 'anonymous' ? undefined : await t.login(EMAIL[actor]);
        // Fixtures (a thread, a version, a frozen chapter) are made before the snapshot.
        const path = spec.path(t);
        const body = spec.body?.(t);
        const before = snapshot(t);
        const res = await t.request(method, path, spec.raw
          ? { cookie, rawBody: spec.raw.bytes, headers: { 'content-type': spec.raw.type } }
          : { cookie, body });
        const expected = expectedStatus(spec.rule, actor);
        attempts++;
        if (expected === 'ok') {
          // Public token routes answer 404 invitation_invalid for a made-up token: they must not be 401/403.
          if (route.includes('/invitations/') || route.includes('/password-reset/') || route.includes('/setup/')) expect(res.status, `${route} as ${actor}`).toBe(404);
          else if (route === 'POST /api/chapters/:id/import' || route === 'POST /api/strategies/:id/import') expect(res.status, `${route} as ${actor}`).toBe(410);
          else expect(res.status, `${route} as ${actor}: ${await res.clone().text()}`).toBeLessThan(300);
        } else {
          expect(res.status, `${route} as ${actor}`).toBe(expected);
          if (method !== 'GET') expect(snapshot(t), `${route} as ${actor} changed the database`).toBe(before);
        }
      } finally {
        t.close();
      }
    }
    expect(attempts).toBe(ACTORS.length);
  }, 120_000); // export routes write whole documents in worker threads, six times over

  it('answers an unknown id exactly like another partnership’s id (no existence leak)', async () => {
    const t = await createTestContext();
    try {
      const member = await t.login(DEMO.coordinator);
      const outsider = await t.login(DEMO.otherPartnership);
      const pairs: [string, string][] = [
        [`/api/chapters/${t.demo.walcz.chapterIds[1]}`, '/api/chapters/nieznany1234567'],
        [`/api/strategies/${t.demo.walcz.strategyId}`, '/api/strategies/nieznany1234567'],
        [`/api/partnerships/${t.demo.walcz.partnershipId}`, '/api/partnerships/nieznany1234567'],
        // The statutory procedure (issue 17).
        [`/api/strategies/${t.demo.walcz.strategyId}/procedure`, '/api/strategies/nieznany1234567/procedure'],
        [`/api/strategies/${t.demo.walcz.strategyId}/completeness`, '/api/strategies/nieznany1234567/completeness'],
        [`/api/strategies/${t.demo.walcz.strategyId}/adoptions`, '/api/strategies/nieznany1234567/adoptions'],
        // Key-project fiches (issue 19).
        [`/api/strategies/${t.demo.walcz.strategyId}/projects`, '/api/strategies/nieznany1234567/projects'],
        [`/api/projects/${fiche(t).ficheId}`, '/api/projects/nieznany1234567'],
      ];
      for (const [foreignPath, unknownPath] of pairs) {
        const foreign = await t.request('GET', foreignPath, { cookie: outsider });
        const unknown = await t.request('GET', unknownPath, { cookie: member });
        expect(foreign.status).toBe(404);
        expect(await foreign.text()).toBe(await unknown.text());
      }
    } finally {
      t.close();
    }
  });
});
