/**
 * Turns stored notification events into what an e-mail shows (chapter title and link, the
 * actor's name and organisation), and builds a person's e-mail from them.
 */
import { MailLimits, UNSUBSCRIBE_PATH } from '../../shared/mail.ts';
import { appUrl } from '../mail/links.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { notificationMail, type NotificationView } from '../mail/templates/notifications.ts';
import type { NotificationData, NotificationEventRow } from '../storage/notifications.ts';
import type { UserRow } from '../storage/people.ts';
import type { NotifierDeps } from './notifier.ts';
import { unsubscribeToken } from './unsubscribe.ts';

/** Client paths (client/router/routes.ts). */
const chapterPath = (chapterId: string) => `/rozdzial/${encodeURIComponent(chapterId)}`;
/** A key-project fiche's page (issue 19): its fields and text, where its comments and suggestions are. */
const fichePath = (ficheId: string) => `/projekt/${encodeURIComponent(ficheId)}`;
const ACCOUNT_PATH = '/konto';

const procedurePath = (strategyId: string) => `/strategia/${encodeURIComponent(strategyId)}/procedura`;

export function viewOf(deps: NotifierDeps, row: NotificationEventRow): NotificationView | null {
  if (row.strategy_id !== null) {
    // A procedure event belongs to a strategy, not a chapter.
    const strategy = deps.stores.chapters.strategyById(row.strategy_id);
    if (!strategy) return null;
    const data = JSON.parse(row.data) as NotificationData;
    return {
      kind: row.kind, chapterTitle: strategy.title, chapterUrl: appUrl(deps.config, procedurePath(strategy.id)),
      actor: null, excerpt: null, procedure: data.procedure ?? null,
    };
  }
  const chapter = row.chapter_id === null ? undefined : deps.stores.chapters.chapterById(row.chapter_id);
  if (!chapter) return null;
  const actor = row.actor_id ? deps.stores.people.userById(row.actor_id) : undefined;
  const data = JSON.parse(row.data) as NotificationData;
  return {
    kind: row.kind,
    chapterTitle: chapter.title,
    // A fiche is backed by a chapter row, but its page is the fiche's, not the chapter view of its text.
    chapterUrl: appUrl(deps.config, (deps.stores.projects.byId(chapter.id) ? fichePath : chapterPath)(chapter.id)),
    actor: actor ? `${actor.name} · ${actor.org_name}` : null,
    excerpt: data.excerpt ?? null,
    dueDate: data.dueDate ?? null,
  };
}

export function unsubscribeUrl(deps: NotifierDeps, userId: string): string {
  return appUrl(deps.config, UNSUBSCRIBE_PATH + unsubscribeToken(deps.stores.secrets.get('unsubscribe'), userId));
}

/** The e-mail for a person's waiting events, or null when none of them can be shown any more. */
export function mailFor(deps: NotifierDeps, user: UserRow, rows: NotificationEventRow[], digest: boolean): MailMessage | null {
  const views = rows.map((r) => viewOf(deps, r)).filter((v): v is NotificationView => v !== null);
  if (!views.length) return null;
  const shown = views.slice(0, MailLimits.maxEventsPerEmail);
  return notificationMail({
    to: user.email,
    name: user.name,
    events: shown,
    more: views.length - shown.length,
    digest,
    accountUrl: appUrl(deps.config, ACCOUNT_PATH),
    unsubscribeUrl: unsubscribeUrl(deps, user.id),
  });
}
