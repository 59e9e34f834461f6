// /settings/unmatched-mail (admins), loaded on demand.
import { UnmatchedMail } from '../../../features/unmatched-mail/components/unmatched-mail.tsx';
import { RequireRole } from '../../require-role.tsx';

export function Component() {
  return (
    <RequireRole role="admin">
      <UnmatchedMail />
    </RequireRole>
  );
}
