/**
 * The small parts of e-mail (issue 16): SMTP settings in the config, the log-only mailer
 * (recipient and subject at info, never the body), a dead SMTP server costing a logged failure
 * rather than a thrown error, signed unsubscribe tokens, Polish counts, the digest's clock.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import type { Logger } from '../../../server/log.ts';
import { createLogMailer, sendInBackground } from '../../../server/mail/mailer.ts';
import { createSmtpMailer } from '../../../server/mail/smtp.ts';
import { passwordResetMail } from '../../../server/mail/templates/passwordReset.ts';
import { notificationCount } from '../../../server/mail/templates/notifications.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from '../../../server/notifications/unsubscribe.ts';
import { warsawDayAndHour } from '../../../server/notifications/scheduler.ts';

function capturingLog(): Logger & { lines: { level: string; msg: string }[] } {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (msg: string, extra?: unknown) => void lines.push({ level, msg: extra === undefined ? msg : `${msg} ${String(extra)}` });
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

describe('SMTP configuration', () => {
  it('is off without settings, and read from SMTP_URL or SMTP_HOST and friends', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.pl:465' }).smtp).toEqual({ url: 'smtps://u:p@mail.example.pl:465' });
    expect(loadConfig({ SMTP_HOST: 'mail.example.pl', SMTP_USER: 'strategia', SMTP_PASSWORD: 'x' }).smtp).toEqual({
      host: 'mail.example.pl', port: 587, secure: false, user: 'strategia', password: 'x',
    });
    expect(loadConfig({ SMTP_HOST: 'mail.example.pl', SMTP_SECURE: '1' }).smtp).toMatchObject({ port: 465, secure: true });
    expect(loadConfig({}).digestHour).toBe(7);
  });

  it('names a bad variable', () => {
    expect(() => loadConfig({ SMTP_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_DIGEST_HOUR: '24' })).toThrow(/MAIL_DIGEST_HOUR/);
  });
});

describe('without SMTP', () => {
  it('logs recipient and subject at info, and the body (with its secret link) only at debug', async () => {
    const log = capturingLog();
    const mail = passwordResetMail({ to: 'tuczno@walcz.example', name: 'Jan', url: 'http://localhost/nowe-haslo/sekret', expiresAt: new Date() });
    expect(await sendInBackground(createLogMailer(log), log, mail)).toBe(true);
    const info = log.lines.filter((l) => l.level === 'info').map((l) => l.msg).join('\n');
    expect(info).toContain('tuczno@walcz.example');
    expect(info).toContain(mail.subject);
    expect(info).not.toContain('sekret');
    expect(log.lines.find((l) => l.level === 'debug')?.msg).toContain('sekret');
  });
});

describe('a dead SMTP server', () => {
  it('costs a logged failure, never a thrown error', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const log = capturingLog();
    const mailer = createSmtpMailer({ host: '127.0.0.1', port, secure: false, user: null, password: null }, 'a@b.example');
    const mail = passwordResetMail({ to: 'x@walcz.example', name: 'X', url: 'http://localhost/x', expiresAt: new Date() });
    expect(await sendInBackground(mailer, log, mail)).toBe(false);
    expect(log.lines.some((l) => l.level === 'error' && l.msg.includes('x@walcz.example'))).toBe(true);
  });
});

describe('unsubscribe tokens', () => {
  const key = Buffer.alloc(32, 7);
  it('verify for the person they were made for, and not when changed or signed with another key', () => {
    const token = unsubscribeToken(key, 'abcdefgh234567');
    expect(verifyUnsubscribeToken(key, token)).toBe('abcdefgh234567');
    expect(verifyUnsubscribeToken(key, token.replace('abcdefgh', 'bbcdefgh'))).toBeNull();
    expect(verifyUnsubscribeToken(Buffer.alloc(32, 8), token)).toBeNull();
    expect(verifyUnsubscribeToken(key, 'nonsense')).toBeNull();
  });
});

describe('Polish words and the Polish clock', () => {
  it('counts notifications with the right plural', () => {
    expect([1, 2, 4, 5, 12, 22, 25, 104].map(notificationCount)).toEqual([
      '1 powiadomienie', '2 powiadomienia', '4 powiadomienia', '5 powiadomień', '12 powiadomień', '22 powiadomienia', '25 powiadomień', '104 powiadomienia',
    ]);
  });

  it('reads the day and hour in Warsaw across the DST change', () => {
    expect(warsawDayAndHour(Date.UTC(2026, 11, 6, 23, 30))).toEqual({ day: '2026-12-07', hour: 0 });
    expect(warsawDayAndHour(Date.UTC(2026, 6, 1, 5, 0))).toEqual({ day: '2026-07-01', hour: 7 });
  });
});
