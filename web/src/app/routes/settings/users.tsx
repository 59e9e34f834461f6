// /settings/users (admins), loaded on demand.
import { UsersSettings } from '../../../features/users/components/users-settings.tsx';
import { RequireRole } from '../../require-role.tsx';

export function Component() {
  return (
    <RequireRole role="admin">
      <UsersSettings />
    </RequireRole>
  );
}
