/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, port 0) that keeps every message it
 * receives, with a small MIME reader for what the tests look at: the envelope, headers
 * (encoded words decoded) and the plain-text part.
 *
 * @example
 *   const smtp = await startSmtpServer();
 *   const t = await createTestContext({ env: smtp.env });
 *   const mail = await smtp.waitFor((m) => m.to === 'tuczno@walcz.example');
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createTestContext, type TestContext } from './http.ts';

/** The public address of the app in mail tests: links in e-mails start with it. */
export const TEST_PUBLIC_URL = 'https://strategia.test.example';

export interface ReceivedMail {
  /** Envelope recipient (the first). */
  to: string;
  from: string;
  subject: string;
  /** Header names lower-case, values unfolded and decoded. */
  headers: Map<string, string>;
  text: string;
  html: string;
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  /** Environment that points the app at this server. */
  env: Record<string, string>;
  messages: ReceivedMail[];
  /** Resolves with the first message matching `pred` (waiting up to `timeoutMs`). */
  waitFor(pred: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_, _cs: string, enc: string, data: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
    const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function splitHead(part: string): { headers: Map<string, string>; body: string } {
  const at = part.indexOf('\r\n\r\n');
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? '' : part.slice(at + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** The leaf parts of a (possibly nested) multipart message, by content type. */
function leaves(headers: Map<string, string>, body: string, out: Map<string, string>): void {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const p = splitHead(chunk.replace(/^\r\n/, ''));
      leaves(p.headers, p.body, out);
    }
    return;
  }
  const base = type.split(';')[0].trim().toLowerCase();
  if (!out.has(base)) out.set(base, decodeBody(body, headers.get('content-transfer-encoding')));
}

export function parseMail(raw: string, to: string, from: string): ReceivedMail {
  const { headers, body } = splitHead(raw);
  const parts = new Map<string, string>();
  leaves(headers, body, parts);
  return { to, from, subject: headers.get('subject') ?? '', headers, text: parts.get('text/plain') ?? '', html: parts.get('text/html') ?? '', raw };
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo[0]?.address ?? '';
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push(parseMail(Buffer.concat(chunks).toString('latin1'), to, from));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), MAIL_FROM: 'Wspólna Strategia <strategia@test.example>' },
    messages,
    async waitFor(pred, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(pred);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching e-mail within ${timeoutMs} ms; got: ${messages.map((m) => `${m.to} „${m.subject}”`).join(', ') || 'none'}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * In-process HTTP tests of e-mail: one SMTP server for the test file, and before each test a
 * fresh app (tests/helpers/http.ts) sending to it under TEST_PUBLIC_URL, with `env` added; the
 * message list starts empty. After each test, background deliveries finish before the
 * database closes.
 * @param use receives the server and the test's app before each test
 * @example
 *   let smtp: TestSmtpServer; let t: TestContext;
 *   const { settled } = mailTestContext({ SEED_DEMO: '1' }, (s, c) => { smtp = s; t = c; });
 */
export function mailTestContext(
  env: Record<string, string>,
  use: (smtp: TestSmtpServer, t: TestContext) => void,
): { settled(): Promise<ReceivedMail[]> } {
  let smtp: TestSmtpServer;
  let t: TestContext;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());
  beforeEach(async () => {
    smtp.messages.length = 0;
    t = await createTestContext({ env: { ...smtp.env, PUBLIC_URL: TEST_PUBLIC_URL, ...env } });
    use(smtp, t);
  });
  afterEach(async () => {
    // Background work (reset requests, e-mails) finishes before the database closes.
    await new Promise((r) => setTimeout(r, 50));
    await t.services.notifications.idle();
    t.close();
  });
  return {
    /** Lets every background delivery finish, then the messages so far. */
    async settled() {
      await t.services.notifications.idle();
      await new Promise((r) => setTimeout(r, 150));
      return [...smtp.messages];
    },
  };
}
