// /settings/exports (managers and admins), loaded on demand.
import { ExportsPage } from '../../../features/exports/components/exports-page.tsx';
import { useTeams } from '../../../features/teams/api/get-teams.ts';
import { RequireRole } from '../../require-role.tsx';

function Exports() {
  const teams = useTeams();
  return <ExportsPage teams={teams.data ?? []} />;
}

export function Component() {
  return (
    <RequireRole role="manager">
      <Exports />
    </RequireRole>
  );
}
