// A message whose timeline happened in the past, stored as the application stores one: its row, then
// its events in order (the database's triggers keep the dashboard's facts, as for a live one).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TimelineType } from '@ecoute/shared/timeline-events';
import type { Db } from '../../server/src/db/transaction.ts';

export async function pastMessage(
  db: Db,
  teamId: string,
  receivedAt: string,
  events: Array<[TimelineType, string, string?]>,
): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    insert into messages (id, form_id, reference, tracking_token_hash, body, locale, status, team_id, created_at)
    values (${id}, (select id from forms where key = 'demo'), ${`EC-T${id.slice(0, 8)}`}, ${id}, 'Past words', 'en',
            'unanswered', ${teamId}, ${receivedAt})`);
  for (const [type, at, actorId] of events) {
    await db.execute(sql`
      insert into timeline_events (message_id, type, visibility, actor_id, body, created_at)
      values (${id}, ${type}, 'internal', ${actorId ?? null}, ${type === 'acknowledged' ? null : 'words'}, ${at})`);
  }
  return id;
}
