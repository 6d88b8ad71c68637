/**
 * The server's dependencies, built once: config, database, logger, clock, the storage
 * modules (each with its prepared statements), password hashing, sessions and the login throttle. server/main.ts builds them
 * with createServices(loadConfig()); tests pass a temporary database and a fake clock.
 */
import type { Config } from './config.ts';
import type { Clock } from './context.ts';
import { createLogger, type Logger } from './log.ts';
import { openDatabase, type Db } from './storage/db.ts';
import { ensureMilestoneHashes } from './procedure/milestones.ts';
import { createPeopleStore } from './storage/people.ts';
import { createSessionStore } from './storage/sessions.ts';
import { createChapterStore } from './storage/chapters.ts';
import { createPartnershipStore } from './storage/partnerships.ts';
import { createAuditStore } from './storage/audit.ts';
import { createInvitationStore } from './storage/invitations.ts';
import { createDocumentStore, type DocumentStoreHooks } from './storage/documents.ts';
import { createSuggestionDecisionStore } from './storage/suggestionDecisions.ts';
import { createCommentStore, type CommentStore } from './storage/comments.ts';
import { createVersionStore, type VersionStore } from './storage/versions.ts';
import { createSetupTokenStore, type SetupTokenStore } from './storage/setupTokens.ts';
import { createTercStore, type TercStore } from './storage/terc.ts';
import { createStructureStore, type StructureStore } from './storage/structure.ts';
import { createPasswordHasher, type PasswordHasher } from './auth/passwords.ts';
import { createSessionManager, type SessionManager } from './auth/sessions.ts';
import { createLoginThrottle, type LoginThrottle } from './auth/rateLimit.ts';
// Accounts and e-mail (issue 16).
import { createMailer, type Mailer } from './mail/mailer.ts';
import { createNotifier, type Notifier } from './notifications/notifier.ts';
import { createNotificationStore, type NotificationStore } from './storage/notifications.ts';
import { createPasswordResetStore, type PasswordResetStore } from './storage/passwordResets.ts';
import { createSecretStore, type SecretStore } from './storage/secrets.ts';
import { createPasswordResetThrottle, type PasswordResetThrottle } from './auth/resetThrottle.ts';
// The statutory procedure (issue 17).
import { createProcedureStore, type ProcedureStore } from './storage/procedure.ts';
import { createAdoptionStore, type AdoptionStore } from './storage/adoptions.ts';
// Key-project fiches (issue 19).
import { createProjectStore, type ProjectStore } from './storage/projects.ts';
import { createCalendarFeedStore, type CalendarFeedStore } from './storage/calendarFeeds.ts';
// Public consultation (issue 18).
import { createConsultationStore, type ConsultationStore } from './storage/consultations.ts';
import { createSurveyStore, type SurveyStore } from './storage/surveys.ts';

export interface Stores {
  people: ReturnType<typeof createPeopleStore>;
  sessions: ReturnType<typeof createSessionStore>;
  chapters: ReturnType<typeof createChapterStore>;
  partnerships: ReturnType<typeof createPartnershipStore>;
  audit: ReturnType<typeof createAuditStore>;
  invitations: ReturnType<typeof createInvitationStore>;
  documents: ReturnType<typeof createDocumentStore>;
  suggestionDecisions: ReturnType<typeof createSuggestionDecisionStore>;
  comments: CommentStore;
  versions: VersionStore;
  // Accounts and e-mail (issue 16).
  passwordResets: PasswordResetStore;
  notifications: NotificationStore;
  secrets: SecretStore;
  // Administration (issue 16):
  setupTokens: SetupTokenStore;
  terc: TercStore;
  structure: StructureStore;
  // The statutory procedure (issue 17).
  procedure: ProcedureStore;
  adoptions: AdoptionStore;
  // Key-project fiches (issue 19).
  projects: ProjectStore;
  calendarFeeds: CalendarFeedStore;
  // Public consultation (issue 18).
  consultations: ConsultationStore;
  surveys: SurveyStore;
}

export interface Services {
  config: Config;
  db: Db;
  log: Logger;
  clock: Clock;
  stores: Stores;
  passwords: PasswordHasher;
  sessions: SessionManager;
  /** In-memory login throttle (reset by a restart). */
  loginThrottle: LoginThrottle;
  // Accounts and e-mail (issue 16; docs/email.md).
  /** Outgoing e-mail: SMTP when configured, otherwise it only logs. */
  mailer: Mailer;
  /** E-mail notifications (mentions, replies, suggestions, freezes; digests). */
  notifications: Notifier;
  /** In-memory limits on "forgot password" requests per address and per e-mail. */
  resetThrottle: PasswordResetThrottle;
}

export interface ServiceOptions {
  /** An open database; default: openDatabase(config.databasePath, config.sqliteSynchronous). */
  db?: Db;
  /** Milliseconds since the epoch; default Date.now. */
  clock?: Clock;
  log?: Logger;
  /** Default: createMailer(config, log). */
  mailer?: Mailer;
  documentHooks?: DocumentStoreHooks;
}

/** Builds every service. Opening the database also migrates it. */
export function createServices(config: Config, opts: ServiceOptions = {}): Services {
  const db = opts.db ?? openDatabase({ path: config.databasePath, synchronous: config.sqliteSynchronous });
  const clock = opts.clock ?? Date.now;
  const log = opts.log ?? createLogger(config.logLevel);
  const stores: Stores = {
    people: createPeopleStore(db),
    sessions: createSessionStore(db),
    chapters: createChapterStore(db),
    partnerships: createPartnershipStore(db),
    audit: createAuditStore(db, clock),
    invitations: createInvitationStore(db),
    documents: createDocumentStore(db, opts.documentHooks),
    suggestionDecisions: createSuggestionDecisionStore(db),
    comments: createCommentStore(db),
    versions: createVersionStore(db),
    passwordResets: createPasswordResetStore(db),
    notifications: createNotificationStore(db),
    secrets: createSecretStore(db),
    setupTokens: createSetupTokenStore(db),
    terc: createTercStore(db),
    structure: createStructureStore(db),
    // The statutory procedure (issue 17).
    procedure: createProcedureStore(db),
    adoptions: createAdoptionStore(db),
    // Key-project fiches (issue 19).
    projects: createProjectStore(db),
    calendarFeeds: createCalendarFeedStore(db),
    // Public consultation (issue 18).
    consultations: createConsultationStore(db),
    surveys: createSurveyStore(db),
  };
  const mailer = opts.mailer ?? createMailer(config, log);
  const services: Services = {
    config,
    db,
    log,
    clock,
    stores,
    passwords: createPasswordHasher(config),
    sessions: createSessionManager({ config, clock, sessions: stores.sessions, people: stores.people }),
    loginThrottle: createLoginThrottle(clock),
    mailer,
    notifications: createNotifier({ config, db, log, clock, stores, mailer }),
    resetThrottle: createPasswordResetThrottle(clock),
  };
  // Milestones made before their hash was kept at creation get it now (reads never write it).
  ensureMilestoneHashes(services);
  return services;
}

