// /settings/templates (managers and admins), loaded on demand.
import { TemplatesSettings } from '../../../features/templates/components/templates-settings.tsx';
import { RequireRole } from '../../require-role.tsx';

export function Component() {
  return (
    <RequireRole role="manager">
      <TemplatesSettings />
    </RequireRole>
  );
}
