// Ecoute's own MX: an SMTP listener on ECOUTE_INBOUND_SMTP_PORT (off when unset) that takes mail for
// the reply domain and the inbox address, and nothing else (refused at RCPT, so no mail is accepted
// that nobody will read). Each mail goes to the same domain action as the webhook's. A mail that
// cannot be read is kept as unmatched, never a crash; a database failure answers 451, so that the
// sending server tries again later.
import fp from 'fastify-plugin';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { INBOUND_MAIL_MAX_BYTES } from '@ecoute/shared/inbound-mail';
import { receiveInboundMail } from '../../domain/receive-inbound-mail.ts';
import { isInboundAddress } from '../../mail/inbound/addresses.ts';

/** An SMTP reply: smtp-server sends `responseCode` and the message as the answer to the command. */
function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

async function readMail(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export default fp(
  async (fastify) => {
    const { inboundSmtpPort, replyDomain, inboxAddress } = fastify.config.email;
    if (inboundSmtpPort === undefined) return;
    const { SMTPServer } = await import('smtp-server');
    const log = fastify.log.child({ component: 'inbound-smtp' });

    const server = new SMTPServer({
      // An MX: anyone may hand mail over, without signing in; without a certificate, no STARTTLS.
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: INBOUND_MAIL_MAX_BYTES,
      banner: 'Ecoute inbound mail',
      logger: false,
      closeTimeout: 5_000,
      onRcptTo(address, _session, callback) {
        if (isInboundAddress(address.address, replyDomain, inboxAddress)) return callback();
        callback(smtpError(550, '5.1.1 No such recipient here'));
      },
      onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
        readMail(stream)
          .then(async (raw) => {
            if (stream.sizeExceeded) return callback(smtpError(552, '5.3.4 Message too big'));
            const receipt = await receiveInboundMail(fastify.db, {
              outbox: fastify.outbox,
              routing: await fastify.routingRules(),
              raw,
              channel: 'smtp',
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                to: session.envelope.rcptTo.map((recipient) => recipient.address),
              },
              settings: { replyDomain, inboxAddress, publicUrl: fastify.config.publicUrl },
            });
            log.info(
              { inboundMailId: receipt.id, outcome: receipt.outcome, duplicate: receipt.duplicate },
              'mail received',
            );
            callback(null, `Queued as ${receipt.id}`);
          })
          .catch((err: unknown) => {
            log.error({ err }, 'could not store an inbound mail: asked the sender to retry');
            callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
          });
      },
    });
    server.on('error', (err) => log.warn({ err }, 'inbound SMTP connection error'));

    fastify.addHook('onReady', async () => {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(inboundSmtpPort, fastify.config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      log.info({ port: inboundSmtpPort }, 'inbound SMTP listening');
    });
    fastify.addHook('onClose', () => new Promise<void>((resolve) => server.close(() => resolve())));
  },
  { name: 'inbound-smtp', dependencies: ['database', 'email', 'routing'] },
);
