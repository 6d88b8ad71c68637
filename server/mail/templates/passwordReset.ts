/** The "forgot password" e-mail with its single-use, expiring link. */
import type { MailMessage } from '../mailer.ts';
import { formatWarsaw } from './invitation.ts';
import { render } from './layout.ts';

export function passwordResetMail(m: { to: string; name: string; url: string; expiresAt: Date }): MailMessage {
  return render({
    to: m.to,
    subject: 'Ustaw nowe hasło — Wspólna Strategia',
    greeting: `Dzień dobry, ${m.name}!`,
    paragraphs: [
      'Ktoś (zapewne Ty) poprosił o ustawienie nowego hasła do Twojego konta we Wspólnej Strategii.',
      { text: 'Aby ustawić nowe hasło, otwórz link:', link: { label: 'Ustaw nowe hasło', url: m.url } },
      `Link działa jeden raz, do ${formatWarsaw(m.expiresAt)}. Po ustawieniu nowego hasła wszystkie Twoje sesje zostaną zakończone: zaloguj się ponownie.`,
      'Jeśli to nie Ty prosisz o nowe hasło, zignoruj tę wiadomość: dotychczasowe hasło nadal działa.',
    ],
  });
}
