// The reply being written, kept in this tab per message and per user as the agent types, so that a
// session that ends, a reload or a wrong click does not lose ten minutes of writing. It comes back
// when the message is opened again and goes once the reply is sent, with the last timeline event the
// agent had read when they began it: what happened while they were away is still checked.
import { useEffect, useState } from 'react';
import { LIMITS } from '../../lib/contract-values.ts';
import { readDraft, writeDraft } from '../../lib/tab-storage.ts';
import { newCommitmentDraft, type CommitmentDraft } from './components/commitment-rows.tsx';

export interface ReplyDraft {
  body: string;
  commitments: CommitmentDraft[];
  /** The last timeline event on screen when the agent began the reply; null while nothing is written. */
  seenEventId: string | null;
}

const EMPTY: ReplyDraft = { body: '', commitments: [], seenEventId: null };
const isEmpty = (draft: ReplyDraft) => draft.body === '' && draft.commitments.length === 0;
const draftKey = (messageId: string) => `reply:${messageId}`;

type Stored = {
  body: string;
  commitments: Array<Pick<CommitmentDraft, 'description' | 'dueOn' | 'ownerId'>>;
  seenEventId?: string | null;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** What was kept, if it still reads as a draft (anything else, such as an older shape, is ignored). */
function restore(stored: unknown): ReplyDraft | null {
  if (!isRecord(stored) || typeof stored.body !== 'string' || !Array.isArray(stored.commitments)) return null;
  const commitments = stored.commitments
    .filter(
      (row): row is Stored['commitments'][number] =>
        isRecord(row) &&
        typeof row.description === 'string' &&
        typeof row.dueOn === 'string' &&
        typeof row.ownerId === 'string',
    )
    .slice(0, LIMITS.commitmentsPerReply)
    // Fresh keys: the ones the rows had belong to a page that may have been reloaded since.
    .map(({ description, dueOn, ownerId }) => ({ ...newCommitmentDraft(ownerId), description, dueOn }));
  // Drafts kept before the collision check have no event: the reply starts from what is on screen.
  const seenEventId = typeof stored.seenEventId === 'string' ? stored.seenEventId : null;
  const draft = { body: stored.body.slice(0, LIMITS.reply), commitments, seenEventId };
  return isEmpty(draft) ? null : draft;
}

const toStored = ({ body, commitments, seenEventId }: ReplyDraft): Stored => ({
  body,
  commitments: commitments.map(({ description, dueOn, ownerId }) => ({ description, dueOn, ownerId })),
  seenEventId,
});

/** Forgets the draft of a reply that was sent; safe to call once the composer is gone. */
export const discardReplyDraft = (userId: string, messageId: string) => writeDraft(userId, draftKey(messageId), null);

/**
 * The composer's reply and commitments, restored from this tab when there is a draft and kept there
 * on every change. Read once: the composer is mounted per message and per signed-in user.
 */
export function useReplyDraft(messageId: string, userId: string) {
  const [restored] = useState(() => restore(readDraft(userId, draftKey(messageId))));
  const [draft, setDraft] = useState<ReplyDraft>(restored ?? EMPTY);
  useEffect(() => {
    writeDraft(userId, draftKey(messageId), isEmpty(draft) ? null : toStored(draft));
  }, [userId, messageId, draft]);
  return { draft, setDraft, restored: restored !== null };
}
