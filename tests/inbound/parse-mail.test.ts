// The inbound parser on a corpus of real-looking mails (tests/fixtures/mail): replies from the usual
// clients in French and English trimmed to the person's words, HTML-only and encoded bodies,
// attachments listed, automatic answers and delivery reports recognised, garbage survived.
import { describe, expect, it } from 'vitest';
import { addressToken, isInboundAddress } from '../../server/src/mail/inbound/addresses.ts';
import { parseMail } from '../../server/src/mail/inbound/parse-mail.ts';
import { FIXTURE_DEFAULTS as F, mailFixture } from '../support/mail-fixtures.ts';

const parse = (name: string) => parseMail(mailFixture(name));

describe('replies are trimmed to the words the person wrote', () => {
  it.each([
    ['gmail-reply-fr.eml', 'Merci, le colis est finalement arrivé ce matin, mais il manque le câble.'],
    ['gmail-reply-en.eml', 'Thanks, the parcel came this morning. The cable is missing though.'],
    [
      'outlook-reply-fr.eml',
      // The sign-off goes with the signature.
      'Bonjour,\n\nLa facture n’est toujours pas corrigée : pouvez-vous me rappeler ?',
    ],
    ['outlook-reply-en.eml', 'Please cancel the order instead.\n\nMary'],
    ['apple-mail-reply-fr.eml', 'Oui, je serai chez moi jeudi après-midi.'],
    ['thunderbird-reply-en.eml', 'The replacement works, thank you. You can close this.'],
    ['thunderbird-reply-fr.eml', 'Très bien, merci pour le suivi.'],
    ['html-only-reply.eml', 'Je confirme : l’adresse est bien 3\u00a0rue des Lilas.'],
  ])('%s', async (name, words) => {
    const mail = await parse(name);
    expect(mail.kind).toBe('reply');
    expect(mail.text).toBe(words);
    expect(mail.inReplyTo).toBe(F.messageId);
    expect(mail.recipients).toContain(F.reply);
  });

  it('reads the headers: Message-ID, References, sender (encoded name), subject', async () => {
    const mail = await parse('thunderbird-reply-fr.eml');
    expect(mail).toMatchObject({
      messageId: '2b7e8f90-1a2b-4c3d-9e8f-7a6b5c4d3e2f@exemple.fr',
      references: [F.messageId],
      from: { address: 'rene@exemple.fr', name: 'René Lefèvre' },
      subject: 'Re: Votre message ECO-1234',
      attachments: [],
      bounce: null,
    });
  });

  it('notices the receiving server’s spam flag', async () => {
    expect((await parse('new-mail-fr.eml')).spamFlagged).toBe(false);
    const flagged = mailFixture('new-mail-fr.eml')
      .toString()
      .replace('MIME-Version', 'X-Spam-Status: Yes, score=9.1\nMIME-Version');
    expect((await parseMail(Buffer.from(flagged))).spamFlagged).toBe(true);
  });

  it('never lets HTML through: scripts and tags are gone from the words', async () => {
    const mail = await parse('html-only-reply.eml');
    expect(mail.text).not.toMatch(/<|alert/);
  });

  it('lists attachments (name, type, size) without keeping them', async () => {
    const mail = await parse('reply-with-attachments.eml');
    expect(mail.text).toBe('Voici la photo du carton abîmé et la facture.');
    expect(mail.attachments).toEqual([
      { name: 'carton.png', type: 'image/png', size: 309 },
      { name: 'facture décembre.pdf', type: 'application/pdf', size: 1009 },
    ]);
  });

  it('a new mail to the company keeps all its words and its Delivered-To', async () => {
    const mail = await parse('new-mail-fr.eml');
    expect(mail).toMatchObject({
      kind: 'reply',
      inReplyTo: null,
      references: [],
      from: { address: 'lucie.fevrier@exemple.fr', name: 'Lucie Février' },
      recipients: ['contact@ecoute.example'],
      subject: 'Commande introuvable',
    });
    expect(mail.text).toContain('Pouvez-vous vérifier ?');
  });
});

describe('automatic answers are recognised', () => {
  it.each([
    ['vacation-fr.eml', 'Auto-Submitted and X-Autoreply'],
    ['vacation-en-outlook.eml', 'X-Auto-Response-Suppress'],
    ['vacation-subject-only.eml', 'an out-of-office subject, as a last resort'],
    ['precedence-bulk.eml', 'Precedence: bulk'],
  ])('%s (%s)', async (name) => {
    const mail = await parse(name);
    expect(mail.kind).toBe('auto_reply');
    expect(mail.bounce).toBeNull();
  });

  it('Auto-Submitted: no is a person', async () => {
    const raw = mailFixture('thunderbird-reply-en.eml')
      .toString()
      .replace('MIME-Version', 'Auto-Submitted: no\nMIME-Version');
    expect((await parseMail(Buffer.from(raw))).kind).toBe('reply');
  });
});

describe('delivery reports say which email failed, to whom and why', () => {
  it('Postfix (RFC 3464 report)', async () => {
    const mail = await parse('dsn-postfix.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.bounce).toMatchObject({
      recipient: 'jeanne.martin@exemple.fr',
      reason: '550 5.1.1 <jeanne.martin@exemple.fr>: Recipient address rejected: User unknown in virtual mailbox table',
    });
    expect(mail.bounce!.bounceAddresses[0]).toBe(F.bounce);
    expect(mail.bounce!.originalMessageIds[0]).toBe(F.messageId);
  });

  it('Exchange (report with the original attached)', async () => {
    const mail = await parse('dsn-exchange.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.bounce).toMatchObject({
      recipient: 'mary.gone@contoso.com',
      reason: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
      bounceAddresses: [F.bounce],
    });
    expect(mail.bounce!.originalMessageIds).toContain(F.messageId);
  });

  it('Exim (X-Failed-Recipients, no report part)', async () => {
    const mail = await parse('exim-failed-recipients.eml');
    expect(mail.kind).toBe('bounce');
    expect(mail.bounce).toMatchObject({ recipient: 'old.address@example.net', bounceAddresses: [F.bounce] });
    expect(mail.bounce!.reason).toContain('mailbox is full');
    expect(mail.bounce!.originalMessageIds).toContain(F.messageId);
  });
  it('a report that delivery is only delayed is an automatic message, not a bounce', async () => {
    const raw = mailFixture('dsn-postfix.eml').toString().replace('Action: failed', 'Action: delayed');
    expect(await parseMail(Buffer.from(raw))).toMatchObject({ kind: 'auto_reply', bounce: null });
  });

  it('a report from a daemon that gives no domain, nor any report part', async () => {
    const raw = mailFixture('exim-failed-recipients.eml')
      .toString()
      .replace(/^X-Failed-Recipients:.*\n/m, '')
      .replace(/^From: .*$/m, 'From: Mail Delivery Subsystem <MAILER-DAEMON>');
    const mail = await parseMail(Buffer.from(raw));
    expect(mail).toMatchObject({ kind: 'bounce', from: null });
    expect(mail.bounce!.bounceAddresses).toEqual([F.bounce]);
  });
});

describe('what cannot be read as a mail', () => {
  it.each([
    ['binary garbage', mailFixture('garbage.eml')],
    ['an empty body', Buffer.alloc(0)],
    ['headers without a sender', Buffer.from('Subject: hello\r\n\r\nno From here\r\n')],
  ])('%s is unparsable, not an exception', async (_name, raw) => {
    expect((await parseMail(raw)).kind).toBe('unparsable');
  });
});

describe('reply and bounce addresses', () => {
  it('takes the token of our own domain only, case-insensitively on the domain', () => {
    expect(addressToken('<reply+abc_DEF-1@Ecoute.Example>', 'reply', 'ecoute.example')).toBe('abc_def-1');
    expect(addressToken('reply+abc@elsewhere.example', 'reply', 'ecoute.example')).toBeUndefined();
    expect(addressToken('bounce+abc@ecoute.example', 'reply', 'ecoute.example')).toBeUndefined();
    expect(addressToken('contact@ecoute.example', 'reply', 'ecoute.example')).toBeUndefined();
  });

  it('takes mail for the inbox address and the reply domain, nothing else', () => {
    expect(isInboundAddress('Contact@Shop.Example', 'ecoute.example', 'contact@shop.example')).toBe(true);
    expect(isInboundAddress('anything@ecoute.example', 'ecoute.example', undefined)).toBe(true);
    expect(isInboundAddress('someone@gmail.com', 'ecoute.example', 'contact@shop.example')).toBe(false);
    expect(isInboundAddress('not an address', 'ecoute.example', undefined)).toBe(false);
  });
});
