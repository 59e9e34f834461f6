// The raw mails under tests/fixtures/mail, with their placeholders filled in: `@@REPLY@@` (the reply
// address the mail answers), `@@BOUNCE@@` (the bounce address a report is sent to), `@@MSGID@@` (the
// Message-ID of the email it answers or returns) and `@@DOMAIN@@` (the reply domain).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface MailPlaceholders {
  reply?: string;
  bounce?: string;
  messageId?: string;
  domain?: string;
}

export const FIXTURE_DEFAULTS: Required<MailPlaceholders> = {
  reply: 'reply+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@ecoute.example',
  bounce: 'bounce+BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB@ecoute.example',
  messageId: 'ack.0f1e2d3c@ecoute.example',
  domain: 'ecoute.example',
};

export function mailFixture(name: string, placeholders: MailPlaceholders = {}): Buffer {
  const values = { ...FIXTURE_DEFAULTS, ...placeholders };
  const raw = readFileSync(path.join(import.meta.dirname, '../fixtures/mail', name));
  if (name === 'garbage.eml') return raw;
  return Buffer.from(
    raw
      .toString('utf8')
      .replaceAll('@@REPLY@@', values.reply)
      .replaceAll('@@BOUNCE@@', values.bounce)
      .replaceAll('@@MSGID@@', values.messageId)
      .replaceAll('@@DOMAIN@@', values.domain),
  );
}
