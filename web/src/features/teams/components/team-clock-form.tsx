// A team's clock: its time zone and working hours per weekday ("09:00-12:00, 14:00-17:00"; empty: not
// worked; all empty: around the clock). Targets are measured in this working time.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Team } from '@ecoute/shared/agent-contract';
import { WEEKDAYS, type WorkingHours, type WorkingSpan } from '@ecoute/shared/stats';
import { Button } from '../../../components/ui/button.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import type { useUpdateTeam } from '../api/change-team.ts';

const spansText = (spans: WorkingSpan[] | undefined) =>
  (spans ?? []).map((span) => `${span.from}-${span.to}`).join(', ');

/** "09:00-12:00, 14:00-17:00" → spans; the server checks each one. */
function parseSpans(text: string): WorkingSpan[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [from = '', to = ''] = part.split('-').map((time) => time.trim());
      return { from, to };
    });
}

/** `update`: the team card's change, whose status and error the card shows. */
export function TeamClockForm({ team, update }: { team: Team; update: ReturnType<typeof useUpdateTeam> }) {
  const { t } = useTranslation();
  const [timeZone, setTimeZone] = useState(team.timeZone);
  const [days, setDays] = useState<Record<string, string>>(
    Object.fromEntries(WEEKDAYS.map((day) => [day, spansText(team.workingHours?.[day])])),
  );
  const fields = isApiError(update.error) ? (update.error.fields ?? {}) : {};
  const dayProblem = (day: string) =>
    Object.keys(fields).some((field) => field.startsWith(`workingHours.${day}`)) ? t('teams.hoursInvalid') : null;
  return (
    <Form
      className="form"
      aria-label={t('teams.clockNamed', { name: team.name })}
      onSubmit={(event) => {
        event.preventDefault();
        const hours: WorkingHours = Object.fromEntries(
          WEEKDAYS.map((day): [string, WorkingSpan[]] => [day, parseSpans(days[day] ?? '')]).filter(
            ([, spans]) => spans.length > 0,
          ),
        );
        update.mutate({ timeZone: timeZone.trim(), workingHours: Object.keys(hours).length ? hours : null });
      }}
    >
      <TextField
        label={t('teams.timeZone')}
        value={timeZone}
        onChange={(next) => {
          setTimeZone(next);
          update.reset();
        }}
        isRequired
        isInvalid={Boolean(fields.timeZone)}
        errorMessage={fields.timeZone ? t('teams.timeZoneInvalid') : null}
      />
      <p className="muted">{t('teams.hoursExplained')}</p>
      {WEEKDAYS.map((day) => (
        <TextField
          key={day}
          label={t(`teams.weekdays.${day}`)}
          value={days[day] ?? ''}
          placeholder="09:00-17:00"
          onChange={(next) => {
            setDays((current) => ({ ...current, [day]: next }));
            update.reset();
          }}
          isInvalid={Boolean(dayProblem(day))}
          errorMessage={dayProblem(day)}
        />
      ))}
      <Button type="submit" size="small" aria-label={t('teams.saveClockNamed', { name: team.name })}>
        {t('teams.saveClock')}
      </Button>
    </Form>
  );
}
