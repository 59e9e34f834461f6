// /settings/forms (managers read, admins write), loaded on demand.
import { FormsSettings } from '../../../features/forms/components/forms-settings.tsx';
import { RequireRole } from '../../require-role.tsx';

export function Component() {
  return (
    <RequireRole role="manager">
      <FormsSettings />
    </RequireRole>
  );
}
