/**
 * The demo's package of key projects (issue 19, docs/projects.md): three fiches of the Wałcz
 * partnership whose partners' shares and funding sources add up to their total cost. The first
 * was accepted by the Rada Partnerstwa (a resolution, and the named version its acceptance
 * saves); the other two are proposed. Like the rest of the demo, seeding writes no audit entries.
 */
import * as Y from 'yjs';
import type { FicheFields, FicheTextField } from '../../shared/projects/fiche.ts';
import type { Services } from '../services.ts';
import type { StrategyRow } from '../storage/chapters.ts';
import { acceptanceVersionName, linkOptionsFrom, storeFiche } from '../projects/service.ts';
import type { HeadingOption } from '../projects/headings.ts';
import { captureContent } from '../versions/capture.ts';

/** Whole złote as grosze. */
const zl = (n: number) => n * 100;

interface DemoFiche {
  title: string;
  /** Organisation keys of the demo seed (server/seed/demo.ts) for the leader and partners. */
  leader: string;
  partners: { org: string; role: string; zl: number }[];
  funding: Partial<Record<keyof FicheFields['funding'], number>>;
  fields: Partial<FicheFields>;
  texts: Partial<Record<FicheTextField, string>>;
  /** The start of the headings of the goals and directions chapters it links to (when the demo text holds them). */
  links: { goal: string; direction: string };
  accepted?: { resolutionNumber: string; resolutionDate: string };
}

export const DEMO_FICHES: readonly DemoFiche[] = [
  {
    title: 'Zintegrowana sieć tras rowerowych Powiatu Wałeckiego',
    leader: 'powiat',
    partners: [
      { org: 'powiat', role: 'lider, drogi powiatowe', zl: 4_200_000 },
      { org: 'walczMiasto', role: 'partner, odcinki miejskie', zl: 1_850_000 },
      { org: 'tuczno', role: 'partner, odcinek Tuczno–Wałcz', zl: 1_150_000 },
      { org: 'czlopa', role: 'partner, odcinek nad Płociczną', zl: 800_000 },
    ],
    funding: { eu: 6_800_000, own: 1_200_000 },
    fields: {
      periodStart: '2026-04-01', periodEnd: '2028-12-31', readiness: 'documentation',
      contact: 'Wydział Rozwoju i Promocji Starostwa Powiatowego w Wałczu',
      milestones: [
        { date: '2026-09-30', name: 'Dokumentacja projektowa i zgłoszenia robót' },
        { date: '2027-10-31', name: 'Odcinek Wałcz–Tuczno oddany do użytku' },
        { date: '2028-11-30', name: 'Oznakowanie i odbiór całej sieci' },
      ],
      indicators: [
        { kind: 'output', name: 'Długość wybudowanych dróg dla rowerów', unit: 'km', baseline: '0', target: '42', source: 'protokoły odbioru' },
        { kind: 'result', name: 'Liczba przejazdów rowerem na trasach', unit: 'przejazdy/rok', baseline: '0', target: '60 000', source: 'liczniki automatyczne' },
      ],
    },
    texts: {
      problem: 'Gminy powiatu nie mają spójnych, bezpiecznych połączeń rowerowych; mieszkańcy dojeżdżają do szkół i pracy drogami o dużym ruchu.',
      objective: 'Bezpieczne połączenie rowerowe Wałcza z Tucznem i Człopą oraz rozwój turystyki aktywnej nad jeziorami.',
      scope: 'Budowa 42 km dróg dla rowerów, miejsca odpoczynku, oznakowanie i liczniki ruchu.',
      location: 'Gmina Miejska Wałcz, Gmina i Miasto Tuczno, Miasto i Gmina Człopa; drogi powiatowe.',
      targetGroup: 'Mieszkańcy dojeżdżający do szkół i pracy, turyści.',
      jointness: 'Trasy łączą sąsiednie gminy: żadna z nich nie zbuduje sieci sama.',
    },
    links: { goal: 'Cel strategiczny 3.', direction: 'Do celu 3.' },
    accepted: { resolutionNumber: 'RP/3/2026', resolutionDate: '2026-10-15' },
  },
  {
    title: 'Centrum Usług Wspólnych gmin Powiatu Wałeckiego',
    leader: 'walczMiasto',
    partners: [
      { org: 'walczMiasto', role: 'lider, siedziba centrum', zl: 1_250_000 },
      { org: 'walczWies', role: 'partner', zl: 450_000 },
      { org: 'miroslawiec', role: 'partner', zl: 300_000 },
    ],
    funding: { eu: 1_200_000, national: 400_000, own: 400_000 },
    fields: {
      periodStart: '2027-01-01', periodEnd: '2029-06-30', readiness: 'concept',
      contact: 'Sekretarz Gminy Miejskiej Wałcz',
      indicators: [
        { kind: 'output', name: 'Liczba gmin obsługiwanych przez centrum', unit: 'szt.', baseline: '0', target: '3', source: 'porozumienia międzygminne' },
      ],
    },
    texts: {
      problem: 'Małe urzędy nie mają specjalistów od zamówień publicznych, funduszy zewnętrznych i cyberbezpieczeństwa.',
      objective: 'Wspólna obsługa zamówień, projektów i informatyki dla gmin partnerstwa.',
      scope: 'Przebudowa pomieszczeń, wyposażenie, szkolenia, wspólny system obiegu dokumentów.',
      jointness: 'Koszt specjalistów dzielony między gminy zamiast utrzymywania ich w każdej z osobna.',
    },
    links: { goal: 'Cel strategiczny 2.', direction: 'Do celu 2.' },
  },
  {
    title: 'Termomodernizacja szkół w Człopie i Mirosławcu',
    leader: 'czlopa',
    partners: [
      { org: 'czlopa', role: 'lider', zl: 3_150_000 },
      { org: 'miroslawiec', role: 'partner', zl: 2_850_000 },
    ],
    funding: { kpo: 4_800_000, own: 1_200_000 },
    fields: {
      periodStart: '2027-03-01', periodEnd: '2028-08-31', readiness: 'permits',
      contact: 'Referat Inwestycji Urzędu Miasta i Gminy Człopa',
      indicators: [
        { kind: 'result', name: 'Zmniejszenie zużycia energii w budynkach', unit: 'MWh/rok', baseline: '0', target: '640', source: 'audyty energetyczne' },
      ],
    },
    texts: {
      problem: 'Budynki szkół zużywają dużo energii; koszty ogrzewania rosną.',
      scope: 'Docieplenie ścian i stropów, wymiana okien, pompy ciepła i fotowoltaika w dwóch szkołach.',
    },
    links: { goal: 'Cel strategiczny 3.', direction: 'Do celu 3.' },
  },
];

/** The chapter's document as stored so far (the demo's starting text), or null when nothing is stored. */
function storedDoc(services: Services, chapterId: string): Y.Doc | null {
  const { state, updates } = services.stores.documents.load(chapterId);
  if (!state && updates.length === 0) return null;
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

/**
 * Seeds the demo fiches into `strategy`, after the chapters' starting text was written (the
 * fiches link to its headings; without the text their links stay empty). `orgIds` maps the
 * demo's organisation keys to ids.
 */
export function seedDemoFiches(services: Services, strategy: StrategyRow, orgIds: ReadonlyMap<string, string>, coordinatorId: string): string[] {
  const org = (key: string) => {
    const id = orgIds.get(key);
    if (!id) throw new Error(`demo seed: unknown organisation ${key}`);
    return id;
  };
  const headings = linkOptionsFrom(services.stores.chapters.chaptersOfStrategy(strategy.id), (id) => storedDoc(services, id));
  const link = (options: HeadingOption[], start: string) => options.find((o) => o.text.startsWith(start))?.ref ?? null;
  return DEMO_FICHES.map((f) => {
    const funding = { eu: 0, national: 0, kpo: 0, own: 0, other: 0 };
    for (const [source, amount] of Object.entries(f.funding)) funding[source as keyof typeof funding] = zl(amount);
    const fields: Partial<FicheFields> = {
      ...f.fields,
      goal: link(headings.goal, f.links.goal),
      direction: link(headings.direction, f.links.direction),
      leaderId: org(f.leader),
      partners: f.partners.map((p) => ({ organizationId: org(p.org), role: p.role, costGrosze: zl(p.zl) })),
      totalCostGrosze: zl(f.partners.reduce((sum, p) => sum + p.zl, 0)),
      funding,
    };
    // Written by the seed, like the chapters' starting text: nobody's edit (no author, no edit log).
    const { id, update } = storeFiche(services, strategy, { title: f.title, fields, texts: f.texts }, null);
    if (f.accepted) {
      const { resolutionNumber, resolutionDate } = f.accepted;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      const content = captureContent(doc);
      const at = services.clock();
      const versionId = services.stores.versions.insert({
        chapterId: id, kind: 'named', name: acceptanceVersionName(resolutionNumber, resolutionDate), note: null, createdAt: at, createdBy: coordinatorId,
        state: content.state, json: JSON.stringify(content.json), html: content.html, sha256: content.sha256, milestoneId: null,
      });
      services.stores.projects.decide(id, { status: 'accepted', resolutionNumber, resolutionDate, acceptedVersionId: versionId, userId: coordinatorId, at });
    }
    return id;
  });
}
