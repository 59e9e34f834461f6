// Bad input, endpoint by endpoint: malformed ids (400), unknown ids (404), missing, overlong and
// mistyped fields, bad dates, too many commitments, bad tags, bad cursors, views and page sizes,
// unknown or deactivated users. Each refusal is in the one error shape, names the faulty field, and
// leaves everything as it was (read back after each case). A new endpoint adds its rows to CASES.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_LIMITS } from '@ecoute/shared/agent-contract';
import type { Cursor } from '../../server/src/db/inbox.repo.ts';
import { encodeCursor, type Listing } from '../../server/src/domain/cursor.ts';
import { LIMITS } from '@ecoute/shared/limits';
import { createAgent, signIn, type AgentClient, dueIn } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';

/** What the cases act on, made in beforeAll. */
interface Ids {
  /** An unanswered message. */
  message: string;
  /** An open commitment, on another message. */
  commitment: string;
  committedMessage: string;
  template: string;
  agent: string;
  deactivated: string;
  /** An event on another message than `message`. */
  foreignEvent: string;
  /** A team besides the default one, named Livraisons. */
  team: string;
  rule: string;
}
const UNKNOWN = '6f1c1a9e-3f0b-4c55-9a43-2d8d7f0e1b2c';

interface Case {
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** Sent as is, with this content type (for malformed bodies). */
  raw?: { contentType: string; text: string };
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** The fields the error names, exactly. */
  fields?: string[];
}

/** A cursor sealed for the listing as the server seals them, around any value. */
const cursor = (value: unknown, listing: Listing = { view: 'unanswered' }) => encodeCursor(value as Cursor, listing);
const commitment = (change: Record<string, unknown> = {}) => ({
  description: 'Rappeler',
  dueOn: dueIn(1499),
  ...change,
});
const reply = (commitments: unknown) => () => ({ body: 'Bonjour, voici notre réponse.', commitments });
const invalid = (fields: string[]) => ({ status: 400, code: 'invalid_request', fields });
const notFound = { status: 404, code: 'not_found' };
const unknownUser = { status: 400, code: 'unknown_user' };

const RULE = {
  name: 'Livraisons',
  match: 'all',
  conditions: [{ kind: 'words', phrases: ['livraison'] }],
  actions: { tags: ['livraison'] },
  stop: false,
};

const messages = (ids: Ids) => `/api/v1/messages/${ids.message}`;
const list = (query: string) => () => `/api/v1/messages?${query}`;

const CASES: Case[] = [
  // GET /messages
  { what: 'an unknown view', method: 'GET', path: list('view=bogus'), ...invalid(['view']) },
  { what: 'a view in capitals', method: 'GET', path: list('view=UNANSWERED'), ...invalid(['view']) },
  { what: 'limit=0', method: 'GET', path: list('limit=0'), ...invalid(['limit']) },
  { what: 'limit=101', method: 'GET', path: list('limit=101'), ...invalid(['limit']) },
  { what: 'limit=-1', method: 'GET', path: list('limit=-1'), ...invalid(['limit']) },
  { what: 'limit=2.5', method: 'GET', path: list('limit=2.5'), ...invalid(['limit']) },
  { what: 'limit=ten', method: 'GET', path: list('limit=ten'), ...invalid(['limit']) },
  { what: 'limit=9999999', method: 'GET', path: list('limit=9999999'), ...invalid(['limit']) },
  {
    what: 'a cursor that is not base64 JSON',
    method: 'GET',
    path: list('cursor=abc'),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a cursor with a date that is not one',
    method: 'GET',
    path: list(`cursor=${cursor({ after: ['yesterday', UNKNOWN] })}`),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a cursor with an id that is not a uuid',
    method: 'GET',
    path: list(`cursor=${cursor({ after: ['2024-01-01 10:00:00+00', "x' or 1=1 --"] })}`),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a negative offset cursor',
    method: 'GET',
    path: list(`q=a&cursor=${cursor({ offset: -5 }, { view: 'unanswered', q: 'a' })}`),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a huge offset cursor',
    method: 'GET',
    path: list(`q=a&cursor=${cursor({ offset: 1e9 }, { view: 'unanswered', q: 'a' })}`),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a search cursor on a listing without search',
    method: 'GET',
    path: list(`view=all&cursor=${cursor({ offset: 2 }, { view: 'all' })}`),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a listing cursor on a search',
    method: 'GET',
    path: list(
      `view=all&q=colis&cursor=${cursor({ after: ['2024-01-01 10:00:00+00', UNKNOWN] }, { view: 'all', q: 'colis' })}`,
    ),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a cursor with a date that reads as one but is not (month 99)',
    method: 'GET',
    path: list(`cursor=${cursor({ after: ['9999-99-99 99:99:99+00', UNKNOWN] })}`),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a cursor another view gave',
    method: 'GET',
    path: list(`view=unanswered&cursor=${cursor({ after: ['2024-01-01 10:00:00+00', UNKNOWN] }, { view: 'all' })}`),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a cursor another search gave',
    method: 'GET',
    path: list(`q=colis&cursor=${cursor({ offset: 50 }, { view: 'unanswered', q: 'livraison' })}`),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a cursor without the listing it was given for',
    method: 'GET',
    path: list(
      `cursor=${Buffer.from(JSON.stringify({ after: ['2024-01-01 10:00:00+00', UNKNOWN] })).toString('base64url')}`,
    ),
    status: 400,
    code: 'invalid_cursor',
  },
  {
    what: 'a cursor of 301 characters',
    method: 'GET',
    path: list(`cursor=${'a'.repeat(301)}`),
    ...invalid(['cursor']),
  },
  {
    what: 'q over 200 characters',
    method: 'GET',
    path: list(`q=${'a'.repeat(AGENT_LIMITS.query + 1)}`),
    ...invalid(['q']),
  },
  {
    what: 'a tag over 40 characters',
    method: 'GET',
    path: list(`tag=${'a'.repeat(AGENT_LIMITS.tag + 1)}`),
    ...invalid(['tag']),
  },

  // GET /messages/:id
  { what: 'a message id that is not a uuid', method: 'GET', path: () => '/api/v1/messages/123', ...invalid(['id']) },
  {
    what: 'a message id with SQL',
    method: 'GET',
    path: () => `/api/v1/messages/${encodeURIComponent("1' or '1'='1")}`,
    ...invalid(['id']),
  },
  { what: 'an unknown message', method: 'GET', path: () => `/api/v1/messages/${UNKNOWN}`, ...notFound },

  // GET /commitments
  {
    what: 'an unknown commitment status',
    method: 'GET',
    path: () => '/api/v1/commitments?status=closed',
    ...invalid(['status']),
  },
  { what: 'an owner other than me', method: 'GET', path: () => '/api/v1/commitments?owner=you', ...invalid(['owner']) },

  // POST /messages/:id/replies
  {
    what: 'a reply to a malformed id',
    method: 'POST',
    path: () => '/api/v1/messages/nope/replies',
    body: reply(undefined),
    ...invalid(['id']),
  },
  {
    what: 'a reply to an unknown message',
    method: 'POST',
    path: () => `/api/v1/messages/${UNKNOWN}/replies`,
    body: reply(undefined),
    ...notFound,
  },
  {
    what: 'a reply without a body',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({}),
    ...invalid(['body']),
  },
  {
    what: 'an empty reply',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({ body: '' }),
    ...invalid(['body']),
  },
  {
    what: 'a blank reply',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({ body: ' \n\t ' }),
    ...invalid(['body']),
  },
  {
    what: 'a reply over the limit',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({ body: 'a'.repeat(AGENT_LIMITS.reply + 1) }),
    ...invalid(['body']),
  },
  {
    what: 'a reply that is a number',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({ body: 42 }),
    ...invalid(['body']),
  },
  {
    what: 'a reply that is null',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({ body: null }),
    ...invalid(['body']),
  },
  {
    what: 'commitments that are not a list',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply('demain'),
    ...invalid(['commitments']),
  },
  {
    what: 'a commitment without a description',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply([{ dueOn: dueIn(1499) }]),
    ...invalid(['commitments.0.description']),
  },
  {
    what: 'a blank commitment',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply([commitment({ description: '   ' })]),
    ...invalid(['commitments.0.description']),
  },
  {
    what: 'a commitment over the limit',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply([commitment({ description: 'a'.repeat(AGENT_LIMITS.commitment + 1) })]),
    ...invalid(['commitments.0.description']),
  },
  {
    what: 'a commitment without a due date',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply([{ description: 'Rappeler' }]),
    ...invalid(['commitments.0.dueOn']),
  },
  ...['2031-13-01', '2031-02-30', '15/01/2031', '2031-1-5', '', '2031-01-15T10:00:00Z', 'demain', 20310115, null].map(
    (dueOn): Case => ({
      what: `a due date of ${JSON.stringify(dueOn)}`,
      method: 'POST',
      path: (ids) => `${messages(ids)}/replies`,
      body: reply([commitment({ dueOn })]),
      ...invalid(['commitments.0.dueOn']),
    }),
  ),
  {
    what: 'a bad second commitment (the first is not kept either)',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply([commitment(), commitment({ dueOn: '2031-02-31' })]),
    ...invalid(['commitments.1.dueOn']),
  },
  {
    what: 'eleven commitments',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply(Array.from({ length: AGENT_LIMITS.commitmentsPerReply + 1 }, () => commitment())),
    ...invalid(['commitments']),
  },
  {
    what: 'an owner id that is not a uuid',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply([commitment({ ownerId: 'bob' })]),
    ...invalid(['commitments.0.ownerId']),
  },
  {
    what: 'an unknown owner',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply([commitment({ ownerId: UNKNOWN })]),
    ...unknownUser,
  },
  {
    what: 'a deactivated owner, after a valid one',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: (ids) => reply([commitment({ ownerId: ids.agent }), commitment({ ownerId: ids.deactivated })])(),
    ...unknownUser,
  },
  {
    what: 'malformed JSON',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    raw: { contentType: 'application/json', text: '{"body": "Bonjour' },
    status: 400,
    code: 'invalid_request',
  },
  {
    what: 'a JSON list instead of an object',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    raw: { contentType: 'application/json', text: '["Bonjour"]' },
    ...invalid(['request']),
  },
  {
    what: 'plain text',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    raw: { contentType: 'text/plain', text: 'Bonjour' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    what: 'a form post',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    raw: { contentType: 'application/x-www-form-urlencoded', text: 'body=Bonjour' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    what: `a request over ${LIMITS.requestBytes / 1024} KiB`,
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    raw: { contentType: 'application/json', text: JSON.stringify({ body: 'a'.repeat(LIMITS.requestBytes) }) },
    status: 413,
    code: 'payload_too_large',
  },

  {
    what: 'a last seen event that is not a uuid',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({ ...reply(undefined)(), lastSeenEventId: 'latest' }),
    ...invalid(['lastSeenEventId']),
  },
  {
    what: 'a last seen event that is a number',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({ ...reply(undefined)(), lastSeenEventId: 42 }),
    ...invalid(['lastSeenEventId']),
  },
  {
    what: 'an unknown last seen event',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: () => ({ ...reply(undefined)(), lastSeenEventId: UNKNOWN }),
    status: 400,
    code: 'unknown_event',
  },
  {
    what: 'a last seen event of another message',
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: (ids) => ({ ...reply(undefined)(), lastSeenEventId: ids.foreignEvent }),
    status: 400,
    code: 'unknown_event',
  },

  // PUT and DELETE /messages/:id/presence
  {
    what: 'presence on a malformed id',
    method: 'PUT',
    path: () => '/api/v1/messages/nope/presence',
    body: () => ({ state: 'viewing' }),
    ...invalid(['id']),
  },
  {
    what: 'presence on an unknown message',
    method: 'PUT',
    path: () => `/api/v1/messages/${UNKNOWN}/presence`,
    body: () => ({ state: 'viewing' }),
    ...notFound,
  },
  {
    what: 'presence without a state',
    method: 'PUT',
    path: (ids) => `${messages(ids)}/presence`,
    body: () => ({}),
    ...invalid(['state']),
  },
  {
    what: 'presence in an unknown state',
    method: 'PUT',
    path: (ids) => `${messages(ids)}/presence`,
    body: () => ({ state: 'typing' }),
    ...invalid(['state']),
  },
  {
    what: 'presence in capitals',
    method: 'PUT',
    path: (ids) => `${messages(ids)}/presence`,
    body: () => ({ state: 'WRITING' }),
    ...invalid(['state']),
  },
  {
    what: 'presence as a list',
    method: 'PUT',
    path: (ids) => `${messages(ids)}/presence`,
    raw: { contentType: 'application/json', text: '["viewing"]' },
    ...invalid(['request']),
  },
  {
    what: 'leaving a malformed id',
    method: 'DELETE',
    path: () => '/api/v1/messages/nope/presence',
    ...invalid(['id']),
  },

  // POST /messages/:id/notes
  {
    what: 'a note on a malformed id',
    method: 'POST',
    path: () => '/api/v1/messages/nope/notes',
    body: () => ({ body: 'x' }),
    ...invalid(['id']),
  },
  {
    what: 'a note on an unknown message',
    method: 'POST',
    path: () => `/api/v1/messages/${UNKNOWN}/notes`,
    body: () => ({ body: 'x' }),
    ...notFound,
  },
  {
    what: 'a note without a body',
    method: 'POST',
    path: (ids) => `${messages(ids)}/notes`,
    body: () => ({ text: 'x' }),
    ...invalid(['body']),
  },
  {
    what: 'a blank note',
    method: 'POST',
    path: (ids) => `${messages(ids)}/notes`,
    body: () => ({ body: '  ' }),
    ...invalid(['body']),
  },
  {
    what: 'a note over the limit',
    method: 'POST',
    path: (ids) => `${messages(ids)}/notes`,
    body: () => ({ body: 'a'.repeat(AGENT_LIMITS.note + 1) }),
    ...invalid(['body']),
  },
  {
    what: 'a note that is a list',
    method: 'POST',
    path: (ids) => `${messages(ids)}/notes`,
    body: () => ({ body: ['x'] }),
    ...invalid(['body']),
  },

  // PUT /messages/:id/tags
  {
    what: 'tags on a malformed id',
    method: 'PUT',
    path: () => '/api/v1/messages/nope/tags',
    body: () => ({ tags: [] }),
    ...invalid(['id']),
  },
  {
    what: 'tags on an unknown message',
    method: 'PUT',
    path: () => `/api/v1/messages/${UNKNOWN}/tags`,
    body: () => ({ tags: ['a'] }),
    ...notFound,
  },
  {
    what: 'no tags field',
    method: 'PUT',
    path: (ids) => `${messages(ids)}/tags`,
    body: () => ({}),
    ...invalid(['tags']),
  },
  {
    what: 'tags as a string',
    method: 'PUT',
    path: (ids) => `${messages(ids)}/tags`,
    body: () => ({ tags: 'urgent' }),
    ...invalid(['tags']),
  },
  ...['a b', '-urgent', '_x', '', 'a'.repeat(AGENT_LIMITS.tag + 1), 'é!', 42].map((tag): Case => ({
    what: `the tag ${JSON.stringify(tag)}`,
    method: 'PUT',
    path: (ids) => `${messages(ids)}/tags`,
    body: () => ({ tags: ['ok', tag] }),
    ...invalid(['tags.1']),
  })),
  {
    what: 'twenty-one tags',
    method: 'PUT',
    path: (ids) => `${messages(ids)}/tags`,
    body: () => ({ tags: Array.from({ length: AGENT_LIMITS.tagsPerMessage + 1 }, (_, i) => `t${i}`) }),
    ...invalid(['tags']),
  },
  {
    what: 'the same tag twice',
    method: 'PUT',
    path: (ids) => `${messages(ids)}/tags`,
    body: () => ({ tags: ['a', 'a'] }),
    ...invalid(['tags']),
  },

  // PATCH /messages/:id
  {
    what: 'moving a malformed id',
    method: 'PATCH',
    path: () => '/api/v1/messages/nope',
    body: () => ({ assigneeId: null }),
    ...invalid(['id']),
  },
  {
    what: 'moving an unknown message',
    method: 'PATCH',
    path: () => `/api/v1/messages/${UNKNOWN}`,
    body: (ids) => ({ assigneeId: ids.agent }),
    ...notFound,
  },
  {
    what: 'neither team nor assignee',
    method: 'PATCH',
    path: messages,
    body: () => ({}),
    ...invalid(['request', 'teamId', 'assigneeId']),
  },
  {
    what: 'a reason alone',
    method: 'PATCH',
    path: messages,
    body: () => ({ reason: 'Parce que' }),
    ...invalid(['request', 'teamId', 'assigneeId']),
  },
  {
    what: 'an assignee that is not a uuid',
    method: 'PATCH',
    path: messages,
    body: () => ({ assigneeId: 'bob' }),
    ...invalid(['assigneeId']),
  },
  {
    what: 'an assignee that is a number',
    method: 'PATCH',
    path: messages,
    body: () => ({ assigneeId: 7 }),
    ...invalid(['assigneeId']),
  },
  {
    what: 'a team that is null',
    method: 'PATCH',
    path: messages,
    body: () => ({ teamId: null }),
    ...invalid(['teamId']),
  },
  {
    what: 'an empty reason',
    method: 'PATCH',
    path: messages,
    body: (ids) => ({ teamId: ids.team, reason: '' }),
    ...invalid(['reason']),
  },
  {
    what: 'an overlong reason',
    method: 'PATCH',
    path: messages,
    body: (ids) => ({ teamId: ids.team, reason: 'x'.repeat(AGENT_LIMITS.moveReason + 1) }),
    ...invalid(['reason']),
  },
  {
    what: 'an unknown assignee',
    method: 'PATCH',
    path: messages,
    body: () => ({ assigneeId: UNKNOWN }),
    ...unknownUser,
  },
  {
    what: 'a deactivated assignee',
    method: 'PATCH',
    path: messages,
    body: (ids) => ({ assigneeId: ids.deactivated }),
    ...unknownUser,
  },
  {
    what: 'an unknown team',
    method: 'PATCH',
    path: messages,
    body: () => ({ teamId: UNKNOWN }),
    status: 400,
    code: 'unknown_team',
  },
  {
    what: 'a known team with an unknown assignee (nothing moves)',
    method: 'PATCH',
    path: messages,
    body: (ids) => ({ teamId: ids.team, assigneeId: UNKNOWN }),
    ...unknownUser,
  },

  // PUT /me/availability
  {
    what: 'no availability',
    method: 'PUT',
    path: () => '/api/v1/me/availability',
    body: () => ({}),
    ...invalid(['available']),
  },
  {
    what: 'availability as a string',
    method: 'PUT',
    path: () => '/api/v1/me/availability',
    body: () => ({ available: 'yes' }),
    ...invalid(['available']),
  },

  // PATCH /me
  {
    what: 'a language Ecoute does not speak',
    method: 'PATCH',
    path: () => '/api/v1/me',
    body: () => ({ locale: 'de' }),
    ...invalid(['locale']),
  },
  {
    what: 'a JSON list instead of the profile',
    method: 'PATCH',
    path: () => '/api/v1/me',
    raw: { contentType: 'application/json', text: '["fr"]' },
    ...invalid(['request']),
  },

  // /teams
  {
    what: 'a team without a name',
    method: 'POST',
    path: () => '/api/v1/teams',
    body: () => ({}),
    ...invalid(['name']),
  },
  {
    what: 'a blank team name',
    method: 'POST',
    path: () => '/api/v1/teams',
    body: () => ({ name: '   ' }),
    ...invalid(['name']),
  },
  {
    what: 'an overlong team name',
    method: 'POST',
    path: () => '/api/v1/teams',
    body: () => ({ name: 'x'.repeat(AGENT_LIMITS.teamName + 1) }),
    ...invalid(['name']),
  },
  {
    what: 'a team name already taken (any case)',
    method: 'POST',
    path: () => '/api/v1/teams',
    body: () => ({ name: 'LIVRAISONS' }),
    status: 409,
    code: 'name_taken',
  },
  ...[0, -5, 1.5, 'soon', AGENT_LIMITS.firstReplyTargetMinutes + 1].map((value): Case => ({
    what: `a first-reply target of ${value}`,
    method: 'POST',
    path: () => '/api/v1/teams',
    body: () => ({ name: 'Nouvelle', firstReplyTargetMinutes: value }),
    ...invalid(['firstReplyTargetMinutes']),
  })),
  ...[0, AGENT_LIMITS.dueWithinDays + 1, '7'].map((value): Case => ({
    what: `a commitment delay of ${value}`,
    method: 'PATCH',
    path: (ids) => `/api/v1/teams/${ids.team}`,
    body: () => ({ commitmentDelayDays: value }),
    ...invalid(['commitmentDelayDays']),
  })),
  {
    what: 'an empty team change',
    method: 'PATCH',
    path: (ids) => `/api/v1/teams/${ids.team}`,
    body: () => ({}),
    ...invalid(['request']),
  },
  {
    what: 'a team that stops being the default (isDefault: false)',
    method: 'PATCH',
    path: (ids) => `/api/v1/teams/${ids.team}`,
    body: () => ({ isDefault: false }),
    ...invalid(['isDefault']),
  },
  {
    what: 'changing a malformed team id',
    method: 'PATCH',
    path: () => '/api/v1/teams/nope',
    body: () => ({ name: 'x' }),
    ...invalid(['id']),
  },
  {
    what: 'changing an unknown team',
    method: 'PATCH',
    path: () => `/api/v1/teams/${UNKNOWN}`,
    body: () => ({ name: 'x' }),
    ...notFound,
  },
  {
    what: 'renaming a team to a taken name',
    method: 'PATCH',
    path: (ids) => `/api/v1/teams/${ids.team}`,
    body: () => ({ name: 'general' }),
    status: 409,
    code: 'name_taken',
  },
  {
    what: 'a member who is not a uuid',
    method: 'POST',
    path: (ids) => `/api/v1/teams/${ids.team}/members`,
    body: () => ({ userId: 'bob' }),
    ...invalid(['userId']),
  },
  {
    what: 'an unknown member',
    method: 'POST',
    path: (ids) => `/api/v1/teams/${ids.team}/members`,
    body: () => ({ userId: UNKNOWN }),
    ...unknownUser,
  },
  {
    what: 'a deactivated member',
    method: 'POST',
    path: (ids) => `/api/v1/teams/${ids.team}/members`,
    body: (ids) => ({ userId: ids.deactivated }),
    ...unknownUser,
  },
  {
    what: 'a member of an unknown team',
    method: 'POST',
    path: () => `/api/v1/teams/${UNKNOWN}/members`,
    body: (ids) => ({ userId: ids.agent }),
    ...notFound,
  },
  {
    what: 'removing someone who is not a member',
    method: 'DELETE',
    path: (ids) => `/api/v1/teams/${ids.team}/members/${ids.deactivated}`,
    ...notFound,
  },
  {
    what: 'removing a malformed member id',
    method: 'DELETE',
    path: (ids) => `/api/v1/teams/${ids.team}/members/nope`,
    ...invalid(['userId']),
  },

  // /routing-rules
  ...(
    [
      ['no name', { name: undefined }, ['name']],
      ['an unknown match', { match: 'most' }, ['match']],
      ['no actions', { actions: {} }, ['actions']],
      ['an unknown condition', { conditions: [{ kind: 'weather' }] }, ['conditions.0']],
      ['a word condition without phrases', { conditions: [{ kind: 'words', phrases: [] }] }, ['conditions.0.phrases']],
      ['a blank phrase', { conditions: [{ kind: 'words', phrases: ['  '] }] }, ['conditions.0.phrases.0']],
      ['an unknown language', { conditions: [{ kind: 'language', locales: ['de'] }] }, ['conditions.0.locales.0']],
      ['a form id that is not one', { conditions: [{ kind: 'form', formIds: ['demo'] }] }, ['conditions.0.formIds.0']],
      [
        'a domain with a space',
        { conditions: [{ kind: 'email_domain', domains: ['a b.example'] }] },
        ['conditions.0.domains.0'],
      ],
      ['a bad tag', { actions: { tags: ['not a tag'] } }, ['actions.tags.0']],
      ['an unknown assignment', { actions: { assign: { kind: 'lottery' } } }, ['actions.assign']],
      ['stop missing', { stop: undefined }, ['stop']],
      ['a negative position', { position: -1 }, ['position']],
    ] as const
  ).map(([what, change, fields]): Case => ({
    what: `a rule with ${what}`,
    method: 'POST',
    path: () => '/api/v1/routing-rules',
    body: () => ({ ...RULE, ...change }),
    ...invalid([...fields]),
  })),
  {
    what: 'a rule with a phrase of French stop words only',
    method: 'POST',
    path: () => '/api/v1/routing-rules',
    body: () => ({ ...RULE, conditions: [{ kind: 'words', phrases: ['livraison', 'de la'] }] }),
    ...invalid(['conditions.0.phrases.1']),
  },
  {
    what: 'a rule changed to a phrase of English stop words only',
    method: 'PUT',
    path: (ids) => `/api/v1/routing-rules/${ids.rule}`,
    body: () => ({
      ...RULE,
      conditions: [
        { kind: 'language', locales: ['en'] },
        { kind: 'words', phrases: ['The'] },
      ],
    }),
    ...invalid(['conditions.1.phrases.0']),
  },
  {
    what: 'previewing a draft with a phrase of stop words only',
    method: 'POST',
    path: () => '/api/v1/routing-rules/preview',
    body: () => ({ rule: { ...RULE, conditions: [{ kind: 'words', phrases: ['  de la '] }] } }),
    ...invalid(['conditions.0.phrases.0']),
  },
  {
    what: 'a rule setting an unknown team',
    method: 'POST',
    path: () => '/api/v1/routing-rules',
    body: () => ({ ...RULE, actions: { teamId: UNKNOWN } }),
    status: 400,
    code: 'unknown_team',
  },
  {
    what: 'a rule assigning a deactivated person',
    method: 'POST',
    path: () => '/api/v1/routing-rules',
    body: (ids) => ({ ...RULE, actions: { assign: { kind: 'person', userId: ids.deactivated } } }),
    ...unknownUser,
  },
  {
    what: 'a rule on an unknown form',
    method: 'POST',
    path: () => '/api/v1/routing-rules',
    body: () => ({ ...RULE, conditions: [{ kind: 'form', formIds: [UNKNOWN] }] }),
    status: 400,
    code: 'unknown_form',
  },
  {
    what: 'changing an unknown rule',
    method: 'PUT',
    path: () => `/api/v1/routing-rules/${UNKNOWN}`,
    body: () => RULE,
    ...notFound,
  },
  { what: 'deleting an unknown rule', method: 'DELETE', path: () => `/api/v1/routing-rules/${UNKNOWN}`, ...notFound },
  {
    what: 'deleting a malformed rule id',
    method: 'DELETE',
    path: () => '/api/v1/routing-rules/nope',
    ...invalid(['id']),
  },
  {
    what: 'changing a rule to an unknown team',
    method: 'PUT',
    path: (ids) => `/api/v1/routing-rules/${ids.rule}`,
    body: () => ({ ...RULE, actions: { teamId: UNKNOWN } }),
    status: 400,
    code: 'unknown_team',
  },
  {
    what: 'previewing a draft without conditions field',
    method: 'POST',
    path: () => '/api/v1/routing-rules/preview',
    body: () => ({ rule: { ...RULE, conditions: undefined } }),
    ...invalid(['rule.conditions']),
  },
  {
    what: 'previewing a draft on an unknown team',
    method: 'POST',
    path: () => '/api/v1/routing-rules/preview',
    body: () => ({ rule: { ...RULE, actions: { teamId: UNKNOWN } } }),
    status: 400,
    code: 'unknown_team',
  },

  // GET /messages filters
  { what: 'a team filter that is not a uuid', method: 'GET', path: list('teamId=general'), ...invalid(['teamId']) },
  {
    what: 'an assignee filter that is neither',
    method: 'GET',
    path: list('assigneeId=me'),
    ...invalid(['assigneeId']),
  },
  { what: 'a form filter that is not a uuid', method: 'GET', path: list('formId=demo'), ...invalid(['formId']) },
  { what: 'an unknown language filter', method: 'GET', path: list('locale=de'), ...invalid(['locale']) },
  { what: 'a from date that is not one', method: 'GET', path: list('from=2024-02-30'), ...invalid(['from']) },
  { what: 'a to date that is a time', method: 'GET', path: list('to=2024-02-01T10:00:00Z'), ...invalid(['to']) },

  // POST /messages/:id/spam and /not-spam
  { what: 'spam on a malformed id', method: 'POST', path: () => '/api/v1/messages/nope/spam', ...invalid(['id']) },
  { what: 'spam on an unknown message', method: 'POST', path: () => `/api/v1/messages/${UNKNOWN}/spam`, ...notFound },
  {
    what: 'not-spam on a malformed id',
    method: 'POST',
    path: () => '/api/v1/messages/nope/not-spam',
    ...invalid(['id']),
  },
  {
    what: 'not-spam on an unknown message',
    method: 'POST',
    path: () => `/api/v1/messages/${UNKNOWN}/not-spam`,
    ...notFound,
  },

  // POST /commitments/:id/fulfil and /drop
  {
    what: 'fulfilling a malformed id',
    method: 'POST',
    path: () => '/api/v1/commitments/nope/fulfil',
    body: () => ({ outcome: 'x' }),
    ...invalid(['id']),
  },
  {
    what: 'fulfilling an unknown commitment',
    method: 'POST',
    path: () => `/api/v1/commitments/${UNKNOWN}/fulfil`,
    body: () => ({ outcome: 'x' }),
    ...notFound,
  },
  {
    what: 'fulfilling without an outcome',
    method: 'POST',
    path: (ids) => `/api/v1/commitments/${ids.commitment}/fulfil`,
    body: () => ({}),
    ...invalid(['outcome']),
  },
  {
    what: 'fulfilling with a blank outcome',
    method: 'POST',
    path: (ids) => `/api/v1/commitments/${ids.commitment}/fulfil`,
    body: () => ({ outcome: '  ' }),
    ...invalid(['outcome']),
  },
  {
    what: 'fulfilling with an outcome over the limit',
    method: 'POST',
    path: (ids) => `/api/v1/commitments/${ids.commitment}/fulfil`,
    body: () => ({ outcome: 'a'.repeat(AGENT_LIMITS.resolution + 1) }),
    ...invalid(['outcome']),
  },
  {
    what: 'dropping a malformed id',
    method: 'POST',
    path: () => '/api/v1/commitments/nope/drop',
    body: () => ({ reason: 'x' }),
    ...invalid(['id']),
  },
  {
    what: 'dropping an unknown commitment',
    method: 'POST',
    path: () => `/api/v1/commitments/${UNKNOWN}/drop`,
    body: () => ({ reason: 'x' }),
    ...notFound,
  },
  {
    what: 'dropping with an outcome instead of a reason',
    method: 'POST',
    path: (ids) => `/api/v1/commitments/${ids.commitment}/drop`,
    body: () => ({ outcome: 'x' }),
    ...invalid(['reason']),
  },
  {
    what: 'dropping with a reason that is a number',
    method: 'POST',
    path: (ids) => `/api/v1/commitments/${ids.commitment}/drop`,
    body: () => ({ reason: 1 }),
    ...invalid(['reason']),
  },

  // Templates
  ...['{{customer-name}}', '{{ customer name }}', '{{unknown.var}}', '{{}}'].map((placeholder): Case => ({
    what: `a template with ${placeholder}`,
    method: 'POST',
    path: () => '/api/v1/templates',
    body: () => ({ name: 'Modèle', body: `Bonjour ${placeholder}, merci.` }),
    status: 400,
    code: 'unknown_variable',
  })),
  {
    what: 'a template changed to hold an unknown variable',
    method: 'PATCH',
    path: (ids) => `/api/v1/templates/${ids.template}`,
    body: () => ({ body: 'Bonjour {{client.nom}}.' }),
    status: 400,
    code: 'unknown_variable',
  },
  {
    what: 'a template without anything',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: () => ({}),
    ...invalid(['name', 'body']),
  },
  {
    what: 'a template name over the limit',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: () => ({ name: 'a'.repeat(AGENT_LIMITS.templateName + 1), body: 'Bonjour.' }),
    ...invalid(['name']),
  },
  {
    what: 'a blank template name',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: () => ({ name: ' ', body: 'Bonjour.' }),
    ...invalid(['name']),
  },
  {
    what: 'a template body over the limit',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: () => ({ name: 'Long', body: 'a'.repeat(AGENT_LIMITS.template + 1) }),
    ...invalid(['body']),
  },
  {
    what: 'a template locale we do not speak',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: () => ({ name: 'De', body: 'Hallo.', locale: 'de' }),
    ...invalid(['locale']),
  },
  {
    what: 'a template body that is a number',
    method: 'POST',
    path: () => '/api/v1/templates',
    body: () => ({ name: 'N', body: 5 }),
    ...invalid(['body']),
  },
  {
    what: 'an empty template change',
    method: 'PATCH',
    path: (ids) => `/api/v1/templates/${ids.template}`,
    body: () => ({}),
    ...invalid(['request']),
  },
  {
    what: 'a blank template name change',
    method: 'PATCH',
    path: (ids) => `/api/v1/templates/${ids.template}`,
    body: () => ({ name: '' }),
    ...invalid(['name']),
  },
  {
    what: 'changing a malformed template id',
    method: 'PATCH',
    path: () => '/api/v1/templates/nope',
    body: () => ({ name: 'x' }),
    ...invalid(['id']),
  },
  {
    what: 'changing an unknown template',
    method: 'PATCH',
    path: () => `/api/v1/templates/${UNKNOWN}`,
    body: () => ({ name: 'x' }),
    ...notFound,
  },
  {
    what: 'deleting a malformed template id',
    method: 'DELETE',
    path: () => '/api/v1/templates/nope',
    ...invalid(['id']),
  },
  { what: 'deleting an unknown template', method: 'DELETE', path: () => `/api/v1/templates/${UNKNOWN}`, ...notFound },

  // Users
  {
    what: 'a user with an email that is not one',
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ email: 'not-an-email', name: 'X', role: 'agent' }),
    ...invalid(['email']),
  },
  {
    what: 'a user with an email over the limit',
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ email: `${'a'.repeat(LIMITS.email)}@example.org`, name: 'X', role: 'agent' }),
    ...invalid(['email']),
  },
  {
    what: 'a user with an unknown role',
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ email: 'x@example.org', name: 'X', role: 'owner' }),
    ...invalid(['role']),
  },
  {
    what: 'a user without a role',
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ email: 'x@example.org', name: 'X' }),
    ...invalid(['role']),
  },
  {
    what: 'a user with a blank name',
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ email: 'x@example.org', name: '  ', role: 'agent' }),
    ...invalid(['name']),
  },
  {
    what: 'a user with a name over the limit',
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ email: 'x@example.org', name: 'a'.repeat(AGENT_LIMITS.userName + 1), role: 'agent' }),
    ...invalid(['name']),
  },
  {
    what: 'an empty user change',
    method: 'PATCH',
    path: (ids) => `/api/v1/users/${ids.agent}`,
    body: () => ({}),
    ...invalid(['request']),
  },
  {
    what: 'an unknown role change',
    method: 'PATCH',
    path: (ids) => `/api/v1/users/${ids.agent}`,
    body: () => ({ role: 'root' }),
    ...invalid(['role']),
  },
  {
    what: 'active as a string',
    method: 'PATCH',
    path: (ids) => `/api/v1/users/${ids.agent}`,
    body: () => ({ active: 'false' }),
    ...invalid(['active']),
  },
  {
    what: 'changing a malformed user id',
    method: 'PATCH',
    path: () => '/api/v1/users/nope',
    body: () => ({ name: 'x' }),
    ...invalid(['id']),
  },
  {
    what: 'changing an unknown user',
    method: 'PATCH',
    path: () => `/api/v1/users/${UNKNOWN}`,
    body: () => ({ name: 'x' }),
    ...notFound,
  },

  // Ids in forms a validator may take for a uuid but PostgreSQL does not.
  ...[`urn:uuid:${UNKNOWN}`, `{${UNKNOWN}}`, UNKNOWN.replaceAll('-', '')].flatMap((id): Case[] => [
    { what: `a message id written ${id}`, method: 'GET', path: () => `/api/v1/messages/${id}`, ...invalid(['id']) },
    {
      what: `a note on a message id written ${id}`,
      method: 'POST',
      path: () => `/api/v1/messages/${id}/notes`,
      body: () => ({ body: 'Note' }),
      ...invalid(['id']),
    },
    {
      what: `fulfilling a commitment id written ${id}`,
      method: 'POST',
      path: () => `/api/v1/commitments/${id}/fulfil`,
      body: () => ({ outcome: 'Fait.' }),
      ...invalid(['id']),
    },
    {
      what: `changing a user id written ${id}`,
      method: 'PATCH',
      path: () => `/api/v1/users/${id}`,
      body: () => ({ name: 'x' }),
      ...invalid(['id']),
    },
    {
      what: `assigning to a user id written ${id}`,
      method: 'PATCH',
      path: (ids) => messages(ids),
      body: () => ({ assigneeId: id }),
      ...invalid(['assigneeId']),
    },
    {
      what: `moving to a team id written ${id}`,
      method: 'PATCH',
      path: (ids) => messages(ids),
      body: () => ({ teamId: id }),
      ...invalid(['teamId']),
    },
    {
      what: `a commitment owner id written ${id}`,
      method: 'POST',
      path: (ids) => `${messages(ids)}/replies`,
      body: reply([commitment({ ownerId: id })]),
      ...invalid(['commitments.0.ownerId']),
    },
  ]),

  // Due dates that are dates, but no promise: past, too far, year zero.
  ...['2020-01-01', '0000-01-01', '9999-12-31', '2099-01-01'].map((dueOn): Case => ({
    what: `a commitment due on ${dueOn}`,
    method: 'POST',
    path: (ids) => `${messages(ids)}/replies`,
    body: reply([commitment(), commitment({ dueOn })]),
    status: 400,
    code: 'invalid_due_date',
  })),
  // GET /events: Last-Event-ID is the number of an event the stream sent
  ...['abc', '-1', '1.5', '1e3', '0x10', '9'.repeat(16)].map((lastEventId) => ({
    what: `Last-Event-ID: ${lastEventId}`,
    method: 'GET' as const,
    path: () => '/api/v1/events',
    headers: { accept: 'text/event-stream', 'last-event-id': lastEventId },
    ...invalid(['last-event-id']),
  })),
];

describe.each(databaseKinds)('bad input on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let ids: Ids;
  let before: unknown;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    const agent = await createAgent(ecoute.url, admin, { email: 'ines@example.org', name: 'Inès', role: 'agent' });
    const gone = await admin.request('POST', '/api/v1/users', {
      email: 'gone@example.org',
      name: 'Parti',
      role: 'agent',
    });
    await admin.request('PATCH', `/api/v1/users/${gone.json.user.id}`, { active: false });
    const message = await writeMessage(ecoute.url, { body: 'Où est mon colis ?', name: 'Jo', email: 'jo@example.org' });
    const committed = await writeMessage(ecoute.url, { body: 'Et ma facture ?', name: 'Jo', email: 'jo@example.org' });
    const replied = await admin.request('POST', `/api/v1/messages/${committed.id}/replies`, {
      body: 'Bonjour Jo, la facture arrive.',
      commitments: [commitment()],
    });
    const template = await admin.request('POST', '/api/v1/templates', {
      name: 'Accueil',
      body: 'Bonjour {{customer.name}}.',
    });
    const team = await admin.request('POST', '/api/v1/teams', { name: 'Livraisons' });
    const rule = await admin.request('POST', '/api/v1/routing-rules', RULE);
    ids = {
      team: team.json.id,
      rule: rule.json.id,
      message: message.id,
      commitment: replied.json.commitments[0].id,
      committedMessage: committed.id,
      template: template.json.id,
      agent: agent.user.id,
      deactivated: gone.json.user.id,
      foreignEvent: (await admin.request('GET', `/api/v1/messages/${committed.id}`)).json.timeline[0].id,
    };
    // The emails these made change state in the background (queued, then held: no mail server here):
    // the snapshot is taken once they are done, so that what follows compares like with like.
    for (let waited = 0; ; waited++) {
      const { rows } = await ecoute.app.db.execute<{ n: number }>(
        sql`select count(*)::int as n from emails where state in ('queued', 'retrying')`,
      );
      if (rows[0]!.n === 0) break;
      if (waited > 300) throw new Error('the emails never left the queue');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    before = await snapshot();
  });
  afterAll(() => ecoute.close());

  /** Everything a refused request could have changed, as the admin reads it. */
  async function snapshot() {
    const reads = [
      '/users',
      '/templates',
      '/teams',
      '/routing-rules',
      '/messages?view=all&limit=100',
      '/messages/counts',
      '/commitments',
      '/tags',
      `/messages/${ids.message}`,
      `/messages/${ids.committedMessage}`,
    ];
    return Promise.all(reads.map(async (path) => [path, (await admin.request('GET', `/api/v1${path}`)).json]));
  }

  it.each(CASES.map((badCase) => [`${badCase.method} ${badCase.what} → ${badCase.status}`, badCase] as const))(
    '%s',
    async (_, badCase) => {
      const path = badCase.path(ids);
      const response = badCase.raw
        ? await admin.request(badCase.method, path, badCase.raw.text, { 'content-type': badCase.raw.contentType })
        : await admin.request(badCase.method, path, badCase.body?.(ids), badCase.headers);
      expectApiError(response, badCase.status, badCase.code);
      if (badCase.fields)
        expect(Object.keys(response.json.error.fields ?? {}).sort()).toEqual([...badCase.fields].sort());
      else expect(response.json.error.fields).toBeUndefined();
      if (badCase.method !== 'GET') expect(await snapshot()).toEqual(before);
    },
  );

  it('the fixtures themselves are fine: the same requests, corrected, succeed', async () => {
    const replied = await admin.request('POST', `/api/v1/messages/${ids.message}/replies`, {
      body: 'Bonjour Jo, votre colis arrive.',
      commitments: [commitment({ ownerId: ids.agent, dueOn: dueIn(1800) })],
    });
    expect(replied.status).toBe(201);
    expect(
      (await admin.request('PUT', `/api/v1/messages/${ids.message}/tags`, { tags: ['ok', 'é_1-x'] })).json,
    ).toEqual({
      tags: ['ok', 'é_1-x'],
    });
    expect(
      (await admin.request('PATCH', `/api/v1/messages/${ids.message}`, { teamId: ids.team, assigneeId: ids.agent }))
        .status,
    ).toBe(200);
    expect(
      (await admin.request('POST', `/api/v1/commitments/${ids.commitment}/drop`, { reason: 'Fait autrement.' })).status,
    ).toBe(200);
    expect((await admin.request('GET', '/api/v1/messages?view=all&limit=100')).status).toBe(200);
  });
});
