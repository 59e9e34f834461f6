// A call that must succeed: for tests that set up through the API and read what it answers.
import { expect } from 'vitest';
import type { AgentClient } from './agent.ts';

/**
 * `ok(method, path, body?, as?)`: the response's JSON, after checking its status is 2xx (the failure
 * says which call and what it answered). `as` defaults to the agent `defaultAgent` gives at call time
 * (usually one signed in by a `beforeAll`).
 */
export const succeeds =
  (defaultAgent: () => AgentClient) =>
  async (method: string, path: string, body?: unknown, as: AgentClient = defaultAgent()) => {
    const response = await as.request(method, path, body);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.json)}`).toBeLessThan(300);
    return response.json;
  };
