// The addresses Ecoute gives out at its reply domain: `reply+<token>@` on a message's emails,
// `bounce+<token>@` as each email's envelope sender. Pure: what a recipient says, nothing looked up.

export type AddressPurpose = 'reply' | 'bounce';

const TAGGED = /^(reply|bounce)\+([A-Za-z0-9_-]+)@(.+)$/i;

/** The bare address, lower-cased domain, without angle brackets or spaces; undefined when it is none. */
export function normalizeAddress(address: string): string | undefined {
  const bare = address.trim().replace(/^<|>$/g, '');
  const at = bare.lastIndexOf('@');
  if (at <= 0 || at === bare.length - 1 || /\s/.test(bare)) return undefined;
  return `${bare.slice(0, at)}@${bare.slice(at + 1).toLowerCase()}`;
}

/**
 * The token of `purpose+<token>@<domain>`, lower-cased (tokens are lower-case hex, and a mail system on
 * the way may have changed the case); undefined for any other address.
 */
export function addressToken(address: string, purpose: AddressPurpose, domain: string): string | undefined {
  const match = TAGGED.exec(normalizeAddress(address) ?? '');
  if (!match || match[1]!.toLowerCase() !== purpose || match[3] !== domain.toLowerCase()) return undefined;
  return match[2]!.toLowerCase();
}

/** Whether mail to this address is ours to take: any address at the reply domain, or the inbox address. */
export function isInboundAddress(address: string, domain: string, inboxAddress: string | undefined): boolean {
  const normal = normalizeAddress(address);
  if (!normal) return false;
  if (inboxAddress && normal.toLowerCase() === normalizeAddress(inboxAddress)?.toLowerCase()) return true;
  return normal.slice(normal.lastIndexOf('@') + 1) === domain.toLowerCase();
}
