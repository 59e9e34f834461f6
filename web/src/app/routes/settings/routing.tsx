// /settings/routing (managers and admins), loaded on demand.
import { useFormRefs } from '../../../features/forms/api/get-forms.ts';
import { RoutingSettings } from '../../../features/routing/components/routing-settings.tsx';
import { useTeams } from '../../../features/teams/api/get-teams.ts';
import { useTeammates } from '../../../features/users/api/get-users.ts';
import { RequireRole } from '../../require-role.tsx';

function Routing() {
  const teams = useTeams();
  const users = useTeammates();
  const forms = useFormRefs();
  return (
    <RoutingSettings
      teams={teams.data ?? []}
      users={(users.data ?? []).filter((user) => user.active)}
      forms={forms.data ?? []}
    />
  );
}

export function Component() {
  return (
    <RequireRole role="manager">
      <Routing />
    </RequireRole>
  );
}
