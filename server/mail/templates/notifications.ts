/**
 * Notification e-mails: one event at once, several at once (a burst in immediate mode), or
 * the daily digest. Names stay in the nominative („Zamroził(a): Katarzyna Wiśniewska · Powiat
 * Wałecki”). Every one carries the unsubscribe link, in the text and as RFC 8058 headers.
 */
import type { MailMessage } from '../mailer.ts';
import { NOTICE_SUBJECTS_PL } from '../../../shared/procedure/labels.ts';
import type { ProcedureNotice } from '../../storage/notifications.ts';
import { polishDate } from '../../export/polish.ts';
import { render, type Paragraph } from './layout.ts';

export type NotificationKind = 'mention' | 'reply' | 'suggestion' | 'freeze' | 'unfreeze' | 'deadline' | 'procedure';

/** One event, resolved for display. */
export interface NotificationView {
  kind: NotificationKind;
  chapterTitle: string;
  chapterUrl: string;
  /** Who did it: „Katarzyna Wiśniewska · Powiat Wałecki”; null for the system (deadlines). */
  actor: string | null;
  /** The comment's beginning, the freeze note or the unfreeze reason. */
  excerpt: string | null;
  /** For deadlines: the due date, YYYY-MM-DD. */
  dueDate?: string | null;
  /** For procedure events (kind `procedure`): chapterTitle is the strategy's title, chapterUrl its procedure page. */
  procedure?: ProcedureNotice | null;
}

/** „4 stycznia 2027” from YYYY-MM-DD. */
const dayPl = (date: string) => polishDate(Date.parse(`${date}T12:00:00Z`));

/** „dziś”, „jutro”, „za 7 dni”. */
const whenPl = (days: number) => (days === 0 ? 'dziś' : days === 1 ? 'jutro' : `za ${days} dni`);

/** The sentence of a procedure event (upcoming or overdue term). */
export function procedureLine(strategyTitle: string, p: ProcedureNotice): string {
  const what = NOTICE_SUBJECTS_PL[p.subject] ?? p.subject;
  const strategy = `Strategia „${strategyTitle}”.`;
  if (p.daysLeft >= 0) return `Termin ${whenPl(p.daysLeft)} (${dayPl(p.date)}): ${what}.\n${strategy}`;
  if (p.deemedPositiveFrom) {
    return `Zarząd województwa nie wydał opinii w terminie (do ${dayPl(p.date)}): od ${dayPl(p.deemedPositiveFrom)} opinię uznaje się za pozytywną. Wpisz datę opinii, jeśli wpłynęła.\n${strategy}`;
  }
  const late = -p.daysLeft;
  return `Po terminie od ${late} ${late === 1 ? 'dnia' : 'dni'} (termin: ${dayPl(p.date)}): ${what}.\n${strategy}`;
}

export interface NotificationMailOptions {
  to: string;
  name: string;
  events: NotificationView[];
  /** Events beyond `events` not listed (counted only). */
  more: number;
  digest: boolean;
  accountUrl: string;
  unsubscribeUrl: string;
}

const quote = (s: string | null) => (s ? ` „${s}”` : '');

/** The one-line subject of a single event. */
function subjectOf(e: NotificationView): string {
  switch (e.kind) {
    case 'mention': return `Wspomniano o Tobie: „${e.chapterTitle}”`;
    case 'reply': return `Nowa odpowiedź w wątku: „${e.chapterTitle}”`;
    case 'suggestion': return `Propozycje zmian czekają na decyzję: „${e.chapterTitle}”`;
    case 'freeze': return `Rozdział zamrożony: „${e.chapterTitle}”`;
    case 'unfreeze': return `Rozdział odmrożony: „${e.chapterTitle}”`;
    case 'deadline': return `Zbliża się termin rozdziału „${e.chapterTitle}”`;
    case 'procedure':
      return e.procedure && e.procedure.daysLeft < 0
        ? `Termin procedury minął: „${e.chapterTitle}”`
        : `Zbliża się termin procedury: „${e.chapterTitle}”`;
  }
}

/** The paragraph that describes one event. */
function lineOf(e: NotificationView): string {
  const ch = `rozdział „${e.chapterTitle}”`;
  switch (e.kind) {
    case 'mention': return `Wzmianka o Tobie w komentarzu — ${ch}.\nAutor(ka): ${e.actor}.${quote(e.excerpt)}`;
    case 'reply': return `Nowa odpowiedź w wątku, w którym piszesz — ${ch}.\nAutor(ka): ${e.actor}.${quote(e.excerpt)}`;
    case 'suggestion': return `Propozycje zmian czekają na Twoją decyzję — ${ch}.\nOstatnia od: ${e.actor}.`;
    case 'freeze': return `Rozdział zatwierdzony i zamrożony — ${ch}.\nZamroził(a): ${e.actor}.${e.excerpt ? `\nUwagi:${quote(e.excerpt)}` : ''}`;
    case 'unfreeze': return `Rozdział odmrożony: znów można go zmieniać — ${ch}.\nOdmroził(a): ${e.actor}.${e.excerpt ? `\nPowód:${quote(e.excerpt)}` : ''}`;
    case 'deadline': return `Termin rozdziału: ${e.dueDate ?? '—'} — ${ch}.`;
    case 'procedure': return e.procedure ? procedureLine(e.chapterTitle, e.procedure) : `Termin procedury — strategia „${e.chapterTitle}”.`;
  }
}

/** „1 powiadomienie”, „3 powiadomienia”, „5 powiadomień”. */
export function notificationCount(n: number): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (n === 1) return '1 powiadomienie';
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return `${n} powiadomienia`;
  return `${n} powiadomień`;
}

export function notificationMail(o: NotificationMailOptions): MailMessage {
  const total = o.events.length + o.more;
  const subject = o.digest
    ? `Podsumowanie dnia — Wspólna Strategia: ${notificationCount(total)}`
    : total === 1 ? subjectOf(o.events[0]) : `Wspólna Strategia: ${notificationCount(total)}`;
  const paragraphs: Paragraph[] = o.events.map((e) => ({ text: lineOf(e), link: { label: e.kind === 'procedure' ? 'Otwórz procedurę' : 'Otwórz rozdział', url: e.chapterUrl } }));
  if (o.more > 0) paragraphs.push(`…i jeszcze ${notificationCount(o.more)}.`);
  const footer: Paragraph[] = [
    { text: o.digest ? 'Dostajesz raz dziennie podsumowanie powiadomień ze Wspólnej Strategii.' : 'Dostajesz powiadomienia e-mail ze Wspólnej Strategii.', link: { label: 'Zmień ustawienia powiadomień', url: o.accountUrl } },
    { text: 'Nie chcesz dostawać powiadomień? Jedno kliknięcie wyłączy je bez logowania:', link: { label: 'Wypisz mnie z powiadomień', url: o.unsubscribeUrl } },
  ];
  return render({
    to: o.to,
    subject,
    greeting: `Dzień dobry, ${o.name}!`,
    paragraphs: [o.digest ? `Co wydarzyło się od ostatniego podsumowania (${notificationCount(total)}):` : 'Co nowego we Wspólnej Strategii:', ...paragraphs],
    footer,
    headers: {
      'List-Unsubscribe': `<${o.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  });
}
