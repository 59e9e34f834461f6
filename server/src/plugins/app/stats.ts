// The dashboard's facts kept true when a team's clock changes: the `stats.team-clock` job, sent by the
// change itself (domain/change-team.ts), measures the team's messages again.
import fp from 'fastify-plugin';
import { measureTeamAgain } from '../../domain/measure-team-again.ts';

export default fp(
  async (fastify) => {
    fastify.jobs.work('stats.team-clock', ({ teamId }, { signal }) => measureTeamAgain(fastify.db, teamId, { signal }));
  },
  { name: 'stats', dependencies: ['database', 'jobs'] },
);
