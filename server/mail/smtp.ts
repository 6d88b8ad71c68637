/**
 * The SMTP Mailer (nodemailer), one connection per e-mail. Each send has bounded timeouts so
 * a dead SMTP server costs a logged failure, never a hung request (sending never runs inside
 * a request anyway: see sendInBackground).
 */
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { loadNodemailer } from '../modules/lazy.ts';
import type { SmtpConfig } from '../config.ts';
import type { Mailer } from './mailer.ts';

/** Seconds to wait for the SMTP server to connect, greet and answer. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function transportOptions(smtp: SmtpConfig): SMTPTransport.Options {
  if ('url' in smtp) {
    const u = new URL(smtp.url);
    return {
      host: u.hostname,
      port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
      secure: u.protocol === 'smtps:',
      auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
      ...TIMEOUTS,
    };
  }
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    ...TIMEOUTS,
  };
}

/** nodemailer is loaded, and the transport made, with the first e-mail (modules/lazy.ts). */
export function createSmtpMailer(smtp: SmtpConfig, from: string): Mailer {
  let transport: Transporter<SMTPTransport.SentMessageInfo> | null = null;
  return {
    kind: 'smtp',
    async send(m) {
      transport ??= (await loadNodemailer()).createTransport(transportOptions(smtp));
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
    },
    close: () => transport?.close(),
  };
}
