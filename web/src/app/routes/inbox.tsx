// /inbox/:view: one of the inbox's views, each row with the colleagues on its message; an unknown view
// goes to the unanswered one.
import { Navigate, useParams } from 'react-router';
import type { MessageView } from '@ecoute/shared/agent-contract';
import { useFormRefs } from '../../features/forms/api/get-forms.ts';
import { Inbox } from '../../features/inbox/components/inbox.tsx';
import { usePresence } from '../../features/presence/api/presence.ts';
import { PresenceList } from '../../features/presence/components/presence-list.tsx';
import { useTeams } from '../../features/teams/api/get-teams.ts';
import { useTeammates } from '../../features/users/api/get-users.ts';
import { VIEWS } from '../../lib/contract-values.ts';

const isView = (value: string | undefined): value is MessageView => VIEWS.some((view) => view === value);

export function InboxRoute() {
  const { view } = useParams();
  const presence = usePresence();
  const teams = useTeams();
  const users = useTeammates();
  const forms = useFormRefs();
  if (!isView(view)) return <Navigate to="/inbox/unanswered" replace />;
  return (
    <Inbox
      view={view}
      teams={teams.data ?? []}
      users={users.data ?? []}
      forms={forms.data ?? []}
      presenceOf={(messageId) => <PresenceList people={presence.filter((item) => item.messageId === messageId)} />}
    />
  );
}
