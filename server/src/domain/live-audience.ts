// Who may receive an event of the live inbox: checked for each event and each stream, so that the
// stream never shows more than the API would. Every agent sees every message today; when teams
// restrict what an agent sees, the rule goes here (with the facts it needs in the event).
import type { Role } from '@ecoute/shared/agent-contract';

export interface LiveViewer {
  id: string;
  role: Role;
}

/** An event about a message (a stored change, or a transient one such as presence), or about none. */
export interface LiveSubject {
  messageId: string | null;
}

export function mayReceiveLiveEvent(_viewer: LiveViewer, _event: LiveSubject): boolean {
  return true;
}
