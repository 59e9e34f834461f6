// /customer-days (managers and admins): the Customer Days and their reports, loaded on demand.
import { CustomerDayList } from '../../features/customer-day/components/customer-day-list.tsx';
import { RequireRole } from '../require-role.tsx';

export function Component() {
  return (
    <RequireRole role="manager">
      <CustomerDayList />
    </RequireRole>
  );
}
