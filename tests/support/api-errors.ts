// The one error shape every API error has: { error: { code, message, fields? } }, nothing else.
import { expect } from 'vitest';
import type { AgentResponse } from './agent.ts';

export function expectApiError(response: AgentResponse, status: number, code?: string): void {
  expect({ status: response.status, body: response.json }).toMatchObject({ status });
  expect(Object.keys(response.json ?? {})).toEqual(['error']);
  const { error } = response.json;
  expect(Object.keys(error).every((key) => ['code', 'message', 'fields'].includes(key))).toBe(true);
  expect(error.code).toEqual(code ?? expect.stringMatching(/^[a-z_]+$/));
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.message).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  if ('fields' in error) {
    expect(Object.values(error.fields).every((problem) => typeof problem === 'string')).toBe(true);
  }
}
