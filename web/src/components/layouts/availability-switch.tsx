// The signed-in agent says whether they are available or away: round-robin gives new messages to
// available members only, and coming back hands them what waited in their teams' queues.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Availability } from '@ecoute/shared/agent-contract';
import { api } from '../../lib/api-client.ts';
import { useUser } from '../../lib/auth.tsx';
import { queryRoots } from '../../lib/query-keys.ts';
import { ActionError } from '../ui/states.tsx';

const setAvailability = (availability: Availability) => api.put<Availability>('/me/availability', availability);

export function AvailabilitySwitch() {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: setAvailability,
    // The session says who is signed in and whether they are available; messages handed out change the views.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.session }),
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
        queryClient.invalidateQueries({ queryKey: queryRoots.teams }),
      ]),
  });
  const available = change.isPending ? change.variables.available : user.available;
  return (
    <div className="availability">
      <Switch
        className="availability__switch"
        isSelected={available}
        onChange={(next) => change.mutate({ available: next })}
        aria-describedby="availability-explained"
      >
        <span className="availability__track" aria-hidden="true">
          <span className="availability__thumb" />
        </span>
        <span className="visually-hidden">{t('availability.label')}</span>
        <span aria-hidden="true">{available ? t('availability.available') : t('availability.away')}</span>
      </Switch>
      <span id="availability-explained" className="visually-hidden">
        {t('availability.explained')}
      </span>
      <ActionError error={change.error} />
    </div>
  );
}
