// The digest's subscribers as managers keep them, and the unsubscribe link every digest carries: it
// works without an account, its token is derived from the server's secret, only its hash is stored.
import { randomUUID } from 'node:crypto';
import type { DigestSubscriberInput } from '@ecoute/shared/digest-contract';
import {
  deleteDigestSubscriber,
  findSubscriberByTokenHash,
  insertDigestSubscriber,
  markUnsubscribed,
} from '../db/digests.repo.ts';
import type { DigestSubscriberRow } from '../db/schema/index.ts';
import { findTeamName } from '../db/teams.repo.ts';
import type { Db } from '../db/transaction.ts';
import { derivedToken, hashUnsubscribeToken } from '../security/secrets.ts';
import { DomainError } from './errors.ts';

export const unsubscribeToken = (secret: string, subscriberId: string) =>
  derivedToken(secret, 'unsubscribe', subscriberId);

export async function addDigestSubscriber(
  db: Db,
  secret: string,
  input: DigestSubscriberInput,
  createdBy: string,
): Promise<DigestSubscriberRow & { teamName: string | null }> {
  if ((input.teamId === undefined) === (input.tag === undefined)) {
    const fields = { teamId: 'give a team or a tag, not both', tag: 'give a team or a tag, not both' };
    throw new DomainError('invalid_input', 'invalid_request', 'Some fields are missing or invalid.', { fields });
  }
  const teamName = input.teamId ? await findTeamName(db, input.teamId) : null;
  if (input.teamId && teamName === undefined) {
    throw new DomainError('invalid_input', 'invalid_request', 'Some fields are missing or invalid.', {
      fields: { teamId: 'there is no such team' },
    });
  }
  const id = randomUUID();
  const row = await insertDigestSubscriber(db, {
    id,
    email: input.email,
    locale: input.locale,
    teamId: input.teamId ?? null,
    tag: input.tag ?? null,
    unsubscribeTokenHash: hashUnsubscribeToken(unsubscribeToken(secret, id)),
    createdBy,
  });
  return { ...row, teamName: teamName ?? null };
}

export async function removeDigestSubscriber(db: Db, id: string): Promise<void> {
  if (!(await deleteDigestSubscriber(db, id))) {
    throw new DomainError('not_found', 'not_found', 'There is no such digest subscriber.');
  }
}

/** The subscriber behind an unsubscribe link, or undefined for a link that names none. */
export async function findUnsubscribing(db: Db, token: string): Promise<DigestSubscriberRow | undefined> {
  return findSubscriberByTokenHash(db, hashUnsubscribeToken(token));
}

/** Unsubscribes the link's subscriber: false when the link names none. */
export async function unsubscribeFromDigest(db: Db, token: string): Promise<boolean> {
  const subscriber = await findUnsubscribing(db, token);
  if (!subscriber) return false;
  await markUnsubscribed(db, subscriber.id);
  return true;
}
