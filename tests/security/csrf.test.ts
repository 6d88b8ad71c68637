/**
 * CSRF over every route of the router (enumerated from app.routes, not listed by hand):
 * - every unsafe route (POST/PUT/PATCH/DELETE) with a coordinator's valid session is refused
 *   with 403 for a foreign, `null` or look-alike Origin and for a browser request marked
 *   cross-site without Origin, and with 415 for a form or text body from the app's own origin;
 *   the database is unchanged each time;
 * - every GET route, for each kind of person, changes nothing in the database.
 * The sessions table is left out of the comparison: a request with a session slides its
 * expiry (that is the idle timeout working, not a change made by the route).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';
import { figure } from '../helpers/reliability/figures.ts';
import { createFiche } from '../../server/projects/service.ts';
import { storedConsultation } from '../helpers/consultation.ts';
import { storedSurvey } from '../helpers/survey.ts';

let t: TestContext;
let routes: { method: string; path: string }[];
let params: Record<string, string>;
const HOST = 'localhost:3000';
const OWN = `http://${HOST}`;

beforeAll(async () => {
  t = await createTestContext();
  routes = t.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.path === r.path) === i);
  const w = t.demo.walcz;
  const comments = t.services.stores.comments;
  const threadId = comments.createThread({ chapterId: w.chapterIds[3], userId: t.userId(DEMO.coordinator), quote: 'q', body: 'b', mentions: [], at: t.clock.now });
  const versionId = t.services.stores.versions.insert({
    chapterId: w.chapterIds[3], kind: 'named', name: 'Stan', note: null, createdAt: t.clock.now, createdBy: t.userId(DEMO.coordinator),
    state: Y.encodeStateAsUpdate(new Y.Doc()), json: '{"type":"doc","content":[]}', html: '',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', milestoneId: null,
  });
  // Key-project fiches (issue 19): a fiche and an open proposal on it.
  const ficheId = createFiche(t.services, t.services.stores.chapters.strategyById(w.strategyId)!, { title: 'Karta' }, t.userId(DEMO.coordinator));
  const proposalId = t.services.stores.projects.addProposal(ficheId, 'contact', 'Sekretarz', '', t.userId(DEMO.expert));
  // Public consultation (issue 18): an open consultation with one remark.
  const consultation = storedConsultation(t);
  const survey = storedSurvey(t);
  params = {
    '/api/projects/:id': ficheId,
    ':pid': proposalId,
    '/api/surveys/:id': survey.id,
    '/api/public/surveys/:token': survey.token,
    '/api/consultations/:id': consultation.id,
    '/api/remarks/:id': consultation.remarkId,
    '/api/public/consultations/:token': consultation.token,
    '/api/strategies/:id': w.strategyId,
    '/api/partnerships/:id': w.partnershipId,
    '/api/chapters/:id': w.chapterIds[3],
    '/api/threads/:id': threadId,
    '/api/comments/:id': comments.commentsOfThread(threadId)[0].id,
    '/api/versions/:id': String(versionId),
    '/api/invitations/:token': 'a'.repeat(39),
    '/api/admin/partnerships/:id': w.partnershipId,
    '/api/milestones/:id': 'nieznany1234567',
    '/api/files/:fileId': 'f'.repeat(64),
    '/api/public/milestones/:hash': 'a'.repeat(64),
    '/api/adoptions/:id': 'nieznany1234567',
    '/api/public/calendar/:file': `${'a'.repeat(52)}.ics`,
    '/api/setup/:token': 'a'.repeat(39),
    '/api/auth/password-reset/:token': 'a'.repeat(32),
    ':userId': t.userId(DEMO.editorCzlopa),
    ':organizationId': t.services.stores.partnerships.organizations(w.partnershipId)[0].id,
  };
});
afterAll(() => t.close());

/** A route template with real ids of the demo data. */
function concrete(path: string): string {
  let out = path.replace(':userId', params[':userId']).replace(':organizationId', params[':organizationId']).replace(':pid', params[':pid']);
  for (const [prefix, id] of Object.entries(params)) {
    if (!prefix.startsWith('/')) continue;
    const [base, name] = [prefix.slice(0, prefix.lastIndexOf('/')), prefix.slice(prefix.lastIndexOf('/') + 1)];
    if (out.startsWith(`${base}/${name}`)) out = out.replace(`${base}/${name}`, `${base}/${id}`);
  }
  if (out.includes(':')) throw new Error(`no fixture for a parameter of ${path}`);
  return out;
}

/** Every table except sessions and the readiness probe's one row (GET /api/health/ready writes it on purpose), as one comparable string. */
function snapshot(): string {
  const tables = (t.services.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('sessions', 'health_probe') ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  return JSON.stringify(tables.map((name) => [name, t.services.db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
}

const ATTACKS: { name: string; status: number; headers: Record<string, string>; rawBody: string }[] = [
  { name: 'foreign Origin', status: 403, headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, rawBody: '{}' },
  { name: 'null Origin', status: 403, headers: { origin: 'null', 'content-type': 'application/json' }, rawBody: '{}' },
  { name: 'look-alike Origin', status: 403, headers: { origin: `${OWN}.evil.example`, 'content-type': 'application/json' }, rawBody: '{}' },
  { name: 'another scheme', status: 403, headers: { origin: `https://${HOST}`, 'content-type': 'application/json' }, rawBody: '{}' },
  { name: 'no Origin, marked cross-site', status: 403, headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, rawBody: '{}' },
  { name: 'form body', status: 415, headers: { origin: OWN, 'content-type': 'application/x-www-form-urlencoded' }, rawBody: 'title=x&role=viewer' },
  { name: 'text body', status: 415, headers: { origin: OWN, 'content-type': 'text/plain' }, rawBody: '{"title":"x"}' },
  { name: 'multipart body', status: 415, headers: { origin: OWN, 'content-type': 'multipart/form-data; boundary=b' }, rawBody: '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--' },
];

describe('CSRF on every unsafe route', () => {
  it('refuses cross-site and non-JSON requests with a valid session, changing nothing', async () => {
    const unsafe = routes.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(unsafe.length).toBeGreaterThanOrEqual(25);
    const cookie = await t.login(DEMO.coordinator);
    const failures: string[] = [];
    let attempts = 0;
    for (const route of unsafe) {
      const path = concrete(route.path);
      for (const attack of ATTACKS) {
        const before = snapshot();
        const res = await t.request(route.method, path, { cookie, rawBody: attack.rawBody, headers: { host: HOST, ...attack.headers } });
        attempts++;
        if (res.status !== attack.status) failures.push(`${route.method} ${route.path} with ${attack.name}: ${res.status}, expected ${attack.status}`);
        if (snapshot() !== before) failures.push(`${route.method} ${route.path} with ${attack.name} changed the database`);
      }
    }
    figure('CSRF', { unsafeRoutes: unsafe.length, attempts, accepted: failures.length });
    expect(failures).toEqual([]);
  });
});

describe('GET routes', () => {
  it('change nothing in the database, for any kind of person', async () => {
    const gets = routes.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(15);
    const people = [DEMO.coordinator, DEMO.editorTuczno, DEMO.expert, DEMO.viewer, DEMO.otherPartnership, null];
    const cookies = await Promise.all(people.map((p) => (p ? t.login(p) : Promise.resolve(undefined))));
    const changed: string[] = [];
    let requests = 0;
    for (const route of gets) {
      const path = concrete(route.path) + (route.path.endsWith('/compare') ? `?from=${params['/api/versions/:id']}&to=current` : route.path.endsWith('/mentionable') ? '?q=a' : '');
      for (const cookie of cookies) {
        const before = snapshot();
        await t.request('GET', path, { cookie, headers: { host: HOST, origin: 'http://evil.example' } });
        requests++;
        if (snapshot() !== before) changed.push(`GET ${route.path} as ${cookie ? 'member' : 'anonymous'}`);
      }
    }
    figure('GET routes change nothing', { getRoutes: gets.length, requests, changed: changed.length });
    expect(changed).toEqual([]);
  });
});
