/**
 * Outgoing e-mail. One Mailer for the process: SMTP when configured (server/config.ts
 * SMTP_URL or SMTP_HOST…), otherwise a log-only Mailer that says where each e-mail would
 * have gone (recipient and subject; never the body, which may hold a secret link, except
 * at LOG_LEVEL=debug). See docs/email.md.
 */
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { createSmtpMailer } from './smtp.ts';

/** One e-mail, rendered: plain text with a simple HTML alternative. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** 'smtp' sends; 'log' only logs. */
  readonly kind: 'smtp' | 'log';
  /** Sends one e-mail; rejects when the SMTP server refused or could not be reached. */
  send(message: MailMessage): Promise<void>;
  /** Closes pooled connections (at shutdown). */
  close(): void;
}

/** The Mailer that only logs: the product works without SMTP. */
export function createLogMailer(log: Logger): Mailer {
  return {
    kind: 'log',
    async send(m) {
      log.info(`e-mail not sent (no SMTP configured): to ${m.to}, subject „${m.subject}”`);
      // The body may carry a password-reset or invitation link: only at debug level.
      log.debug(`e-mail body for ${m.to}:\n${m.text}`);
    },
    close() {},
  };
}

export function createMailer(config: Config, log: Logger): Mailer {
  return config.smtp ? createSmtpMailer(config.smtp, config.mailFrom) : createLogMailer(log);
}

/**
 * Sends after the current request has been answered and never throws: a failure is logged
 * with the recipient and subject. Returns the promise for callers that want to wait (tests,
 * the digest job).
 */
export function sendInBackground(mailer: Mailer, log: Logger, message: MailMessage): Promise<boolean> {
  return new Promise((resolve) => {
    setImmediate(() => {
      mailer.send(message).then(
        () => {
          if (mailer.kind === 'smtp') log.info(`e-mail sent: to ${message.to}, subject „${message.subject}”`);
          resolve(true);
        },
        (err: unknown) => {
          log.error(`e-mail to ${message.to} („${message.subject}”) failed: ${err instanceof Error ? err.message : String(err)}`);
          resolve(false);
        },
      );
    });
  });
}
