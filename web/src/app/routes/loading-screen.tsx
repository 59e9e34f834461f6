// The whole-page loading state, while the first page of a visit loads its code.
import { LoadingState } from '../../components/ui/states.tsx';

export function LoadingScreen() {
  return (
    <div className="full-page">
      <LoadingState />
    </div>
  );
}
