// /customer-days/:date (managers and admins): one Customer Day's report, printable.
import { useParams } from 'react-router';
import { CustomerDayReportPage } from '../../features/customer-day/components/customer-day-report.tsx';
import { RequireRole } from '../require-role.tsx';

export function Component() {
  const { date = '' } = useParams();
  return (
    <RequireRole role="manager">
      <CustomerDayReportPage key={date} date={date} />
    </RequireRole>
  );
}
