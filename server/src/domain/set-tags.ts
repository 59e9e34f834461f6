// An agent sets a message's tags: kept in lower case, each one added or removed on the timeline.
import { AGENT_LIMITS, normalizeTag, TAG_PATTERN } from '@ecoute/shared/agent-values';
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import { lockedMessage, type MessageActionInput } from './message-action.ts';

export interface SetTagsInput extends MessageActionInput {
  tags: string[];
}

const TAG = new RegExp(TAG_PATTERN, 'u');

/** The message's tags once set. */
export async function setTags(db: Db, { messageId, actor, tags: wanted }: SetTagsInput): Promise<string[]> {
  const tags = [...new Set(wanted.map(normalizeTag))];
  // Lower case can make a valid tag invalid (a letter that lowers to two characters): checked again.
  tags.forEach((tag, index) => {
    if (!TAG.test(tag) || tag.length > AGENT_LIMITS.tag) {
      throw new DomainError('invalid_input', 'invalid_tag', `tags.${index}: "${tag}" is not a tag once in lower case.`);
    }
  });
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    const added = tags.filter((tag) => !message.tags.includes(tag));
    const removed = message.tags.filter((tag) => !tags.includes(tag));
    for (const tag of added)
      await recordEvent(tx, { messageId, type: 'tagged', actorId: actor.id, body: null, data: { tag } });
    for (const tag of removed) {
      await recordEvent(tx, { messageId, type: 'untagged', actorId: actor.id, body: null, data: { tag } });
    }
    if (added.length || removed.length) await updateMessage(tx, messageId, { tags });
    return tags;
  });
}
