// What this tab keeps across a reload, a navigation and a session that ends: who was signed in, and
// the drafts they were writing. sessionStorage, not localStorage: it is what this tab needs and
// nothing more, so two tabs never overwrite each other's draft, and the customers' words do not
// stay on a shared computer once the tab is closed. Storage may be full or disabled: then nothing
// is kept, and nothing breaks.

const SIGNED_IN = 'ecoute.signedIn';
const DRAFTS = 'ecoute.draft:';

function storage(): Storage | null {
  try {
    return window.sessionStorage; // the getter itself throws where storage is disabled
  } catch {
    return null;
  }
}

function read(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  } catch {
    // Quota exceeded or storage refused: this change is not kept.
  }
}

/** Remembered while a session is in this tab; forgotten only by signing out. */
export const rememberSignedIn = (userId: string) => write(SIGNED_IN, userId);

/** Someone was signed in in this tab and did not sign out: their session ended (expired, revoked). */
export const sessionEndedInThisTab = () => read(SIGNED_IN) !== null;

/** Signing out: this tab forgets who was signed in and every draft written in it. */
export function forgetSignedIn(): void {
  write(SIGNED_IN, null);
  const store = storage();
  if (!store) return;
  try {
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i));
    for (const key of keys) if (key?.startsWith(DRAFTS)) store.removeItem(key);
  } catch {
    // Nothing more to do where storage refuses.
  }
}

// Drafts are keyed by user, so that whoever signs in next in this tab never sees another's words.
const draftKey = (userId: string, key: string) => `${DRAFTS}${userId}:${key}`;

/** The draft as it was kept (parsed JSON), or undefined when there is none or it cannot be read. */
export function readDraft(userId: string, key: string): unknown {
  const text = read(draftKey(userId, key));
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Keeps a draft, or forgets it when `value` is null. */
export const writeDraft = (userId: string, key: string, value: unknown) =>
  write(draftKey(userId, key), value === null ? null : JSON.stringify(value));
