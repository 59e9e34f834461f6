// The contract's plain values for the SPA. They come from agent-values, not agent-contract, which
// would also ship the TypeBox schemas (about 20 KB gzipped) for a handful of constants.
import { TAG_PATTERN as TAG_SOURCE } from '@ecoute/shared/agent-values';

export {
  AGENT_LIMITS as LIMITS,
  MESSAGE_VIEWS as VIEWS,
  OUTBOX_VIEWS,
  ROLES,
  hasRole,
  normalizeTag,
} from '@ecoute/shared/agent-values';

/** The pattern the server checks tags against (TagsInputSchema). */
export const TAG_PATTERN = new RegExp(TAG_SOURCE, 'u');
