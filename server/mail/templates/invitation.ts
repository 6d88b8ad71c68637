/** The invitation e-mail: who invites whom to which partnership, and the one-time link. */
import type { Role } from '../../../shared/domain.ts';
import type { MailMessage } from '../mailer.ts';
import { render } from './layout.ts';

const ROLE_PL: Record<Role, string> = {
  coordinator: 'koordynator(ka)',
  editor: 'redaktor(ka)',
  expert: 'ekspert(ka) — propozycje zmian i komentarze',
  commenter: 'opiniujący(a) — czyta i komentuje',
  viewer: 'obserwator(ka) — tylko odczyt',
};

export interface InvitationMail {
  to: string;
  name: string;
  partnershipName: string;
  role: Role;
  /** Who invited, in the nominative: „Katarzyna Wiśniewska · Powiat Wałecki”. */
  invitedBy: string;
  url: string;
  expiresAt: Date;
}

export function invitationMail(m: InvitationMail): MailMessage {
  return render({
    to: m.to,
    subject: `Zaproszenie do partnerstwa „${m.partnershipName}”`,
    greeting: `Dzień dobry, ${m.name}!`,
    paragraphs: [
      `Zaproszenie do wspólnej pracy nad strategią w partnerstwie „${m.partnershipName}” we Wspólnej Strategii.\nZaprasza: ${m.invitedBy}\nRola: ${ROLE_PL[m.role]}`,
      { text: 'Aby przyjąć zaproszenie, otwórz link i ustal swoje hasło:', link: { label: 'Przyjmij zaproszenie', url: m.url } },
      `Link działa jeden raz, do ${formatWarsaw(m.expiresAt)}. Jeśli nie spodziewasz się tego zaproszenia, zignoruj tę wiadomość.`,
    ],
  });
}

/** „6 grudnia 2026, 10:30” in Polish time. */
export function formatWarsaw(d: Date): string {
  return new Intl.DateTimeFormat('pl-PL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Warsaw' }).format(d);
}
