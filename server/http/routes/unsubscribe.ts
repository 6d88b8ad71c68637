/**
 * Unsubscribing from notification e-mails without logging in (issue 16), outside /api:
 * - GET /wypisz/:token — the link in every e-mail: turns notifications off and shows a Polish
 *   confirmation page (one click, no form);
 * - POST /wypisz/:token — RFC 8058 one-click unsubscribe from the mail client
 *   (List-Unsubscribe-Post), answered 200 with no content of note.
 * The token is signed (server/notifications/unsubscribe.ts); a bad one gets a Polish 404 page.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';
import type { Services } from '../../services.ts';
import { escapeHtml } from '../../mail/templates/layout.ts';
import { verifyUnsubscribeToken } from '../../notifications/unsubscribe.ts';

function page(title: string, paragraphs: string[]): string {
  return [
    '<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} — Wspólna Strategia</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a">',
    `<main><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</main></body></html>`,
  ].join('');
}

export function unsubscribeRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const userFor = (token: string) => {
    const userId = verifyUnsubscribeToken(services.stores.secrets.get('unsubscribe'), token);
    return userId ? services.stores.people.userById(userId) ?? null : null;
  };
  const turnOff = (userId: string) => {
    services.stores.notifications.setMode(userId, 'off', services.clock());
    services.log.info(`notifications turned off by unsubscribe link for ${userId}`);
  };

  app.get('/:token', (c) => {
    c.header('Cache-Control', 'no-store');
    const user = userFor(c.req.param('token'));
    if (!user) {
      return c.html(page('Nieprawidłowy link', ['Ten link do wypisania się z powiadomień jest nieprawidłowy. Ustawienia powiadomień zmienisz też na stronie <a href="/konto">Moje konto</a>.']), 404);
    }
    turnOff(user.id);
    return c.html(
      page('Wypisano z powiadomień', [
        `Powiadomienia e-mail dla adresu <strong>${escapeHtml(user.email)}</strong> są wyłączone. Nie wyślemy już ani pojedynczych powiadomień, ani podsumowań dnia.`,
        'Wiadomości o zaproszeniach i ustawianiu nowego hasła nadal będą przychodzić.',
        'Zmienisz to w każdej chwili na stronie <a href="/konto">Moje konto</a> (po zalogowaniu).',
      ]),
    );
  });

  app.post('/:token', (c) => {
    const user = userFor(c.req.param('token'));
    if (!user) return c.text('Unknown unsubscribe link.', 404);
    turnOff(user.id);
    return c.text('Unsubscribed.', 200);
  });

  return app;
}
