// Email as a service: `fastify.outbox`, which the domain's actions write emails into, and the workers
// that send them (domain/send-email.ts), look for reminders to send (domain/remind-team.ts,
// remind-customer-day.ts) and queue the weekly digest (domain/send-digests.ts). With
// a mail server set, emails held while there was none are sent once the app is ready.
import fp from 'fastify-plugin';
import { releaseHeldEmails } from '../../domain/release-held-emails.ts';
import { remindCustomerDay } from '../../domain/remind-customer-day.ts';
import { remindTeam } from '../../domain/remind-team.ts';
import { sendWeeklyDigests } from '../../domain/send-digests.ts';
import type { Outbox } from '../../domain/queue-email.ts';
import { NO_MAIL_SERVER, sendEmail, type Sender } from '../../domain/send-email.ts';
import { smtpTransport } from '../../mail/outbound/transport.ts';
import { resolveServerSecret } from '../../security/server-secret.ts';

declare module 'fastify' {
  interface FastifyInstance {
    outbox: Outbox;
  }
}

/**
 * Emails one process sends at once (workers × batch): each opens its own connection to the mail
 * server. A backlog (a burst, a mail server back after an outage) drains without waiting between polls.
 */
const SENDING = { concurrency: 2, batchSize: 8 };

export default fp(
  async (fastify) => {
    const { config } = fastify;
    const transport = config.email.smtpUrl ? smtpTransport(config.email.smtpUrl) : undefined;
    const outbox: Outbox = {
      jobs: fastify.jobs,
      secret: await resolveServerSecret(config.secret, config.database),
      replyDomain: config.email.replyDomain,
      perRecipientPerHour: config.email.perRecipientPerHour,
      heldBecause: transport ? undefined : NO_MAIL_SERVER,
    };
    fastify.decorate('outbox', outbox);
    const sender: Sender = {
      transport,
      outbox,
      from: config.email.from,
      publicUrl: config.publicUrl,
      retryMaxMs: config.email.retryMaxMs,
    };
    fastify.jobs.work('email.send', ({ emailId }) => sendEmail(fastify.db, sender, emailId), {
      ...SENDING,
      pollingIntervalSeconds: 1,
    });
    fastify.jobs.work('email.reminders', () =>
      remindTeam(fastify.db, outbox, { unansweredAfterMs: config.email.unansweredAfterMs }),
    );
    fastify.jobs.schedule('email.reminders', '*/5 * * * *', {});
    fastify.jobs.work('digest.weekly', () => sendWeeklyDigests(fastify.db, outbox));
    fastify.jobs.schedule('digest.weekly', '0 8 * * 1', {});
    // Daily: the job itself knows whether today is a week before a Customer Day.
    fastify.jobs.work('customer-day.reminders', () => remindCustomerDay(fastify.db, outbox));
    fastify.jobs.schedule('customer-day.reminders', '0 8 * * *', {});
    if (transport) {
      fastify.addHook('onClose', async () => transport.close());
      fastify.addHook('onReady', async () => {
        const released = await releaseHeldEmails(fastify.db, outbox);
        if (released > 0) fastify.log.info(`a mail server is set: sending the ${released} emails held without one`);
      });
    }
  },
  { name: 'email', dependencies: ['database', 'jobs'] },
);
