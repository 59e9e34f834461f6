// The dashboard for a period, team or agent: the numbers of stats.repo.ts's snapshot, each with the
// inbox link that lists the messages behind it, and the same numbers as CSV rows. Customer Day
// reports call statsForPeriod for their own periods.
import {
  AGE_BUCKETS,
  OLDEST_AGE_BUCKET,
  type Activity,
  type Figure,
  type StatsOverview,
} from '@ecoute/shared/stats-contract';
import { isoDate, isTimeZone, localDate, WEEKDAYS, zonedInstant, type LocalDate } from '@ecoute/shared/stats';
import { listTeams } from '../db/teams.repo.ts';
import { agentNames, statsOverview, type FactsGroupRow, type StatsFilters, type StatsScope } from '../db/stats.repo.ts';
import type { Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';

export interface OverviewInput {
  from?: string | undefined;
  to?: string | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
  /** Only the messages with this tag: a tag's weekly digest (the dashboard has no tag filter). */
  tag?: string | undefined;
  tz?: string | undefined;
}

/** The longest period one overview covers (weeks are listed one by one). */
const MAX_DAYS = 3 * 366;
const DEFAULT_WEEKS = 12;

const dayOf = (iso: string): LocalDate => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
};
const addDays = (date: LocalDate, days: number): LocalDate => {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
};
const weekdayIndex = (date: LocalDate) => (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;

function invalid(fields: Record<string, string>): never {
  throw new DomainError('invalid_input', 'invalid_request', 'Some fields are missing or invalid.', { fields });
}

/** The period asked for, as days in the time zone and the instants that bound it. */
export function resolvePeriod(input: Pick<OverviewInput, 'from' | 'to' | 'tz'>, now = new Date()) {
  const timeZone = input.tz ?? 'UTC';
  if (!isTimeZone(timeZone)) invalid({ tz: 'is not an IANA time zone name' });
  const today = localDate(now, timeZone);
  const to = input.to ? dayOf(input.to) : today;
  const from = input.from ? dayOf(input.from) : addDays(today, -weekdayIndex(today) - 7 * (DEFAULT_WEEKS - 1));
  const start = zonedInstant(from, 0, timeZone);
  const end = zonedInstant(addDays(to, 1), 0, timeZone);
  if (end.getTime() <= start.getTime()) invalid({ to: 'must not be before from' });
  if (end.getTime() - start.getTime() > MAX_DAYS * 86_400_000)
    invalid({ from: `the period is longer than ${MAX_DAYS} days` });
  return { from: isoDate(from), to: isoDate(to), timeZone, start, end };
}

/** An inbox address: the view and the filters, in the order the SPA reads them. */
function inboxLink(
  view: 'all' | 'unanswered',
  filters: StatsFilters & { teamId?: string | undefined; assigneeId?: string | undefined; tag?: string | undefined },
) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== undefined) params.set(name, value);
  const query = params.toString();
  return `/inbox/${view}${query ? `?${query}` : ''}`;
}

export async function statsForPeriod(db: Db, input: OverviewInput): Promise<StatsOverview> {
  const period = resolvePeriod(input);
  const scope: StatsScope = { ...period, teamId: input.teamId, agentId: input.agentId, tag: input.tag };
  const snapshot = await statsOverview(
    db,
    scope,
    (now) => AGE_BUCKETS.map((bucket) => new Date(now.getTime() - bucket.seconds * 1000)),
    (now) => {
      const today = localDate(now, period.timeZone);
      const monday = addDays(today, -weekdayIndex(today));
      return { from: isoDate(monday), to: isoDate(addDays(monday, WEEKDAYS.length - 1)) };
    },
  );
  const teams = await listTeams(db);
  const names = await agentNames(db, [
    ...new Set([
      ...snapshot.agents.map((agent) => agent.agentId),
      ...snapshot.unanswered.byAssignee.map((row) => row.assigneeId),
    ]),
  ]);

  const received = (extra: StatsFilters & { teamId?: string } = {}, range: { start: Date; end: Date } = period) =>
    ({
      teamId: input.teamId,
      tag: input.tag,
      handledBy: input.agentId,
      receivedFrom: range.start.toISOString(),
      receivedBefore: range.end.toISOString(),
      ...extra,
    }) as const;
  const figure = (value: number, link: string): Figure => ({ value, link });
  const activity = (group: FactsGroupRow, filters: ReturnType<typeof received>): Activity => ({
    received: figure(group.received, inboxLink('all', filters)),
    answered: figure(group.answered, inboxLink('all', { ...filters, answered: 'yes' })),
    answerRate: group.received ? group.answered / group.received : null,
    acknowledge: {
      median: group.acknowledgeMedian,
      p90: group.acknowledgeP90,
      breached: figure(group.acknowledgeBreached, inboxLink('all', { ...filters, breached: 'acknowledge' })),
    },
    firstReply: {
      median: group.firstReplyMedian,
      p90: group.firstReplyP90,
      breached: figure(group.firstReplyBreached, inboxLink('all', { ...filters, breached: 'first_reply' })),
    },
  });
  const empty: FactsGroupRow = {
    received: 0,
    answered: 0,
    acknowledgeMedian: null,
    acknowledgeP90: null,
    firstReplyMedian: null,
    firstReplyP90: null,
    acknowledgeBreached: 0,
    firstReplyBreached: 0,
  };

  const { now } = snapshot;
  const unansweredFilters = {
    teamId: input.teamId,
    tag: input.tag,
    assigneeId: input.agentId,
    waitingBefore: now.toISOString(),
  };
  const bounds = AGE_BUCKETS.map((bucket) => new Date(now.getTime() - bucket.seconds * 1000));
  const ages = [...AGE_BUCKETS.map((bucket) => bucket.key), OLDEST_AGE_BUCKET].map((key, index) => ({
    key,
    fromSeconds: index === 0 ? 0 : AGE_BUCKETS[index - 1]!.seconds,
    toSeconds: AGE_BUCKETS[index]?.seconds ?? null,
    count: figure(
      snapshot.unanswered.buckets[index] ?? 0,
      inboxLink('unanswered', {
        ...unansweredFilters,
        waitingFrom: bounds[index]?.toISOString(),
        waitingBefore: (index === 0 ? now : bounds[index - 1]!).toISOString(),
      }),
    ),
  }));

  const weeks = snapshot.weeks.map((week) => {
    const start = new Date(Math.max(week.weekStart.getTime(), period.start.getTime()));
    const nextMonday = zonedInstant(addDays(localDate(week.weekStart, period.timeZone), 7), 0, period.timeZone);
    const end = new Date(Math.min(nextMonday.getTime(), period.end.getTime()));
    return { start: start.toISOString(), end: end.toISOString(), ...activity(week, received({}, { start, end })) };
  });

  const shownTeams = teams.filter((team) => !input.teamId || team.id === input.teamId);
  const commitmentFilters = { teamId: input.teamId, tag: input.tag, ownerId: input.agentId };
  const made = (outcome: 'open' | 'overdue' | 'kept_on_time' | 'kept_late' | 'dropped'): Figure => {
    const row = snapshot.commitmentsMade.find((candidate) => candidate.outcome === outcome);
    return {
      value: row?.commitments ?? 0,
      messages: row?.messages ?? 0,
      link: inboxLink('all', {
        ...commitmentFilters,
        commitment: outcome,
        madeFrom: period.start.toISOString(),
        madeBefore: period.end.toISOString(),
      }),
    };
  };
  const madeFigures = {
    open: made('open'),
    overdue: made('overdue'),
    keptOnTime: made('kept_on_time'),
    keptLate: made('kept_late'),
    dropped: made('dropped'),
  };
  const due =
    madeFigures.keptOnTime.value + madeFigures.keptLate.value + madeFigures.dropped.value + madeFigures.overdue.value;
  const dueWeek = (() => {
    const today = localDate(now, period.timeZone);
    const monday = addDays(today, -weekdayIndex(today));
    return { dueFrom: isoDate(monday), dueTo: isoDate(addDays(monday, 6)) };
  })();

  return {
    period: { ...period, start: period.start.toISOString(), end: period.end.toISOString() },
    generatedAt: now.toISOString(),
    unanswered: {
      count: figure(snapshot.unanswered.count, inboxLink('unanswered', unansweredFilters)),
      oldest: snapshot.unanswered.oldest && {
        id: snapshot.unanswered.oldest.id,
        reference: snapshot.unanswered.oldest.reference,
        waitingSince: snapshot.unanswered.oldest.waitingSince.toISOString(),
        ageSeconds: (now.getTime() - snapshot.unanswered.oldest.waitingSince.getTime()) / 1000,
      },
      ages,
    },
    totals: activity(snapshot.all, received()),
    weeks,
    teams: shownTeams.map((team) => ({
      id: team.id,
      name: team.name,
      timeZone: team.timeZone,
      aroundTheClock: team.workingHours === null,
      acknowledgeTargetSeconds: team.acknowledgeTargetMinutes * 60,
      firstReplyTargetSeconds: team.firstReplyTargetMinutes * 60,
      unanswered: figure(
        snapshot.unanswered.byTeam.find((row) => row.teamId === team.id)?.count ?? 0,
        inboxLink('unanswered', { ...unansweredFilters, teamId: team.id }),
      ),
      ...activity(snapshot.teams.find((row) => row.teamId === team.id) ?? empty, received({ teamId: team.id })),
    })),
    agents: [
      ...new Set([
        ...snapshot.agents.map((row) => row.agentId),
        ...snapshot.unanswered.byAssignee.map((row) => row.assigneeId),
      ]),
    ]
      .map((id) => {
        const group = snapshot.agents.find((row) => row.agentId === id) ?? empty;
        const filters = received({ firstReplyBy: id });
        return {
          id,
          name: names.get(id) ?? '',
          firstReplies: figure(group.answered, inboxLink('all', filters)),
          firstReply: {
            median: group.firstReplyMedian,
            p90: group.firstReplyP90,
            breached: figure(group.firstReplyBreached, inboxLink('all', { ...filters, breached: 'first_reply' })),
          },
          unanswered: figure(
            snapshot.unanswered.byAssignee.find((row) => row.assigneeId === id)?.count ?? 0,
            inboxLink('unanswered', { ...unansweredFilters, assigneeId: id }),
          ),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    breaches: snapshot.breaches.map((row) => ({
      messageId: row.messageId,
      reference: row.reference,
      team: teams.find((team) => team.id === row.teamId)?.name ?? '',
      kind: row.kind,
      workingSeconds: row.workingSeconds,
      targetSeconds: row.targetSeconds,
      receivedAt: new Date(row.receivedAt).toISOString(),
    })),
    commitments: {
      open: {
        value: snapshot.commitmentsNow.open.commitments,
        messages: snapshot.commitmentsNow.open.messages,
        link: inboxLink('all', { ...commitmentFilters, commitment: 'open' }),
      },
      dueThisWeek: {
        value: snapshot.commitmentsNow.dueThisWeek.commitments,
        messages: snapshot.commitmentsNow.dueThisWeek.messages,
        link: inboxLink('all', { ...commitmentFilters, commitment: 'open', ...dueWeek }),
      },
      overdue: {
        value: snapshot.commitmentsNow.overdue.commitments,
        messages: snapshot.commitmentsNow.overdue.messages,
        link: inboxLink('all', { ...commitmentFilters, commitment: 'overdue' }),
      },
      made: { ...madeFigures, keptOnTimeRate: due ? madeFigures.keptOnTime.value / due : null },
    },
  };
}

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
const field = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The dashboard as CSV, from the overview itself (never from a query of its own): one row per number,
 * `section,subject,metric,value,link`. Small enough to build whole (a few hundred rows).
 */
export function overviewCsv(overview: StatsOverview): string {
  const rows: Array<Array<string | number | null>> = [['section', 'subject', 'metric', 'value', 'link']];
  const push = (section: string, subject: string, metric: string, value: number | null, link = '') =>
    rows.push([section, subject, metric, value, link]);
  const activity = (section: string, subject: string, data: Activity) => {
    push(section, subject, 'received', data.received.value, data.received.link);
    push(section, subject, 'answered', data.answered.value, data.answered.link);
    push(section, subject, 'answer_rate', data.answerRate);
    push(section, subject, 'acknowledge_median_seconds', data.acknowledge.median);
    push(section, subject, 'acknowledge_p90_seconds', data.acknowledge.p90);
    push(section, subject, 'acknowledge_breached', data.acknowledge.breached.value, data.acknowledge.breached.link);
    push(section, subject, 'first_reply_median_seconds', data.firstReply.median);
    push(section, subject, 'first_reply_p90_seconds', data.firstReply.p90);
    push(section, subject, 'first_reply_breached', data.firstReply.breached.value, data.firstReply.breached.link);
  };
  push('unanswered', '', 'count', overview.unanswered.count.value, overview.unanswered.count.link);
  push('unanswered', '', 'oldest_age_seconds', overview.unanswered.oldest?.ageSeconds ?? null);
  for (const age of overview.unanswered.ages) push('unanswered', age.key, 'count', age.count.value, age.count.link);
  activity('total', '', overview.totals);
  for (const week of overview.weeks) activity('week', week.start, week);
  for (const team of overview.teams) {
    activity('team', team.name, team);
    push('team', team.name, 'unanswered', team.unanswered.value, team.unanswered.link);
  }
  for (const agent of overview.agents) {
    push('agent', agent.name, 'first_replies', agent.firstReplies.value, agent.firstReplies.link);
    push('agent', agent.name, 'first_reply_median_seconds', agent.firstReply.median);
    push('agent', agent.name, 'first_reply_p90_seconds', agent.firstReply.p90);
    push('agent', agent.name, 'first_reply_breached', agent.firstReply.breached.value, agent.firstReply.breached.link);
    push('agent', agent.name, 'unanswered', agent.unanswered.value, agent.unanswered.link);
  }
  const { commitments } = overview;
  push('commitments', 'now', 'open', commitments.open.value, commitments.open.link);
  push('commitments', 'now', 'due_this_week', commitments.dueThisWeek.value, commitments.dueThisWeek.link);
  push('commitments', 'now', 'overdue', commitments.overdue.value, commitments.overdue.link);
  for (const [metric, value] of [
    ['open', commitments.made.open],
    ['overdue', commitments.made.overdue],
    ['kept_on_time', commitments.made.keptOnTime],
    ['kept_late', commitments.made.keptLate],
    ['dropped', commitments.made.dropped],
  ] as const) {
    push('commitments', 'made_in_period', metric, value.value, value.link);
  }
  push('commitments', 'made_in_period', 'kept_on_time_rate', commitments.made.keptOnTimeRate);
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
