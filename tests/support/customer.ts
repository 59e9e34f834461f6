// A customer talking to a running Ecoute: writing through the demo form, reading the tracking page,
// and writing again. The agent suites use it to make the messages they work on.
import { call, type AgentResponse } from './agent.ts';
import { postJson, tokenOf } from './http.ts';

export interface WrittenMessage {
  id: string;
  reference: string;
  token: string;
}

export interface CustomerSubmission {
  body: string;
  name?: string;
  email?: string;
  locale?: 'fr' | 'en';
  /** The honeypot: only bots fill it. */
  website?: string;
  /** How long the form took to fill: too fast, a bot. */
  fillMs?: number;
}

export async function writeMessage(url: string, submission: CustomerSubmission): Promise<WrittenMessage> {
  const sent = await postJson(`${url}/api/v1/forms/demo/messages`, submission);
  if (sent.status !== 201) throw new Error(`submission failed: ${sent.status} ${sent.text}`);
  return { id: sent.json.id, reference: sent.json.reference, token: tokenOf(sent.json.trackingUrl) };
}

/** The tracking JSON, as the customer reads it. */
export async function trackingOf(url: string, token: string): Promise<any> {
  const response = await call(url, 'GET', `/api/v1/tracking/${token}`);
  if (response.status !== 200) throw new Error(`tracking failed: ${response.status}`);
  return response.json;
}

/** The tracking page's HTML. */
export async function trackingPageOf(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/t/${token}`);
  if (response.status !== 200) throw new Error(`tracking page failed: ${response.status}`);
  return response.text();
}

export function writeAgain(url: string, token: string, body: string): Promise<AgentResponse> {
  return call(url, 'POST', `/api/v1/tracking/${token}/messages`, { body });
}
