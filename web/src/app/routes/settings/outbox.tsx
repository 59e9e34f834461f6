// /settings/outbox (admins), loaded on demand.
import { Outbox } from '../../../features/outbox/components/outbox.tsx';
import { RequireRole } from '../../require-role.tsx';

export function Component() {
  return (
    <RequireRole role="admin">
      <Outbox />
    </RequireRole>
  );
}
