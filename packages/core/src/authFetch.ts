import { AuthError } from './errors.ts';
import { DEV } from '#dev';
import type { User } from './types.ts';
import { endpointProblem } from './internal/url.ts';

/** What {@link createAuthFetch} needs from the client. */
export interface AuthFetchDeps {
  readonly fetch: typeof globalThis.fetch;
  readonly getAccessToken: () => Promise<string>;
  readonly currentUser: () => User | null;
  readonly refresh: () => Promise<User>;
  /** Origins the token may be sent to; undefined: the page's own origin, read at call time. */
  readonly apiOrigins: readonly string[] | undefined;
  readonly allowInsecureRequests: boolean;
}

/** The page's location, where there is one (a browser or a worker). */
function pageLocation(): { readonly href: string; readonly origin: string } | undefined {
  const location: unknown = globalThis.location;
  if (typeof location !== 'object' || location === null || !('href' in location) || !('origin' in location)) return undefined;
  const { href, origin } = location;
  return typeof href === 'string' && typeof origin === 'string' ? { href, origin } : undefined;
}

/** The absolute URL `input` requests, resolved against the page like `fetch` does. */
function targetUrl(input: RequestInfo | URL, page: { readonly href: string } | undefined): URL {
  const raw = input instanceof URL ? input.href : typeof input === 'string' ? input : input.url;
  try {
    return new URL(raw, page?.href);
  } catch {
    throw new TypeError(DEV ? `client.fetch: cannot resolve "${raw}" to an absolute URL; pass an absolute URL outside a page` : `client.fetch: ${raw}`);
  }
}

/**
 * Throws unless the access token may be sent to `input`: its origin must be one of
 * `apiOrigins` (`AuthError('origin_not_allowed')`), and plain http only on loopback or with
 * `allowInsecureRequests` (`AuthError('insecure_endpoint')`). AuthErrors, not TypeErrors, so
 * that retry policies (`authRetry`) can tell them from a fetch network failure, a TypeError.
 * @see RFC 6750 §5.3 (do not send bearer tokens to untrusted parties, always over TLS)
 */
function assertTokenTarget(input: RequestInfo | URL, deps: AuthFetchDeps): void {
  const page = pageLocation();
  const url = targetUrl(input, page);
  const allowed = deps.apiOrigins ?? (page === undefined || page.origin === 'null' ? [] : [page.origin]);
  if (!allowed.includes(url.origin)) {
    const message = DEV
      ? `client.fetch: ${url.origin} is not in apiOrigins; add it to the apiOrigins setting to send the access token there`
      : `client.fetch: ${url.origin}`;
    throw new AuthError('origin_not_allowed', message);
  }
  const problem = endpointProblem(url.href, deps.allowInsecureRequests);
  if (problem !== null) throw new AuthError('insecure_endpoint', `client.fetch: ${problem}`);
}

/**
 * True when a 401 says the access token itself was refused, so a refresh may help: no
 * `WWW-Authenticate` (or one a CORS policy hides), or a Bearer challenge with
 * `error="invalid_token"`. Any other challenge (`insufficient_scope`, another scheme, a
 * Bearer challenge without an error) is not about an expired token.
 * @see RFC 6750 §3.1
 */
function invalidTokenChallenge(response: Response): boolean {
  const challenge = response.headers.get('www-authenticate');
  if (challenge === null) return true;
  return /\bbearer\b/i.test(challenge) && /\berror\s*=\s*"?invalid_token\b/i.test(challenge);
}

/**
 * A `fetch` that sends `Authorization: Bearer <access token>` to the allowed API origins.
 * On a 401 that refuses the token (see {@link invalidTokenChallenge}) it refreshes once (or
 * uses a token another caller refreshed meanwhile) and retries once; a second 401 is returned
 * as the Response, for the caller to handle. A request body that is a stream cannot be sent
 * twice: pass a string, Blob, FormData or URLSearchParams.
 * @see RFC 6750 §2.1, §3.1
 */
export function createAuthFetch(deps: AuthFetchDeps): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  return async (input, init = {}) => {
    assertTokenTarget(input, deps);
    const isRequest = typeof Request !== 'undefined' && input instanceof Request;
    const retryInput = isRequest ? input.clone() : input;
    const send = (target: RequestInfo | URL, token: string): Promise<Response> => {
      const headers = new Headers(init.headers ?? (target instanceof Request ? target.headers : undefined));
      headers.set('authorization', `Bearer ${token}`);
      return deps.fetch(target, { ...init, headers });
    };
    const token = await deps.getAccessToken();
    const first = await send(input, token);
    if (first.status !== 401 || !invalidTokenChallenge(first) || deps.currentUser()?.refresh_token === undefined) return first;
    const current = deps.currentUser();
    const fresh = current !== null && current.access_token !== token ? current.access_token : (await deps.refresh()).access_token;
    await first.body?.cancel().catch(() => {});
    return send(retryInput, fresh);
  };
}
