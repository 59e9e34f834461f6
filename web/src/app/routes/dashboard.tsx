// /dashboard (managers and admins), loaded on demand: its charts library stays in its own chunks.
import { Dashboard } from '../../features/dashboard/components/dashboard.tsx';
import { RequireRole } from '../require-role.tsx';

export function Component() {
  return (
    <RequireRole role="manager">
      <Dashboard />
    </RequireRole>
  );
}
