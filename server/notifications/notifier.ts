/**
 * E-mail notifications (issue 16; docs/email.md). Features report what happened
 * (commentWritten, chapterFreezeChanged, suggestionActivity); the notifier decides who is
 * told (members of the chapter's partnership only, never the person who did it), stores one
 * event per person, and in immediate mode sends it after the request has been answered.
 * People in digest mode get their waiting events from runDigest, once a day.
 */
import type * as Y from 'yjs';
import type { Config } from '../config.ts';
import type { Clock } from '../context.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../storage/db.ts';
import type { Stores } from '../services.ts';
import type { Mailer } from '../mail/mailer.ts';
import { sendInBackground } from '../mail/mailer.ts';
import type { NotificationKind } from '../mail/templates/notifications.ts';
import type { NotificationData, ProcedureNotice } from '../storage/notifications.ts';
import { chapterPermissions } from '../auth/policy.ts';
import { listSuggestions } from '../../shared/suggestions/decide.ts';
import { MailLimits } from '../../shared/mail.ts';
import { mailFor } from './views.ts';

export interface NotifierDeps {
  config: Config;
  db: Db;
  log: Logger;
  clock: Clock;
  stores: Stores;
  mailer: Mailer;
}

/** Characters of a comment quoted in an e-mail. */
const EXCERPT_LENGTH = 300;
/** The same chapter's deadline is not announced to a person twice within this (20 h: once a day). */
export const DEADLINE_REPEAT_MS = 20 * 3600_000;
const excerpt = (s: string) => (s.length > EXCERPT_LENGTH ? s.slice(0, EXCERPT_LENGTH - 1) + '…' : s);

export interface Notifier {
  /** A thread was started or replied to: mentioned people, and earlier writers of the thread. */
  commentWritten(e: { chapterId: string; threadId: string; authorId: string; body: string; mentions: readonly string[] }): void;
  /** An edit of a comment mentioned more people: only they are told. */
  mentionAdded(e: { chapterId: string; threadId: string; authorId: string; body: string; mentions: readonly string[] }): void;
  /**
   * A chapter's due date is near (or today): tells `userIds` (e.g. its owner and the people who
   * work on it), at most once per chapter and person in DEADLINE_REPEAT_MS. Nothing calls this
   * yet: see docs/email.md (the due dates belong to chapter administration).
   */
  chapterDeadline(e: { chapterId: string; dueDate: string; userIds: readonly string[] }): void;
  /**
   * A term of a strategy's procedure is near or overdue (server/notifications/procedureTerms.ts):
   * tells `userIds` who are members of the strategy's partnership, at most once a day per term,
   * date and number of days left.
   */
  procedureTerm(e: { strategyId: string; notice: ProcedureNotice; userIds: readonly string[] }): void;
  /** A chapter was frozen or unfrozen: everyone who edited, suggested or commented there. */
  chapterFreezeChanged(e: { chapterId: string; actorId: string; frozen: boolean; note: string | null }): void;
  /**
   * Someone who may only suggest stored a change (called per stored update, so cheap): a
   * little later the chapter is looked at, and if that person has open suggestions there, the
   * people who decide on suggestions are told — at most once per chapter and hour each.
   */
  suggestionActivity(chapterId: string, userId: string, doc: () => Y.Doc): void;
  /** Sends each digest-mode person one e-mail with their waiting events. Resolves to the e-mails sent. */
  runDigest(): Promise<number>;
  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const { stores, log, clock } = deps;
  const store = stores.notifications;
  const inFlight = new Set<Promise<unknown>>();
  const scheduled = new Set<string>();
  const settling = new Map<string, Set<string>>();

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    const done = () => void inFlight.delete(p);
    p.then(done, done);
    return p;
  };

  const partnershipOf = (chapterId: string): string | null => {
    const chapter = stores.chapters.chapterById(chapterId);
    return (chapter && stores.chapters.strategyById(chapter.strategy_id)?.partnership_id) ?? null;
  };

  /** Sends a person's waiting events now (immediate mode, or the digest). */
  const deliver = async (userId: string, digest: boolean): Promise<boolean> => {
    // The server is stopping (the database closed after this was scheduled): nothing to do.
    if (!deps.db.open) return false;
    const rows = store.pendingOf(userId);
    if (!rows.length) return false;
    const user = stores.people.userById(userId);
    const mode = store.modeOf(userId);
    // Taken before sending, so two deliveries never send the same event twice; an event whose
    // e-mail fails is logged and not retried.
    store.markSent(userId, rows[rows.length - 1].id, clock());
    if (!user || mode === 'off') return false;
    const mail = mailFor(deps, user, rows, digest);
    return mail ? sendInBackground(deps.mailer, log, mail) : false;
  };

  const deliverSoon = (userId: string) => {
    if (scheduled.has(userId)) return;
    scheduled.add(userId);
    // After the request that caused it has been answered; events of one burst share an e-mail.
    track(
      new Promise<void>((resolve) => setTimeout(resolve, MailLimits.immediateBatchMs)).then(() => {
        scheduled.delete(userId);
        return deliver(userId, false);
      }),
    ).catch((err) => log.error(`notification e-mail for ${userId} failed`, err));
  };

  /** Stores the event for each person who should hear of it, and sends to those in immediate mode. */
  const record = (userIds: Iterable<string>, kind: NotificationKind, chapterId: string, actorId: string | null, data: NotificationData) => {
    const partnershipId = partnershipOf(chapterId);
    if (!partnershipId) return;
    const at = clock();
    for (const userId of new Set(userIds)) {
      if (userId === actorId || stores.partnerships.roleOf(partnershipId, userId) === null) continue;
      // Someone who has not accepted their invitation yet has not joined: no notifications.
      if (!stores.people.userById(userId)?.password_hash) continue;
      const mode = store.modeOf(userId);
      if (mode === 'off') continue;
      if (kind === 'suggestion' && store.hasRecent(userId, chapterId, kind, at - MailLimits.suggestionNoticeWindowMs)) continue;
      if (kind === 'deadline' && store.hasRecent(userId, chapterId, kind, at - DEADLINE_REPEAT_MS)) continue;
      store.add({ userId, kind, chapterId, actorId, data, at });
      if (mode === 'immediate') deliverSoon(userId);
    }
  };

  /** Whether a person may get e-mail notifications of a partnership now: a member who joined, not turned off. */
  const reachable = (partnershipId: string, userId: string) =>
    stores.partnerships.roleOf(partnershipId, userId) !== null && !!stores.people.userById(userId)?.password_hash && store.modeOf(userId) !== 'off';

  /** Stores a strategy's procedure event for each person concerned (the same queue and delivery as chapter events). */
  const recordProcedure = (userIds: Iterable<string>, strategyId: string, notice: ProcedureNotice) => {
    const strategy = stores.chapters.strategyById(strategyId);
    if (!strategy) return;
    const at = clock();
    for (const userId of new Set(userIds)) {
      if (!reachable(strategy.partnership_id, userId)) continue;
      const earlier = store.recentOfStrategy(userId, strategyId, 'procedure', at - DEADLINE_REPEAT_MS);
      if (earlier.some((d) => d.procedure?.subject === notice.subject && d.procedure.date === notice.date && d.procedure.daysLeft === notice.daysLeft)) continue;
      store.addForStrategy({ userId, kind: 'procedure', strategyId, data: { procedure: notice }, at });
      if (store.modeOf(userId) === 'immediate') deliverSoon(userId);
    }
  };

  const guarded = (what: string, fn: () => void) => {
    // A notification must never break the action that caused it.
    try {
      fn();
    } catch (err) {
      log.error(`notifications for ${what} failed`, err);
    }
  };

  const lookForSuggestions = (chapterId: string, doc: () => Y.Doc) => {
    const authors = settling.get(chapterId) ?? new Set<string>();
    settling.delete(chapterId);
    if (!deps.db.open) return;
    const partnershipId = partnershipOf(chapterId);
    if (!partnershipId) return;
    const open = listSuggestions(doc());
    const waiting = open.filter((s) => authors.has(s.authorId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (!waiting.length) return;
    const deciders = stores.partnerships
      .members(partnershipId)
      .filter((m) => chapterPermissions({ role: m.role, frozen: false, suggestLock: false }).review)
      .map((m) => m.userId);
    record(deciders, 'suggestion', chapterId, waiting[waiting.length - 1].authorId, {});
  };

  return {
    commentWritten: (e) =>
      guarded(`comment in ${e.chapterId}`, () => {
        const data = { threadId: e.threadId, excerpt: excerpt(e.body) };
        record(e.mentions, 'mention', e.chapterId, e.authorId, data);
        const mentioned = new Set(e.mentions);
        const earlier = store.threadParticipants(e.threadId).filter((id) => !mentioned.has(id));
        record(earlier, 'reply', e.chapterId, e.authorId, data);
      }),

    mentionAdded: (e) =>
      guarded(`comment edit in ${e.chapterId}`, () => record(e.mentions, 'mention', e.chapterId, e.authorId, { threadId: e.threadId, excerpt: excerpt(e.body) })),

    chapterDeadline: (e) =>
      guarded(`deadline of ${e.chapterId}`, () => record(e.userIds, 'deadline', e.chapterId, null, { dueDate: e.dueDate })),

    procedureTerm: (e) =>
      guarded(`procedure term of ${e.strategyId}`, () => recordProcedure(e.userIds, e.strategyId, e.notice)),

    chapterFreezeChanged: (e) =>
      guarded(`freeze of ${e.chapterId}`, () => {
        const data = e.note ? { excerpt: excerpt(e.note) } : {};
        record(store.chapterParticipants(e.chapterId), e.frozen ? 'freeze' : 'unfreeze', e.chapterId, e.actorId, data);
      }),

    suggestionActivity(chapterId, userId, doc) {
      let authors = settling.get(chapterId);
      if (authors) {
        authors.add(userId);
        return;
      }
      settling.set(chapterId, (authors = new Set([userId])));
      track(
        new Promise<void>((resolve) => setTimeout(resolve, MailLimits.suggestionSettleMs).unref()).then(() =>
          guarded(`suggestions in ${chapterId}`, () => lookForSuggestions(chapterId, doc)),
        ),
      );
    },

    async runDigest() {
      let sent = 0;
      for (const userId of store.pendingDigestUsers()) {
        if (await track(deliver(userId, true))) sent++;
      }
      return sent;
    },

    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
