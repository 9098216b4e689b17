import type { User } from './types.ts';

/** What {@link createAuthFetch} needs from the client. */
export interface AuthFetchDeps {
  readonly fetch: typeof globalThis.fetch;
  readonly getAccessToken: () => Promise<string>;
  readonly currentUser: () => User | null;
  readonly refresh: () => Promise<User>;
}

/**
 * A `fetch` that sends `Authorization: Bearer <access token>`. On a 401 it refreshes once
 * (or uses a token another caller refreshed meanwhile) and retries once; a second 401 is
 * returned as the Response, for the caller to handle. A request body that is a stream
 * cannot be sent twice: pass a string, Blob, FormData or URLSearchParams.
 * @see RFC 6750 §2.1, §3.1
 */
export function createAuthFetch(deps: AuthFetchDeps): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  return async (input, init = {}) => {
    const isRequest = typeof Request !== 'undefined' && input instanceof Request;
    const retryInput = isRequest ? input.clone() : input;
    const send = (target: RequestInfo | URL, token: string): Promise<Response> => {
      const headers = new Headers(init.headers ?? (target instanceof Request ? target.headers : undefined));
      headers.set('authorization', `Bearer ${token}`);
      return deps.fetch(target, { ...init, headers });
    };
    const token = await deps.getAccessToken();
    const first = await send(input, token);
    if (first.status !== 401 || deps.currentUser()?.refresh_token === undefined) return first;
    const current = deps.currentUser();
    const fresh = current !== null && current.access_token !== token ? current.access_token : (await deps.refresh()).access_token;
    await first.body?.cancel().catch(() => {});
    return send(retryInput, fresh);
  };
}
