/** The client's URLs (Polish paths, as people share them) and a matcher for them. */
export type Route =
  | { name: 'login' }
  | { name: 'dashboard'; partnershipId: string | null }
  | { name: 'account' }
  | { name: 'invitation'; token: string }
  | { name: 'chapter'; chapterId: string }
  | { name: 'audit'; partnershipId: string }
  | { name: 'notFound' }
  // Accounts and e-mail (issue 16): "forgot password" and the reset link.
  | { name: 'forgotPassword' }
  | { name: 'passwordReset'; token: string }
  // Installation administration (issue 16):
  | { name: 'setup'; token: string }
  | { name: 'admin'; partnershipId: string | null }
  // The statutory procedure (issue 17).
  | { name: 'procedure'; strategyId: string }
  | { name: 'verify'; hash: string }
  // Key-project fiches (issue 19).
  | { name: 'package'; strategyId: string }
  | { name: 'fiche'; ficheId: string }
  // Public consultation (issue 18).
  | { name: 'consultations'; strategyId: string }
  | { name: 'publicConsultation'; token: string }
  // Resident surveys (issue 18).
  | { name: 'surveys'; strategyId: string }
  | { name: 'publicSurvey'; token: string };

export const paths = {
  login: () => '/logowanie',
  dashboard: (partnershipId?: string) => (partnershipId ? `/partnerstwo/${encodeURIComponent(partnershipId)}` : '/'),
  account: () => '/konto',
  invitation: (token: string) => `/zaproszenie/${encodeURIComponent(token)}`,
  chapter: (chapterId: string) => `/rozdzial/${encodeURIComponent(chapterId)}`,
  /** The partnership's audit log (coordinators). */
  audit: (partnershipId: string) => `/partnerstwo/${encodeURIComponent(partnershipId)}/dziennik`,
  // Accounts and e-mail (issue 16).
  forgotPassword: () => '/nie-pamietam-hasla',
  passwordReset: (token: string) => `/nowe-haslo/${encodeURIComponent(token)}`,
  /** The dashboard's „Do mnie” inbox (InboxSection scrolls to it). */
  inbox: () => '/#do-mnie',
  // Installation administration (issue 16):
  /** A one-time setup link (first administrator, administrator's password). */
  setup: (token: string) => `/konfiguracja/${encodeURIComponent(token)}`,
  /** The administration of the installation, optionally one partnership. */
  admin: (partnershipId?: string) => (partnershipId ? `/administracja/${encodeURIComponent(partnershipId)}` : '/administracja'),
  // The statutory procedure (issue 17): a strategy's timeline, terms and completeness.
  procedure: (strategyId: string) => `/strategia/${encodeURIComponent(strategyId)}/procedura`,
  /** The public verification of a milestone by its hash (no login). */
  verify: (hash: string) => `/weryfikacja/${encodeURIComponent(hash)}`,
  // Key-project fiches (issue 19): the package overview of a strategy, one fiche.
  package: (strategyId: string) => `/strategia/${encodeURIComponent(strategyId)}/projekty`,
  fiche: (ficheId: string) => `/projekt/${encodeURIComponent(ficheId)}`,
  // Public consultation (issue 18): the register inside, the public page without login.
  consultations: (strategyId: string) => `/strategia/${encodeURIComponent(strategyId)}/konsultacje`,
  publicConsultation: (token: string) => `/konsultacje/${encodeURIComponent(token)}`,
  /** One remark in the register (the page focuses it): where a suggestion made from it links. */
  consultationRemark: (strategyId: string, consultationId: string, number: number) =>
    `/strategia/${encodeURIComponent(strategyId)}/konsultacje#${remarkFragment(consultationId, number)}`,
  /** One suggestion in a chapter (the „Sugestie” tab opens and focuses its card): where a remark links. */
  chapterSuggestion: (chapterId: string, suggestionId: string) => `/rozdzial/${encodeURIComponent(chapterId)}#${suggestionFragment(suggestionId)}`,
  // Resident surveys (issue 18).
  surveys: (strategyId: string) => `/strategia/${encodeURIComponent(strategyId)}/ankiety`,
  publicSurvey: (token: string) => `/ankieta/${encodeURIComponent(token)}`,
};

/** The fragment naming a remark of the register: `uwaga-<consultation id>-<number>`. */
export function remarkFragment(consultationId: string, number: number): string {
  return `uwaga-${encodeURIComponent(consultationId)}-${number}`;
}

/** The fragment naming a suggestion of a chapter: `sugestia-<id>`. */
export const SUGGESTION_FRAGMENT_PREFIX = 'sugestia-';
export function suggestionFragment(suggestionId: string): string {
  return `${SUGGESTION_FRAGMENT_PREFIX}${encodeURIComponent(suggestionId)}`;
}

function segment(value: string): string | null {
  try {
    const decoded = decodeURIComponent(value);
    return decoded.length > 0 && decoded.length <= 200 ? decoded : null;
  } catch {
    return null;
  }
}

/** Reads a pathname into a Route. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'dashboard', partnershipId: null };
  const [head, arg] = parts;
  const value = arg !== undefined && parts.length === 2 ? segment(arg) : null;
  if (parts.length === 1 && head === 'logowanie') return { name: 'login' };
  if (parts.length === 1 && head === 'konto') return { name: 'account' };
  if (head === 'partnerstwo' && value) return { name: 'dashboard', partnershipId: value };
  if (head === 'zaproszenie' && value) return { name: 'invitation', token: value };
  if (head === 'rozdzial' && value) return { name: 'chapter', chapterId: value };
  // Accounts and e-mail (issue 16).
  if (parts.length === 1 && head === 'nie-pamietam-hasla') return { name: 'forgotPassword' };
  if (head === 'nowe-haslo' && value) return { name: 'passwordReset', token: value };
  // Installation administration (issue 16):
  if (head === 'konfiguracja' && value) return { name: 'setup', token: value };
  if (head === 'administracja' && parts.length === 1) return { name: 'admin', partnershipId: null };
  if (head === 'administracja' && value) return { name: 'admin', partnershipId: value };
  if (head === 'partnerstwo' && parts.length === 3 && parts[2] === 'dziennik') {
    const partnershipId = segment(arg);
    if (partnershipId) return { name: 'audit', partnershipId };
  }
  // The statutory procedure (issue 17).
  if (head === 'strategia' && parts.length === 3 && parts[2] === 'procedura') {
    const strategyId = segment(arg);
    if (strategyId) return { name: 'procedure', strategyId };
  }
  if (head === 'weryfikacja' && value) return { name: 'verify', hash: value };
  // Key-project fiches (issue 19).
  if (head === 'strategia' && parts.length === 3 && parts[2] === 'projekty') {
    const strategyId = segment(arg);
    if (strategyId) return { name: 'package', strategyId };
  }
  if (head === 'projekt' && value) return { name: 'fiche', ficheId: value };
  // Public consultation (issue 18).
  if (head === 'strategia' && parts.length === 3 && parts[2] === 'konsultacje') {
    const strategyId = segment(arg);
    if (strategyId) return { name: 'consultations', strategyId };
  }
  if (head === 'konsultacje' && value) return { name: 'publicConsultation', token: value };
  // Resident surveys (issue 18).
  if (head === 'strategia' && parts.length === 3 && parts[2] === 'ankiety') {
    const strategyId = segment(arg);
    if (strategyId) return { name: 'surveys', strategyId };
  }
  if (head === 'ankieta' && value) return { name: 'publicSurvey', token: value };
  return { name: 'notFound' };
}
