// /settings/teams (admins), loaded on demand.
import { TeamsSettings } from '../../../features/teams/components/teams-settings.tsx';
import { useUsers } from '../../../features/users/api/get-users.ts';
import { RequireRole } from '../../require-role.tsx';

function Teams() {
  const users = useUsers();
  return <TeamsSettings users={users.data ?? []} />;
}

export function Component() {
  return (
    <RequireRole role="admin">
      <Teams />
    </RequireRole>
  );
}
