// /commitments: every open or overdue commitment, loaded on demand (its own chunk).
import { CommitmentsOverview } from '../../features/commitments/components/commitments-overview.tsx';

export function Component() {
  return <CommitmentsOverview />;
}
