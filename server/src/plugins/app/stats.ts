// The dashboard's facts kept true when a team's clock changes: the `stats.team-clock` job, sent by the
// change itself (domain/change-team.ts), measures the team's messages again. Its rollup sealed: the
// `stats.seal` job, at start and every ten minutes, sent again by a change of a team's targets or clock.
import fp from 'fastify-plugin';
import { measureTeamAgain } from '../../domain/measure-team-again.ts';
import { sealStats } from '../../domain/seal-stats.ts';

export default fp(
  async (fastify) => {
    fastify.jobs.work('stats.team-clock', ({ teamId }, { signal }) => measureTeamAgain(fastify.db, teamId, { signal }));
    fastify.jobs.work('stats.seal', (_, { signal }) => sealStats(fastify.db, { signal }));
    fastify.jobs.schedule('stats.seal', '*/10 * * * *', {});
    // At once after a start: an upgrade (an empty rollup) or a night past need not wait for the schedule.
    fastify.addHook('onReady', async () => {
      await fastify.jobs.send(fastify.db, 'stats.seal', {});
    });
  },
  { name: 'stats', dependencies: ['database', 'jobs'] },
);
