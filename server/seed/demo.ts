/**
 * Demo data (issue 2): the Wałcz partnership with its six units (real names and TERC codes,
 * docs/domain.md), ZMP and the marshal office as non-partner organisations, its strategy with the
 * 16 template chapters and three key-project fiches (./demoFiches.ts), a second separate
 * partnership, and six fictional people who all log in with DEMO_PASSWORD.
 */
import type { ChapterStatus, OrganizationKind, Role } from '../../shared/domain.ts';
import type { Services } from '../services.ts';
import type { DemoBlock } from './demoText.ts';
import { DEMO_CHAPTER_TEXT } from './demoText.ts';
import { STRATEGY_CHAPTER_TEMPLATE } from './template.ts';
import { seedDemoFiches } from './demoFiches.ts';

/** Password of every demo account. */
export const DEMO_PASSWORD = 'strategia-demo';

export const WALCZ_PARTNERSHIP =
  'Sieć Współpracy Zarządzania Strategicznego Gmin na Rzecz Kompleksowego Rozwoju Powiatu Wałeckiego';
export const WALCZ_STRATEGY = 'Strategia terytorialna Partnerstwa Powiatu Wałeckiego na lata 2021–2030';
export const DRAWSKO_PARTNERSHIP = 'Partnerstwo Gmin Pojezierza Drawskiego';
export const DRAWSKO_STRATEGY = 'Strategia rozwoju ponadlokalnego Partnerstwa Gmin Pojezierza Drawskiego na lata 2022–2030';

interface OrgSeed {
  key: string;
  name: string;
  kind: OrganizationKind;
  terc: string | null;
  isLeader: boolean;
  isPartner: boolean;
}

const WALCZ_ORGS: OrgSeed[] = [
  { key: 'powiat', name: 'Powiat Wałecki', kind: 'powiat', terc: '3217', isLeader: true, isPartner: true },
  { key: 'walczMiasto', name: 'Gmina Miejska Wałcz', kind: 'gmina', terc: '3217011', isLeader: false, isPartner: true },
  { key: 'czlopa', name: 'Miasto i Gmina Człopa', kind: 'gmina', terc: '3217023', isLeader: false, isPartner: true },
  { key: 'miroslawiec', name: 'Gmina i Miasto Mirosławiec', kind: 'gmina', terc: '3217033', isLeader: false, isPartner: true },
  { key: 'tuczno', name: 'Gmina i Miasto Tuczno', kind: 'gmina', terc: '3217043', isLeader: false, isPartner: true },
  { key: 'walczWies', name: 'Gmina Wiejska Wałcz', kind: 'gmina', terc: '3217052', isLeader: false, isPartner: true },
  { key: 'zmp', name: 'Związek Miast Polskich', kind: 'zmp', terc: null, isLeader: false, isPartner: false },
  { key: 'um', name: 'Urząd Marszałkowski Województwa Zachodniopomorskiego', kind: 'urzad_marszalkowski', terc: null, isLeader: false, isPartner: false },
];

/** Three urban-rural gminas of Powiat Drawski (TERC codes per the TERYT numbering of powiat 3203). */
const DRAWSKO_ORGS: OrgSeed[] = [
  { key: 'drawsko', name: 'Gmina Drawsko Pomorskie', kind: 'gmina', terc: '3203023', isLeader: true, isPartner: true },
  { key: 'czaplinek', name: 'Gmina Czaplinek', kind: 'gmina', terc: '3203013', isLeader: false, isPartner: true },
  { key: 'zlocieniec', name: 'Gmina Złocieniec', kind: 'gmina', terc: '3203063', isLeader: false, isPartner: true },
];

interface PersonSeed {
  email: string;
  name: string;
  org: string;
  partnership: 'walcz' | 'drawsko';
  role: Role;
}

const PEOPLE: PersonSeed[] = [
  { email: 'koordynator@walcz.example', name: 'Katarzyna Wiśniewska', org: 'powiat', partnership: 'walcz', role: 'coordinator' },
  { email: 'tuczno@walcz.example', name: 'Marek Zieliński', org: 'tuczno', partnership: 'walcz', role: 'editor' },
  { email: 'czlopa@walcz.example', name: 'Agnieszka Kowalczyk', org: 'czlopa', partnership: 'walcz', role: 'editor' },
  { email: 'ekspert@zmp.example', name: 'Piotr Lewandowski', org: 'zmp', partnership: 'walcz', role: 'expert' },
  { email: 'obserwator@walcz.example', name: 'Ewa Dąbrowska', org: 'um', partnership: 'walcz', role: 'viewer' },
  { email: 'partner@inne.example', name: 'Tomasz Wójcik', org: 'czaplinek', partnership: 'drawsko', role: 'editor' },
];

/** E-mail addresses of the demo accounts (all with DEMO_PASSWORD when seeded). */
export const DEMO_EMAILS: readonly string[] = PEOPLE.map((p) => p.email);

/**
 * Editorial status of some demo chapters, by template index (the rest are drafts). "approved"
 * is never set here: it follows from a freeze (docs/administration.md).
 */
const WALCZ_STATUS: Record<number, ChapterStatus> = { 0: 'review', 1: 'review', 3: 'review' };

/** One demo login, as the server prints it on first start. */
export interface DemoLogin {
  email: string;
  password: string;
  name: string;
  role: Role;
  partnership: string;
  /** One line for the console, e.g. "koordynator · Powiat Wałecki". */
  description: string;
}

const ROLE_LABEL: Record<Role, string> = {
  coordinator: 'koordynator', editor: 'edytor', expert: 'ekspert', commenter: 'opiniujący', viewer: 'obserwator',
};

/** Writes a chapter's starting text into its (Yjs) document. Provided by the collaboration layer. */
export type WriteInitialText = (chapterId: string, blocks: DemoBlock[]) => void | Promise<void>;

/** What seeding created: logins, and chapter ids by template index (for tests and tools). */
export interface DemoSeedResult {
  logins: DemoLogin[];
  walcz: { partnershipId: string; strategyId: string; chapterIds: string[] };
  drawsko: { partnershipId: string; strategyId: string; chapterIds: string[] };
  /** The Wałcz strategy's key-project fiches (server/seed/demoFiches.ts), in creation order. */
  walczFicheIds: string[];
}

/** Seeds the demo data. Assumes none of it exists yet (see seedIfEmpty). */
export async function seedDemo(services: Services, writeInitialText: WriteInitialText): Promise<DemoSeedResult> {
  const { people, partnerships, chapters } = services.stores;
  const hashes = await Promise.all(PEOPLE.map(() => services.passwords.hash(DEMO_PASSWORD)));
  const now = services.clock();

  const orgIds = new Map<string, string>();
  const seeded = services.db.transaction((): Omit<DemoSeedResult, 'walczFicheIds'> => {
    const seedPartnership = (name: string, orgs: OrgSeed[], strategyTitle: string, status: Record<number, ChapterStatus>) => {
      const partnershipId = partnerships.create(name, now);
      for (const o of orgs) {
        const id = people.createOrganization({ name: o.name, kind: o.kind, terc: o.terc });
        orgIds.set(o.key, id);
        partnerships.addOrganization(partnershipId, id, { isLeader: o.isLeader, isPartner: o.isPartner });
      }
      const strategyId = chapters.createStrategy(partnershipId, strategyTitle, now);
      const chapterIds = STRATEGY_CHAPTER_TEMPLATE.map((title, i) => {
        const id = chapters.appendChapter(strategyId, title, now);
        if (status[i]) chapters.updateChapter(id, { status: status[i] });
        return id;
      });
      return { partnershipId, strategyId, chapterIds };
    };
    const walcz = seedPartnership(WALCZ_PARTNERSHIP, WALCZ_ORGS, WALCZ_STRATEGY, WALCZ_STATUS);
    const drawsko = seedPartnership(DRAWSKO_PARTNERSHIP, DRAWSKO_ORGS, DRAWSKO_STRATEGY, {});

    const logins = PEOPLE.map((p, i): DemoLogin => {
      const organizationId = orgIds.get(p.org);
      if (!organizationId) throw new Error(`demo seed: unknown organisation ${p.org}`);
      const userId = people.createUser({ email: p.email, name: p.name, organizationId, passwordHash: hashes[i] });
      const target = p.partnership === 'walcz' ? walcz : drawsko;
      partnerships.addMember(target.partnershipId, userId, p.role, now);
      const partnershipName = p.partnership === 'walcz' ? WALCZ_PARTNERSHIP : DRAWSKO_PARTNERSHIP;
      const orgName = [...WALCZ_ORGS, ...DRAWSKO_ORGS].find((o) => o.key === p.org)?.name ?? '';
      return {
        email: p.email, password: DEMO_PASSWORD, name: p.name, role: p.role, partnership: partnershipName,
        description: `${ROLE_LABEL[p.role]} · ${orgName}`,
      };
    });
    return { logins, walcz, drawsko };
  })();

  for (const [index, blocks] of Object.entries(DEMO_CHAPTER_TEXT)) {
    await writeInitialText(seeded.walcz.chapterIds[Number(index)], blocks);
  }
  const coordinator = people.userByEmail(PEOPLE.find((p) => p.partnership === 'walcz' && p.role === 'coordinator')!.email)!;
  const walczFicheIds = seedDemoFiches(services, chapters.strategyById(seeded.walcz.strategyId)!, orgIds, coordinator.id);
  return { ...seeded, walczFicheIds };
}
