import { QueryClient, type QueryClientConfig } from '@tanstack/react-query';
import { isAuthError } from '@ropc-kit/core';

/**
 * A non-2xx response of an authenticated request, thrown by {@link readJson}.
 * A 401 here means the API still refused the token after one refresh and one retry.
 */
export class HttpError extends Error {
  /** HTTP status of the response. */
  readonly status: number;
  /** URL of the response. */
  readonly url: string;

  constructor(response: Response) {
    super(`HTTP ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`} from ${response.url || 'the API'}`);
    // Not new.target.name alone: minifiers rename classes. A subclass keeps its own name.
    this.name = new.target === HttpError ? 'HttpError' : new.target.name;
    this.status = response.status;
    this.url = response.url;
  }
}

/** AuthError codes that are worth retrying: the request did not complete or the server was briefly down. */
const TRANSIENT_AUTH_CODES = ['network_error', 'timeout', 'server_error', 'temporarily_unavailable'];
const MAX_RETRIES = 3;

/**
 * TanStack Query `retry` function for authenticated queries: retries transient failures
 * up to 3 times and never an `AuthError` that ends or lacks a session (`invalid_grant`,
 * `no_session`, a misconfigured client, ...) nor an HTTP 4xx other than 408 and 429 —
 * a second 401 after a refresh is final.
 *
 * @example new QueryClient({ defaultOptions: { queries: { retry: authRetry } } })
 */
export function authRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (isAuthError(error)) return TRANSIENT_AUTH_CODES.includes(error.code);
  if (error instanceof HttpError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return true;
}

/**
 * A `QueryClient` with {@link authRetry} as the default query retry. `AuthProvider`
 * creates one when the app has no `QueryClientProvider`; use it for your own too.
 */
export function createAuthQueryClient(config: QueryClientConfig = {}): QueryClient {
  const { defaultOptions = {} } = config;
  return new QueryClient({
    ...config,
    defaultOptions: { ...defaultOptions, queries: { retry: authRetry, ...defaultOptions.queries } },
  });
}

/**
 * Reads a response body as JSON, throwing an {@link HttpError} for a non-2xx status.
 * Returns `unknown`: validate it (or pass it to your schema) before trusting its shape.
 */
export async function readJson(response: Response): Promise<unknown> {
  if (!response.ok) throw new HttpError(response);
  const value: unknown = await response.json();
  return value;
}
