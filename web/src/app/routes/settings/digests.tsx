// /settings/digests (managers and admins), loaded on demand.
import { DigestsSettings } from '../../../features/digests/components/digests-settings.tsx';
import { useTeams } from '../../../features/teams/api/get-teams.ts';
import { RequireRole } from '../../require-role.tsx';

function Digests() {
  const teams = useTeams();
  return <DigestsSettings teams={teams.data ?? []} />;
}

export function Component() {
  return (
    <RequireRole role="manager">
      <Digests />
    </RequireRole>
  );
}
