// What a Customer Day's report says, section by section: each one a page of its own when printed
// (customer-day.css), every number in a table so that it reads in black and white.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDayReport, ReportMessage } from '@ecoute/shared/customer-day-contract';
import { CUSTOMER_DAY_STRINGS } from '@ecoute/shared/customer-day-strings';
import { formatDay } from '../../../lib/format.ts';
import { currentLanguage } from '../../../lib/i18n.ts';

/** The report's own words, the same as on the shared page (shared/src/locales/customer-day-*). */
const useReportStrings = () => {
  useTranslation();
  return CUSTOMER_DAY_STRINGS[currentLanguage()];
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section card" aria-labelledby={`report-${id}`}>
      <h2 id={`report-${id}`} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function CountTable({ label, rows }: { label: string; rows: Array<{ key: string; name: string; count: number }> }) {
  const { i18n } = useTranslation();
  const s = useReportStrings();
  if (rows.length === 0) return <p className="muted">{s.none}</p>;
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col">{s.count}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{row.name}</td>
            <td className="number">{number.format(row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MessageList({ messages, total }: { messages: ReportMessage[]; total: number }) {
  const s = useReportStrings();
  if (messages.length === 0) return null;
  return (
    <>
      <ul className="report-messages">
        {messages.map((message) => (
          <li key={message.messageId} lang={message.locale}>
            <span className="words">{message.excerpt}</span>{' '}
            <span className="muted">
              — {message.reference}
              {message.teamName ? `, ${message.teamName}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {messages.length < total ? <p className="muted">{s.more(messages.length, total)}</p> : null}
    </>
  );
}

export function ReportBody({ report }: { report: CustomerDayReport }) {
  const { t, i18n } = useTranslation();
  const s = useReportStrings();
  const number = new Intl.NumberFormat(i18n.language);
  const percent = (value: number | null) =>
    value === null
      ? '—'
      : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const minutes = (value: number | null) =>
    value === null
      ? '—'
      : new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'minute', maximumFractionDigits: 0 }).format(value);
  const teamRows = (rows: CustomerDayReport['compliments']['byTeam']) =>
    rows.map((row) => ({
      key: row.teamId ?? 'none',
      name: row.teamName ?? s.notAnswered,
      count: row.count,
    }));
  const c = report.commitments;
  return (
    <div className="report">
      <Section id="volumes" title={s.volumes}>
        <p className="report-figure">{s.received(report.volumes.received)}</p>
        <h3>{s.byTeam}</h3>
        <CountTable
          label={s.team}
          rows={report.volumes.byTeam.map((row) => ({
            key: row.teamId ?? '',
            name: row.teamName ?? '',
            count: row.count,
          }))}
        />
        <h3>{s.byLanguage}</h3>
        <CountTable
          label={s.language}
          rows={report.volumes.byLanguage.map((row) => ({
            key: row.locale,
            name: t(`languages.${row.locale}`),
            count: row.count,
          }))}
        />
      </Section>
      <Section id="answers" title={s.answers}>
        <p className="report-figure">
          {t('customerDay.answerRate', {
            rate: percent(report.answers.rate),
            answered: number.format(report.answers.answered),
            received: number.format(report.answers.received),
          })}
        </p>
        {report.answers.byTeam.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{s.team}</th>
                <th scope="col">{s.answerRate}</th>
                <th scope="col">{s.firstReply.target}</th>
                <th scope="col">{s.firstReply.median}</th>
                <th scope="col">{s.firstReply.p90}</th>
                <th scope="col">{s.firstReply.withinTarget}</th>
              </tr>
            </thead>
            <tbody>
              {report.answers.byTeam.map((team) => (
                <tr key={team.teamId}>
                  <td>{team.teamName}</td>
                  <td className="number">{percent(team.received ? team.answered / team.received : null)}</td>
                  <td className="number">{minutes(team.firstReplyTargetMinutes)}</td>
                  <td className="number">{minutes(team.firstReplyMedianMinutes)}</td>
                  <td className="number">{minutes(team.firstReplyP90Minutes)}</td>
                  <td className="number">{percent(team.answered ? team.withinTarget / team.answered : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>
      <Section id="commitments" title={s.commitments}>
        <table className="table">
          <tbody>
            {(['made', 'keptOnTime', 'keptLate', 'dropped', 'open', 'overdue'] as const).map((key) => (
              <tr key={key}>
                <th scope="row">{s.commitment[key]}</th>
                <td className="number">{number.format(c[key])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{s.commitment.keptOnTimeRate}</th>
              <td className="number">{percent(c.keptOnTimeRate)}</td>
            </tr>
          </tbody>
        </table>
      </Section>
      <Section id="words" title={s.risingWords}>
        {report.risingWords.length === 0 ? (
          <p className="muted">{s.none}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{s.term}</th>
                <th scope="col">{s.count}</th>
                <th scope="col">{s.previousCount}</th>
              </tr>
            </thead>
            <tbody>
              {report.risingWords.map((word) => (
                <tr key={word.term}>
                  <td>{word.text}</td>
                  <td className="number">{number.format(word.messages)}</td>
                  <td className="number">{number.format(word.previousMessages)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section id="verbatims" title={s.verbatims}>
        {report.verbatims.length === 0 ? (
          <p className="muted">{t('customerDay.noVerbatims')}</p>
        ) : (
          report.verbatims.map((verbatim) => (
            <figure key={verbatim.messageId} className="verbatim" lang={verbatim.locale}>
              <blockquote className="words">{verbatim.body}</blockquote>
              <figcaption className="muted">
                {verbatim.reference} · {verbatim.teamName} ·{' '}
                {formatDay(verbatim.receivedAt.slice(0, 10), i18n.language)}
              </figcaption>
              {verbatim.note ? (
                <p lang={i18n.language}>
                  <strong>{s.note}</strong> {verbatim.note}
                  {verbatim.pinnedBy ? ` — ${verbatim.pinnedBy}` : ''}
                </p>
              ) : null}
            </figure>
          ))
        )}
      </Section>
      <Section id="compliments" title={s.compliments}>
        <p className="report-figure">{number.format(report.compliments.total)}</p>
        <CountTable label={s.team} rows={teamRows(report.compliments.byTeam)} />
        <MessageList messages={report.compliments.messages} total={report.compliments.total} />
      </Section>
      <Section id="lost" title={s.lostCustomers}>
        <p className="report-figure">{number.format(report.lostCustomers.total)}</p>
        <CountTable label={s.team} rows={teamRows(report.lostCustomers.byTeam)} />
        <MessageList messages={report.lostCustomers.messages} total={report.lostCustomers.total} />
      </Section>
    </div>
  );
}
