// Mail coming in through both doors, the SMTP listener (a real SMTP client) and the webhook (real
// HTTP), on each database: replies placed by reply address and by In-Reply-To, trimmed, reopening
// the message; automatic answers and delivery reports that reopen nothing (a bounce stops emails to
// the address); the same Message-ID taken once; new mail to the company becoming a message; what
// cannot be placed kept as unmatched; the webhook's refusals.
import { connect } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundMails, messages } from '../../server/src/db/schema/index.ts';
import { signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { freePort, startApp, type RunningApp } from '../support/app.ts';
import { writeMessage, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  giveReplyAddress,
  INBOUND_ENV,
  INBOUND_SECRET,
  INBOX_ADDRESS,
  postMail,
  recordSentEmail,
  REPLY_DOMAIN,
  sendBySmtp,
} from '../support/inbound-mail.ts';
import { mailFixture } from '../support/mail-fixtures.ts';

/** Fixtures carry fixed Message-IDs: each test makes its own, so that no two are duplicates by accident. */
let sequence = 0;
const unique = (raw: Buffer) => {
  sequence += 1;
  return Buffer.from(raw.toString().replace(/^(Message-I[Dd]: <)/m, `$1t${sequence}-${Date.now()}.`));
};

describe.each(databaseKinds)('inbound mail on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let smtpPort: number;

  /**
   * A message as agents read it, without the events of the emails Ecoute writes: they change state in
   * the background (tests/email/ reads them), and would land anywhere in what these tests read.
   */
  const detail = async (id: string) => {
    const json = (await admin.request('GET', `/api/v1/messages/${id}`)).json;
    return { ...json, timeline: json.timeline.filter((event: { type: string }) => event.type !== 'email') };
  };
  const stored = async (id: string) =>
    (await ecoute.app.db.select().from(inboundMails).where(eq(inboundMails.id, id)))[0]!;
  /** A customer's message the team has answered (so closed): a reply by email must reopen it. */
  const answeredMessage = async (): Promise<WrittenMessage> => {
    const message = await writeMessage(ecoute.url, {
      body: 'Mon colis n’est pas arrivé.',
      email: 'jeanne.martin@exemple.fr',
      locale: 'fr',
    });
    const reply = await admin.request('POST', `/api/v1/messages/${message.id}/replies`, { body: 'Nous regardons.' });
    expect(reply.json.status).toBe('closed');
    return message;
  };

  beforeAll(async () => {
    smtpPort = await freePort();
    ecoute = await startApp(kind, { ...INBOUND_ENV, ECOUTE_INBOUND_SMTP_PORT: String(smtpPort) });
    admin = await signIn(ecoute.url);
  });
  afterAll(() => ecoute.close());

  describe('replies', () => {
    it('by reply address, over the webhook: the trimmed words join the message as the customer’s and reopen it', async () => {
      const message = await answeredMessage();
      const reply = await giveReplyAddress(ecoute, message.id);
      const sent = await postMail(ecoute.url, unique(mailFixture('gmail-reply-fr.eml', { reply })));
      expect(sent.status).toBe(200);
      expect(sent.json).toMatchObject({ outcome: 'added', duplicate: false, messageId: message.id });

      const { message: after, timeline } = await detail(message.id);
      expect(after.status).toBe('unanswered');
      const last = timeline.at(-1);
      expect(last).toMatchObject({
        type: 'customer_message',
        visibility: 'public',
        actor: null,
        text: 'Merci, le colis est finalement arrivé ce matin, mais il manque le câble.',
        inboundMail: { id: sent.json.id, attachments: [] },
      });
      // Exactly as a follow-up on the tracking page: the customer reads their words there too.
      const tracking = await (await fetch(`${ecoute.url}/api/v1/tracking/${message.token}`)).json();
      expect(tracking.timeline.at(-1)).toMatchObject({ type: 'customer_message', text: last.text });
    });

    it('by reply address, whatever case a mail system on the way gave it', async () => {
      const message = await answeredMessage();
      const reply = (await giveReplyAddress(ecoute, message.id)).toUpperCase();
      const sent = await postMail(ecoute.url, unique(mailFixture('gmail-reply-fr.eml', { reply })));
      expect(sent.json).toMatchObject({ outcome: 'added', messageId: message.id });
    });

    it('by In-Reply-To, over SMTP: threaded on the email of ours it answers, attachments listed', async () => {
      const message = await answeredMessage();
      const { rfcMessageId } = await recordSentEmail(ecoute, message.id);
      // Sent to an address of the domain without a token: only the thread says where it belongs.
      const raw = unique(
        mailFixture('reply-with-attachments.eml', { reply: `ecoute@${REPLY_DOMAIN}`, messageId: rfcMessageId }),
      );
      const answer = await sendBySmtp(smtpPort, raw, {
        from: 'jeanne.martin@gmail.com',
        to: [`ecoute@${REPLY_DOMAIN}`],
      });
      expect(answer.response).toMatch(/^250 /);

      const { message: after, timeline } = await detail(message.id);
      expect(after.status).toBe('unanswered');
      expect(timeline.at(-1)).toMatchObject({
        type: 'customer_message',
        text: 'Voici la photo du carton abîmé et la facture.',
        inboundMail: {
          attachments: [
            { name: 'carton.png', type: 'image/png', size: 309 },
            { name: 'facture décembre.pdf', type: 'application/pdf', size: 1009 },
          ],
        },
      });
    });

    it('trims quoted history and signatures of Outlook, Apple Mail and Thunderbird replies', async () => {
      const message = await answeredMessage();
      const reply = await giveReplyAddress(ecoute, message.id);
      for (const name of ['outlook-reply-fr.eml', 'apple-mail-reply-fr.eml', 'thunderbird-reply-en.eml']) {
        expect((await postMail(ecoute.url, unique(mailFixture(name, { reply })))).json.outcome).toBe('added');
      }
      const texts = (await detail(message.id)).timeline
        .filter((event: { type: string }) => event.type === 'customer_message')
        .slice(-3)
        .map((event: { text: string }) => event.text);
      expect(texts).toEqual([
        'Bonjour,\n\nLa facture n’est toujours pas corrigée : pouvez-vous me rappeler ?',
        'Oui, je serai chez moi jeudi après-midi.',
        'The replacement works, thank you. You can close this.',
      ]);
    });

    it('the same Message-ID twice is taken once: stored once, one event', async () => {
      const message = await answeredMessage();
      const reply = await giveReplyAddress(ecoute, message.id);
      const raw = unique(mailFixture('gmail-reply-en.eml', { reply }));
      const first = await postMail(ecoute.url, raw);
      const again = await sendBySmtp(smtpPort, raw, { from: 'john.smith@gmail.com', to: [reply] });
      const third = await postMail(ecoute.url, raw);
      expect(first.json.duplicate).toBe(false);
      expect(again.response).toContain(first.json.id);
      expect(third.json).toEqual({ ...first.json, duplicate: true });
      const events = (await detail(message.id)).timeline.filter((e: { type: string }) => e.type === 'customer_message');
      expect(events).toHaveLength(1);
      const rows = await ecoute.app.db.select().from(inboundMails).where(eq(inboundMails.messageId, message.id));
      expect(rows).toHaveLength(1);
    });
  });

  describe('automatic mail reopens nothing', () => {
    it.each(['vacation-fr.eml', 'vacation-en-outlook.eml'])(
      '%s is kept on the message, which stays closed',
      async (name) => {
        const message = await answeredMessage();
        const reply = await giveReplyAddress(ecoute, message.id);
        const before = (await detail(message.id)).timeline.length;
        const sent = await postMail(ecoute.url, unique(mailFixture(name, { reply })));
        expect(sent.json).toMatchObject({ outcome: 'auto_reply', messageId: message.id });
        const after = await detail(message.id);
        expect(after.message.status).toBe('closed');
        expect(after.timeline).toHaveLength(before);
      },
    );

    it.each(['dsn-postfix.eml', 'dsn-exchange.eml', 'exim-failed-recipients.eml'])(
      '%s over SMTP marks the customer’s address as bouncing, for agents only, and reopens nothing',
      async (name) => {
        const message = await answeredMessage();
        const { bounceAddress, rfcMessageId } = await recordSentEmail(ecoute, message.id);
        const raw = unique(mailFixture(name, { bounce: bounceAddress, messageId: rfcMessageId }));
        const answer = await sendBySmtp(smtpPort, raw, { from: '', to: [bounceAddress] });
        expect(answer.response).toMatch(/^250 /);

        const [row] = await ecoute.app.db.select().from(messages).where(eq(messages.id, message.id));
        expect(row!.customerEmailState).toBe('bouncing');
        const { message: after, timeline } = await detail(message.id);
        expect(after.status).toBe('closed');
        const bounced = timeline.at(-1);
        expect(bounced).toMatchObject({ type: 'email_bounced', visibility: 'internal' });
        expect(bounced.text.length).toBeGreaterThan(5);
        const tracking = await (await fetch(`${ecoute.url}/api/v1/tracking/${message.token}`)).json();
        expect(tracking.timeline.map((event: { type: string }) => event.type)).not.toContain('email_bounced');
      },
    );

    it('a bounce is matched by the Message-ID it returns when the bounce address is lost', async () => {
      const message = await answeredMessage();
      const { rfcMessageId } = await recordSentEmail(ecoute, message.id);
      const raw = unique(
        mailFixture('dsn-postfix.eml', { bounce: `postmaster@${REPLY_DOMAIN}`, messageId: rfcMessageId }),
      );
      expect((await postMail(ecoute.url, raw)).json).toMatchObject({ outcome: 'bounce', messageId: message.id });
    });

    it('an automatic answer or a bounce that matches nothing is kept as unmatched, never a new message', async () => {
      for (const name of ['vacation-subject-only.eml', 'precedence-bulk.eml', 'dsn-exchange.eml']) {
        const sent = await postMail(
          ecoute.url,
          unique(mailFixture(name, { reply: INBOX_ADDRESS, domain: 'shop.example' })),
        );
        expect(sent.json, name).toMatchObject({ outcome: 'unmatched', messageId: null });
        expect((await stored(sent.json.id)).unmatchedReason).toBe('automatic');
      }
    });
  });

  describe('new mail to the company', () => {
    it('to the inbox address, over SMTP: a new message from its sender on the Email form, acknowledged', async () => {
      const raw = unique(mailFixture('new-mail-fr.eml', { domain: 'shop.example' }));
      const answer = await sendBySmtp(smtpPort, raw, { from: 'lucie.fevrier@exemple.fr', to: [INBOX_ADDRESS] });
      expect(answer.response).toMatch(/^250 /);
      const id = /Queued as ([\da-f-]{36})/.exec(answer.response)![1]!;
      const mail = await stored(id);
      expect(mail.outcome).toBe('new_message');

      const { message, timeline, emails } = await detail(mail.messageId!);
      expect(message).toMatchObject({
        formName: 'Email',
        customerName: 'Lucie Février',
        customerEmail: 'lucie.fevrier@exemple.fr',
        status: 'unanswered',
        locale: 'fr',
      });
      expect(message.body).toMatch(/^Commande introuvable\n\nBonjour,\n\nJe ne trouve plus ma commande 5531/);
      expect(timeline.map((event: { type: string }) => event.type)).toEqual(['acknowledged']);
      // Acknowledged like a submission: by email too, to the sender (held here, with no mail server).
      expect(emails).toMatchObject([{ kind: 'acknowledgement', recipient: 'lucie.fevrier@exemple.fr' }]);
    });

    it('flagged by the mail server’s spam filter: a new message in quarantine, never dropped', async () => {
      const raw = unique(mailFixture('new-mail-fr.eml'))
        .toString()
        .replace('MIME-Version', 'X-Spam-Flag: YES\nMIME-Version');
      const sent = await postMail(ecoute.url, raw);
      expect(sent.json.outcome).toBe('new_message');
      expect((await detail(sent.json.messageId)).message).toMatchObject({
        status: 'spam',
        spamSignals: ['spam_filter'],
      });
    });

    it('to any address of the reply domain without a token, over the webhook', async () => {
      const sent = await postMail(ecoute.url, unique(mailFixture('new-mail-fr.eml')));
      expect(sent.json.outcome).toBe('new_message');
      expect((await detail(sent.json.messageId)).message.formName).toBe('Email');
    });
  });

  describe('what cannot be placed is kept, never dropped', () => {
    it('an unknown reply token', async () => {
      const reply = `reply+${'x'.repeat(43)}@${REPLY_DOMAIN}`;
      const sent = await postMail(ecoute.url, unique(mailFixture('gmail-reply-fr.eml', { reply })));
      expect(sent.json).toMatchObject({ outcome: 'unmatched', messageId: null });
      expect((await stored(sent.json.id)).unmatchedReason).toBe('unknown_token');
      const list = await admin.request('GET', '/api/v1/inbound-mails/unmatched');
      expect(list.json.items.map((item: { id: string }) => item.id)).toContain(sent.json.id);
    });

    it('a reply to a thread we do not know, sent to someone else', async () => {
      const raw = unique(mailFixture('outlook-reply-en.eml', { reply: 'someone@elsewhere.example' }));
      const sent = await postMail(ecoute.url, raw);
      expect((await stored(sent.json.id)).unmatchedReason).toBe('unknown_thread');
    });

    it('malformed mail over SMTP: accepted, kept as unmatched with its source, and the listener goes on', async () => {
      const garbage = mailFixture('garbage.eml');
      const answer = await sendBySmtp(smtpPort, garbage, { from: 'x@example.net', to: [INBOX_ADDRESS] });
      const id = /Queued as ([\da-f-]{36})/.exec(answer.response)![1]!;
      const mail = await stored(id);
      expect(mail).toMatchObject({ kind: 'unparsable', outcome: 'unmatched', unmatchedReason: 'unparsable' });
      expect(mail.raw.includes(Buffer.from('garbage'))).toBe(true);

      // The same over the webhook, and a client speaking nonsense to the listener.
      expect((await postMail(ecoute.url, garbage)).json).toMatchObject({ outcome: 'unmatched' });
      await new Promise<void>((resolve) => {
        const socket = connect(smtpPort, '127.0.0.1', () => {
          socket.write('EHLO x\r\n\u0000\u00ff GARBAGE\r\nRCPT TO:<>\r\nDATA\r\n.\r\n');
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('error', () => {}).on('close', () => resolve());
      });

      const next = await sendBySmtp(smtpPort, unique(mailFixture('new-mail-fr.eml')), {
        from: 'lucie.fevrier@exemple.fr',
        to: [`hello@${REPLY_DOMAIN}`],
      });
      expect(next.response).toMatch(/^250 /);
    });

    it('the listener refuses recipients that are not ours, at RCPT', async () => {
      await expect(
        sendBySmtp(smtpPort, mailFixture('new-mail-fr.eml'), { from: 'a@example.net', to: ['someone@gmail.com'] }),
      ).rejects.toMatchObject({ responseCode: 550 });
    });
  });

  it('the database failing: the listener answers 451 so that the sender retries, and the retry is taken', async () => {
    const raw = unique(mailFixture('new-mail-fr.eml'));
    const envelope = { from: 'lucie.fevrier@exemple.fr', to: [INBOX_ADDRESS] };
    await ecoute.app.db.execute(sql`alter table inbound_mails rename to inbound_mails_away`);
    try {
      await expect(sendBySmtp(smtpPort, raw, envelope)).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await ecoute.app.db.execute(sql`alter table inbound_mails_away rename to inbound_mails`);
    }
    expect((await sendBySmtp(smtpPort, raw, envelope)).response).toMatch(/^250 /);
  });

  describe('the webhook’s refusals', () => {
    it('401 without the bearer token or with a wrong one', async () => {
      const raw = mailFixture('new-mail-fr.eml');
      expectApiError(await postMail(ecoute.url, raw, {}), 401, 'unauthenticated');
      expectApiError(await postMail(ecoute.url, raw, { authorization: 'Bearer wrong secret' }), 401, 'unauthenticated');
      expectApiError(await postMail(ecoute.url, raw, { authorization: INBOUND_SECRET }), 401, 'unauthenticated');
    });

    it('400 for an empty body, 415 for JSON, 413 past 10 MiB', async () => {
      expectApiError(await postMail(ecoute.url, ''), 400);
      const auth = { authorization: `Bearer ${INBOUND_SECRET}` };
      expectApiError(await postMail(ecoute.url, '{}', { ...auth, 'content-type': 'application/json' }), 415);
      expectApiError(await postMail(ecoute.url, Buffer.alloc(10 * 1024 * 1024 + 1, 'a')), 413);
    });

    it('text/plain is taken as the raw mail too', async () => {
      const raw = unique(mailFixture('new-mail-fr.eml'));
      const sent = await postMail(ecoute.url, raw, {
        authorization: `Bearer ${INBOUND_SECRET}`,
        'content-type': 'text/plain',
      });
      expect(sent.json.outcome).toBe('new_message');
    });
  });
});

describe('without ECOUTE_INBOUND_SECRET nor ECOUTE_INBOUND_SMTP_PORT', () => {
  let ecoute: RunningApp;
  beforeAll(async () => {
    ecoute = await startApp('pglite');
  });
  afterAll(() => ecoute.close());

  it('the webhook does not exist (404), whatever the token', async () => {
    expectApiError(await postMail(ecoute.url, mailFixture('new-mail-fr.eml')), 404, 'not_found');
  });
});
