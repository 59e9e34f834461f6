// What the customer typed, kept in localStorage so that nothing is lost: the draft while typing,
// and the message with its idempotency key from the moment it is sent until the server has it.
// The message is also kept in memory, so it is still retried when storage is refused or full.
export interface Payload {
  body: string;
  name?: string;
  email?: string;
  locale: string;
  pageUrl?: string;
  website?: string;
  fillMs?: number;
}

export interface Pending {
  key: string;
  payload: Payload;
}

export interface Draft {
  body: string;
  name: string;
  email: string;
}

/**
 * One slot per Ecoute server and form, so two widgets never mix their messages, and a message is
 * always sent to the form it was written for.
 */
export class SavedMessage {
  #prefix: string;
  #pending: Pending | undefined;
  /** Whether the pending message is on this device, to come back after a reload. */
  stored = true;

  constructor(
    readonly endpoint: string,
    readonly form: string,
  ) {
    this.#prefix = `ecoute:${endpoint}:${form}:`;
    this.#pending = this.#read('pending');
  }

  get pending(): Pending | undefined {
    return this.#pending;
  }
  set pending(value: Pending | undefined) {
    this.#pending = value;
    this.stored = this.#write('pending', value);
  }
  get draft(): Draft | undefined {
    return this.#read('draft');
  }
  set draft(value: Draft | undefined) {
    this.#write('draft', value);
  }

  #read<T>(slot: string): T | undefined {
    try {
      return JSON.parse(localStorage.getItem(this.#prefix + slot) ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** False when storage is full or refused (sandboxed frame, private mode). */
  #write(slot: string, value: unknown): boolean {
    try {
      if (value === undefined) localStorage.removeItem(this.#prefix + slot);
      else localStorage.setItem(this.#prefix + slot, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }
}

/** 128 random bits; crypto.randomUUID is missing on plain-http pages, getRandomValues is not. */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
