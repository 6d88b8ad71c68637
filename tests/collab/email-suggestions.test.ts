/**
 * "Suggestions wait for your decision" e-mails (issue 16) from a real expert's socket: an
 * expert types a suggestion keystroke by keystroke into a chapter; the people who decide on
 * suggestions (editors, coordinators) get ONE e-mail for that chapter, not one per keystroke,
 * and no second one within the hour; the expert and the viewer get none. A real SMTP server
 * (smtp-server on 127.0.0.1) receives them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startInProcessServer, type InProcessServer } from '../helpers/inprocess.ts';
import { login, waitFor } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { DEMO, chapterIds } from '../helpers/demo.ts';
import { startSmtpServer, TEST_PUBLIC_URL, type TestSmtpServer } from '../helpers/smtp.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { SUGGESTION_INSERT_MARK } from '../../shared/annotations.ts';
import { MailLimits } from '../../shared/mail.ts';

let server: InProcessServer;
let smtp: TestSmtpServer;
let expert: TestClient;
let expertId: string;
let chapterId: string;
const SUBJECT = /^Propozycje zmian czekają na decyzję/;

/** The first paragraph's text, created by the editor when the chapter is empty. */
function firstText(doc: Y.Doc): Y.XmlText {
  const first = doc.getXmlFragment(DOCUMENT_FIELD).get(0);
  if (first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText) return first.get(0) as Y.XmlText;
  throw new Error('no first paragraph');
}

/** Types `word` one character per update, each marked as the expert's own suggestion. */
async function typeSuggestion(word: string, id: string) {
  const at = firstText(expert.doc).length;
  for (let i = 0; i < word.length; i++) {
    firstText(expert.doc).insert(at + i, word[i], { [SUGGESTION_INSERT_MARK]: { id, authorId: expertId, createdAt: new Date().toISOString() } });
    await new Promise((r) => setTimeout(r, 30));
  }
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startInProcessServer({ env: { ...smtp.env, LOG_LEVEL: process.env.TEST_LOG ?? 'error', PUBLIC_URL: TEST_PUBLIC_URL, SEED_DEMO: '1' } });
  const editorCookie = await login(server.url, DEMO.editorTuczno);
  const expertCookie = await login(server.url, DEMO.expert);
  expertId = server.services.stores.people.userByEmail(DEMO.expert)!.id;
  chapterId = (await chapterIds(server.url, editorCookie))[5];
  const editor = connectClient(server.wsUrl, chapterId, { cookie: editorCookie });
  await editor.synced();
  if (editor.doc.getXmlFragment(DOCUMENT_FIELD).length === 0) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Tekst rozdziału')]);
    editor.doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [p]);
  }
  expert = connectClient(server.wsUrl, chapterId, { cookie: expertCookie, extended: true });
  await expert.synced();
  await waitFor(() => expert.doc.getXmlFragment(DOCUMENT_FIELD).length > 0, 'expert sees the text');
  editor.destroy();
}, 30_000);

afterAll(async () => {
  expert?.destroy();
  await server?.services.notifications.idle();
  await server?.close();
  await smtp?.close();
});

describe('suggestions waiting for a decision', () => {
  it('sends each decider one e-mail per chapter for a burst of keystrokes, and none again within the hour', async () => {
    await typeSuggestion(' oraz turystyki', 'sugg-a');
    expect(expert.received.rejected).toEqual([]);
    for (const to of [DEMO.coordinator, DEMO.editorTuczno, DEMO.editorCzlopa]) {
      const mail = await smtp.waitFor((m) => m.to === to && SUBJECT.test(m.subject), MailLimits.suggestionSettleMs + 5000);
      expect(mail.text).toMatch(/Ostatnia od: .+ · Związek Miast Polskich/);
    }
    // A second burst a little later: still within the hour, so nothing new.
    await typeSuggestion(' i rolnictwa', 'sugg-b');
    await new Promise((r) => setTimeout(r, MailLimits.suggestionSettleMs + 500));
    await server.services.notifications.idle();
    const suggestionMails = smtp.messages.filter((m) => SUBJECT.test(m.subject));
    expect(suggestionMails.map((m) => m.to).sort()).toEqual([DEMO.coordinator, DEMO.editorCzlopa, DEMO.editorTuczno].sort());
    // Neither the expert nor the viewer decides on suggestions.
    expect(smtp.messages.filter((m) => m.to === DEMO.expert || m.to === DEMO.viewer)).toEqual([]);
  }, 30_000);
});
