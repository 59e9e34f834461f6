// The one fetch client of the SPA: JSON in and out of /api/v1, the session cookie, the CSRF header
// on every request that changes something, and every failure turned into an ApiError.
import type { ReplyConflict } from '@ecoute/shared/agent-contract';
import type { ApiError as ApiErrorBody } from '@ecoute/shared/contract';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  /** A reply refused as `conversation_changed`: what happened since the agent last read the timeline. */
  readonly changes: ReplyConflict['error']['changes'];

  constructor(
    status: number,
    code: string,
    message: string,
    { fields, changes }: Pick<ReplyConflict['error'], 'changes'> & Pick<ApiErrorBody['error'], 'fields'> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.changes = changes;
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

// The token comes with the session (login, /auth/me), which lives in the query cache; requests
// need it synchronously, so the session code hands it over here.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Sent even when the page is being closed (saying that the agent left). */
  keepalive?: boolean;
}

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const { error } = (await response.json()) as ApiErrorBody | ReplyConflict;
    return new ApiError(response.status, error.code, error.message, error);
  } catch {
    // A proxy or a crash may answer with something that is not our JSON error.
    return new ApiError(response.status, `http_${response.status}`, response.statusText || 'Request failed');
  }
}

export async function apiRequest<T>(
  path: string,
  { method = 'GET', body, query, signal, keepalive, headers: extra }: RequestOptions = {},
) {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
      keepalive,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, options),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    apiRequest<T>(path, { method: 'POST', body, headers }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string, options?: Pick<RequestOptions, 'keepalive'>) =>
    apiRequest<T>(path, { method: 'DELETE', ...options }),
};
