// /words (managers and admins): the customers' own words, loaded on demand.
import { useTeams } from '../../features/teams/api/get-teams.ts';
import { WordsPage } from '../../features/words/components/words-page.tsx';
import { RequireRole } from '../require-role.tsx';

function Words() {
  const teams = useTeams();
  return <WordsPage teams={teams.data ?? []} />;
}

export function Component() {
  return (
    <RequireRole role="manager">
      <Words />
    </RequireRole>
  );
}
