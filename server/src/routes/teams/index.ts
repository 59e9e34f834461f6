// Teams and their members: everyone reads them (to move a message, to filter the inbox), admins make
// and change them. Exactly one team is the default: messages no rule routes go to it.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  NewTeamSchema,
  TeamChangeSchema,
  TeamListSchema,
  TeamMemberInputSchema,
  TeamSchema,
  type Team,
  type TeamChange,
} from '@ecoute/shared/agent-contract';
import { isTimeZone, isWorkingSpan, WEEKDAYS } from '@ecoute/shared/stats';
import { createTeam, findTeam, listTeams, removeTeamMember, type TeamWithMembers } from '../../db/teams.repo.ts';
import { findActiveUsers } from '../../db/users.repo.ts';
import { addTeamMember } from '../../domain/add-team-member.ts';
import { changeTeam } from '../../domain/change-team.ts';
import { DomainError } from '../../domain/errors.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';

const WRITE_ERRORS = {
  400: 'Invalid fields',
  401: 'Not signed in',
  403: 'Not an admin, or missing CSRF token',
} as const;

function toTeam(team: TeamWithMembers): Team {
  return {
    id: team.id,
    name: team.name,
    isDefault: team.isDefault,
    firstReplyTargetMinutes: team.firstReplyTargetMinutes,
    commitmentDelayDays: team.commitmentDelayDays,
    acknowledgeTargetMinutes: team.acknowledgeTargetMinutes,
    timeZone: team.timeZone,
    workingHours: team.workingHours,
    members: team.members,
  };
}

/** What the schema cannot say of a team's clock: a zone the runtime knows, spans that end after they start. */
function checkClock({ timeZone, workingHours }: Pick<TeamChange, 'timeZone' | 'workingHours'>): void {
  const fields: Record<string, string> = {};
  if (timeZone !== undefined && !isTimeZone(timeZone)) fields.timeZone = 'is not an IANA time zone name';
  for (const day of WEEKDAYS) {
    workingHours?.[day]?.forEach((span, index) => {
      if (!isWorkingSpan(span)) fields[`workingHours.${day}.${index}`] = 'must end after it starts';
    });
  }
  if (Object.keys(fields).length > 0) {
    throw new DomainError('invalid_input', 'invalid_request', 'Some fields are missing or invalid.', { fields });
  }
}

const nameTaken = () => new HttpError(409, 'name_taken', 'Another team already has this name.');
const noTeam = () => new HttpError(404, 'not_found', 'There is no such team.');

export default async function teamRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  async function teamView(id: string): Promise<Team> {
    const team = await findTeam(fastify.db, id);
    if (!team) throw noTeam();
    return toTeam(team);
  }

  fastify.get(
    '/teams',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'listTeams',
        tags: ['teams'],
        summary: 'List teams, their members and answer-time targets',
        response: { 200: TeamListSchema, ...errorResponses({ 401: 'Not signed in' }) },
      },
    },
    async () => ({ items: (await listTeams(fastify.db)).map(toTeam) }),
  );

  fastify.post(
    '/teams',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'createTeam',
        tags: ['teams'],
        summary: 'Create a team (admin)',
        body: NewTeamSchema,
        response: {
          201: TeamSchema,
          ...errorResponses({ ...WRITE_ERRORS, 409: 'Another team has this name' }),
        },
      },
    },
    async (request, reply) => {
      checkClock(request.body);
      const team = await createTeam(fastify.db, { ...request.body, name: request.body.name.trim() });
      if (!team) throw nameTaken();
      return reply.code(201).send(toTeam({ ...team, members: [] }));
    },
  );

  fastify.patch(
    '/teams/:id',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'updateTeam',
        tags: ['teams'],
        summary: 'Rename a team, make it the default, or change its targets (admin)',
        description:
          'A new time zone or new working hours measure the team’s times again (time to acknowledge, to ' +
          'first reply, to answer each turn) in the background; the dashboard shows the new measure once done.',
        params: IdParamsSchema,
        body: TeamChangeSchema,
        response: {
          200: TeamSchema,
          ...errorResponses({ ...WRITE_ERRORS, 404: 'Unknown team', 409: 'Another team has this name' }),
        },
      },
    },
    async (request) => {
      const { name, ...rest } = request.body;
      checkClock(rest);
      const updated = await changeTeam(fastify.db, fastify.jobs, request.params.id, {
        ...rest,
        ...(name !== undefined && { name: name.trim() }),
      });
      if (updated === 'name_taken') throw nameTaken();
      if (!updated) throw noTeam();
      fastify.forgetRoutingRules();
      return teamView(updated.id);
    },
  );

  fastify.post(
    '/teams/:id/members',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'addTeamMember',
        tags: ['teams'],
        summary: 'Put a user in a team (admin)',
        description:
          'Adding a member twice changes nothing. An available newcomer is handed, at once and oldest first, ' +
          'the messages that waited in the team’s queue while nobody was available.',
        params: IdParamsSchema,
        body: TeamMemberInputSchema,
        response: {
          200: TeamSchema,
          ...errorResponses({ ...WRITE_ERRORS, 404: 'Unknown team' }),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findTeam(fastify.db, id))) throw noTeam();
      const { userId } = request.body;
      if ((await findActiveUsers(fastify.db, [userId])).length === 0) {
        throw new HttpError(400, 'unknown_user', 'userId: no active user has this id.');
      }
      await addTeamMember(fastify.db, { teamId: id, userId });
      return teamView(id);
    },
  );

  fastify.delete(
    '/teams/:id/members/:userId',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'removeTeamMember',
        tags: ['teams'],
        summary: 'Take a user out of a team (admin)',
        params: Type.Object({ ...IdParamsSchema.properties, userId: Type.String({ format: 'uuid' }) }),
        response: {
          200: TeamSchema,
          ...errorResponses({ ...WRITE_ERRORS, 404: 'Unknown team, or the user is not a member' }),
        },
      },
    },
    async (request) => {
      const { id, userId } = request.params;
      if (!(await removeTeamMember(fastify.db, id, userId))) {
        throw new HttpError(404, 'not_found', 'This user is not a member of this team.');
      }
      return teamView(id);
    },
  );
}
