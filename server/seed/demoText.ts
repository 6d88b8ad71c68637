/**
 * Starting text of the demo strategy's chapters, as simple blocks. The collaboration layer
 * turns them into the Yjs document (server/seed/demoDocument.ts). Keyed by template index
 * (server/seed/template.ts). Statements about the area are deliberately qualitative: this is
 * demo content, not a diagnosis.
 */
export type DemoBlock =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList'; items: string[] };

export const DEMO_CHAPTER_TEXT: Record<number, DemoBlock[]> = {
  0: [
    { type: 'heading', level: 2, text: 'Metryka dokumentu' },
    {
      type: 'bulletList',
      items: [
        'Tytuł: Strategia terytorialna Partnerstwa Powiatu Wałeckiego na lata 2021–2030',
        'Zamawiający: Partnerstwo „Sieć Współpracy Zarządzania Strategicznego Gmin na Rzecz Kompleksowego Rozwoju Powiatu Wałeckiego”',
        'Lider partnerstwa: Powiat Wałecki',
        'Wsparcie eksperckie: Związek Miast Polskich w ramach Centrum Wsparcia Doradczego',
        'Status: projekt roboczy',
      ],
    },
  ],
  1: [
    { type: 'heading', level: 2, text: 'Wprowadzenie' },
    {
      type: 'paragraph',
      text:
        'Strategia terytorialna Partnerstwa Powiatu Wałeckiego jest wspólnym dokumentem sześciu jednostek samorządu terytorialnego: ' +
        'Powiatu Wałeckiego, Gminy Miejskiej Wałcz, Gminy Wiejskiej Wałcz, Miasta i Gminy Człopa, Gminy i Miasta Mirosławiec oraz ' +
        'Gminy i Miasta Tuczno. Określa wspólne cele rozwojowe obszaru partnerstwa do 2030 roku oraz sposób ich osiągania.',
    },
    {
      type: 'paragraph',
      text:
        'Dokument powstał w ramach Centrum Wsparcia Doradczego przy wsparciu ekspertów Związku Miast Polskich. Jego zadaniem jest ' +
        'uporządkowanie działań partnerów, wskazanie przedsięwzięć, które samorządy zrealizują wspólnie, oraz przygotowanie ' +
        'partnerstwa do pozyskiwania środków zewnętrznych w perspektywie finansowej Unii Europejskiej 2021–2027.',
    },
    { type: 'heading', level: 3, text: 'Podstawa prawna' },
    {
      type: 'bulletList',
      items: [
        'ustawa z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju, w szczególności art. 6 (konsultacje społeczne);',
        'ustawa z dnia 8 marca 1990 r. o samorządzie gminnym, art. 10e–10g (strategia rozwoju ponadlokalnego);',
        'ustawa z dnia 5 czerwca 1998 r. o samorządzie powiatowym;',
        'uchwały rad partnerskich jednostek w sprawie określenia trybu i harmonogramu opracowania strategii.',
      ],
    },
    {
      type: 'paragraph',
      text:
        'Strategia jest spójna ze Strategią Rozwoju Województwa Zachodniopomorskiego do 2030 roku oraz z Krajową Strategią Rozwoju ' +
        'Regionalnego 2030. Szczegółową analizę spójności zawiera rozdział 12.',
    },
  ],
  3: [
    { type: 'heading', level: 2, text: 'Wnioski z diagnozy' },
    {
      type: 'paragraph',
      text:
        'Diagnoza społeczno-gospodarcza obszaru partnerstwa, opracowana na podstawie danych statystyki publicznej, ankiet ' +
        'skierowanych do mieszkańców i przedsiębiorców oraz warsztatów z udziałem partnerów, pozwala sformułować następujące wnioski.',
    },
    { type: 'heading', level: 3, text: 'Sfera społeczna' },
    {
      type: 'bulletList',
      items: [
        'Liczba mieszkańców obszaru systematycznie maleje; odpływ młodych osób do większych ośrodków przyspiesza starzenie się społeczności lokalnych.',
        'Rośnie zapotrzebowanie na usługi opiekuńcze i zdrowotne dla seniorów, szczególnie na obszarach wiejskich.',
        'Oferta szkolnictwa zawodowego wymaga lepszego dopasowania do potrzeb lokalnych pracodawców.',
      ],
    },
    { type: 'heading', level: 3, text: 'Sfera gospodarcza' },
    {
      type: 'bulletList',
      items: [
        'Gospodarka opiera się na małych i średnich przedsiębiorstwach, przetwórstwie drewna, rolnictwie oraz usługach.',
        'Położenie przy drogach krajowych nr 10 i 22 jest atutem, który nie jest w pełni wykorzystany przez brak przygotowanych terenów inwestycyjnych.',
        'Walory przyrodnicze pojezierza i lasów stwarzają warunki do rozwoju turystyki aktywnej, dotąd słabo skomercjalizowanej.',
      ],
    },
    { type: 'heading', level: 3, text: 'Sfera przestrzenna' },
    {
      type: 'paragraph',
      text:
        'Obszar cechuje się wysoką lesistością i dużą liczbą jezior. Słabe połączenia transportu zbiorowego między miejscowościami ' +
        'utrudniają dostęp do pracy i usług publicznych. Część zabudowy wymaga termomodernizacji, a źródła ciepła – wymiany na niskoemisyjne.',
    },
  ],
  4: [
    { type: 'heading', level: 2, text: 'Wizja' },
    {
      type: 'paragraph',
      text:
        'Powiat Wałecki w 2030 roku to zielony, dobrze skomunikowany obszar aktywnych społeczności, w którym samorządy wspólnie ' +
        'dbają o jakość życia mieszkańców, przyciągają inwestorów i turystów, a młodzi ludzie widzą dla siebie przyszłość.',
    },
    { type: 'heading', level: 2, text: 'Misja' },
    {
      type: 'paragraph',
      text:
        'Partnerzy współpracują ponad granicami administracyjnymi, łącząc zasoby i kompetencje, aby skuteczniej rozwiązywać wspólne ' +
        'problemy, planować inwestycje o znaczeniu ponadlokalnym i pozyskiwać na nie środki zewnętrzne.',
    },
    {
      type: 'paragraph',
      text:
        'Wizja i misja zostały wypracowane podczas warsztatów strategicznych z udziałem przedstawicieli wszystkich jednostek partnerstwa, ' +
        'organizacji pozarządowych i przedsiębiorców.',
    },
  ],
  5: [
    { type: 'heading', level: 2, text: 'Cele strategiczne' },
    {
      type: 'paragraph',
      text:
        'Cele strategiczne odpowiadają na wnioski z diagnozy i obejmują trzy wymiary rozwoju wskazane w art. 10e ust. 3 ustawy ' +
        'o samorządzie gminnym: społeczny, gospodarczy i przestrzenny.',
    },
    { type: 'heading', level: 3, text: 'Cel strategiczny 1. Aktywne i zdrowe społeczności' },
    {
      type: 'paragraph',
      text:
        'Zapewnienie mieszkańcom w każdym wieku dostępu do usług edukacyjnych, zdrowotnych i opiekuńczych dobrej jakości oraz ' +
        'wzmacnianie kapitału społecznego i aktywności obywatelskiej.',
    },
    { type: 'heading', level: 3, text: 'Cel strategiczny 2. Konkurencyjna i innowacyjna gospodarka' },
    {
      type: 'paragraph',
      text:
        'Tworzenie warunków dla rozwoju przedsiębiorczości i nowych miejsc pracy poprzez przygotowanie terenów inwestycyjnych, ' +
        'wsparcie lokalnych firm oraz rozwój turystyki opartej na zasobach przyrodniczych i kulturowych.',
    },
    { type: 'heading', level: 3, text: 'Cel strategiczny 3. Spójna i przyjazna środowisku przestrzeń' },
    {
      type: 'paragraph',
      text:
        'Poprawa dostępności komunikacyjnej obszaru, rozwój transportu zbiorowego i infrastruktury rowerowej, ochrona środowiska ' +
        'oraz zwiększenie efektywności energetycznej budynków publicznych i mieszkalnych.',
    },
  ],
  6: [
    { type: 'heading', level: 2, text: 'Kierunki działań' },
    {
      type: 'paragraph',
      text: 'Dla każdego celu strategicznego określono kierunki działań, które wyznaczają obszary interwencji partnerów.',
    },
    { type: 'heading', level: 3, text: 'Do celu 1. Aktywne i zdrowe społeczności' },
    {
      type: 'bulletList',
      items: [
        '1.1. Rozwój usług społecznych i opiekuńczych, w tym dziennych form wsparcia dla seniorów.',
        '1.2. Dostosowanie kształcenia zawodowego do potrzeb rynku pracy we współpracy z pracodawcami.',
        '1.3. Wspieranie organizacji pozarządowych i inicjatyw mieszkańców.',
      ],
    },
    { type: 'heading', level: 3, text: 'Do celu 2. Konkurencyjna i innowacyjna gospodarka' },
    {
      type: 'bulletList',
      items: [
        '2.1. Przygotowanie i wspólna promocja terenów inwestycyjnych partnerstwa.',
        '2.2. Rozwój produktów turystyki aktywnej: szlaków wodnych, rowerowych i pieszych pojezierza.',
        '2.3. Wsparcie doradcze i szkoleniowe dla mikro- i małych przedsiębiorstw.',
      ],
    },
    { type: 'heading', level: 3, text: 'Do celu 3. Spójna i przyjazna środowisku przestrzeń' },
    {
      type: 'bulletList',
      items: [
        '3.1. Integracja transportu zbiorowego na obszarze partnerstwa i budowa węzłów przesiadkowych.',
        '3.2. Budowa spójnej sieci tras rowerowych łączącej miejscowości partnerstwa.',
        '3.3. Termomodernizacja budynków użyteczności publicznej i rozwój odnawialnych źródeł energii.',
      ],
    },
  ],
};
