import type { AuthError } from './errors.ts';

/** Claims about the signed-in user: the id_token's claims, merged with userinfo when loaded. */
export interface UserProfile {
  /** Subject identifier; present under OpenID Connect. */
  readonly sub?: string;
  /** Full name (OpenID Connect standard claim). */
  readonly name?: string;
  /** E-mail address (OpenID Connect standard claim). */
  readonly email?: string;
  /** Any other claim the id_token or userinfo carried, unvalidated beyond JSON. */
  readonly [claim: string]: unknown;
}

/**
 * A signed-in session. Immutable: a refresh produces a new object.
 * @see RFC 6749 §5.1
 */
export interface User {
  /** The bearer token for your API (RFC 6750). Read it with `getAccessToken()` to have it refreshed first. */
  readonly access_token: string;
  /** Token type as the server sent it; always Bearer (any case). */
  readonly token_type: string;
  /** Present when the server issued one (ask for `offline_access`); rotated ones replace it. */
  readonly refresh_token?: string;
  /** The raw id_token under OpenID Connect; its checked claims are in `profile`. */
  readonly id_token?: string;
  /** Granted scope (the requested scope when the server did not echo one). */
  readonly scope: string;
  /** When the access token expires, in epoch seconds. */
  readonly expires_at: number;
  /**
   * The claims. A refresh in this client that brings no new claims (no id_token) keeps the same
   * `profile` object, so `a.profile === b.profile` tells a renewal of the session apart from
   * another user even without `sub`.
   */
  readonly profile: UserProfile;
}

/**
 * Where the client is in its life cycle.
 * - `signedOut`: no session.
 * - `signingIn`: a password grant is in flight and no user is signed in (a sign-in while signed in
 *   keeps `signedIn` until it succeeds or fails).
 * - `signedIn`: a session is present.
 * - `refreshing`: a session is present and a refresh grant is in flight.
 */
export type AuthStatus = 'signedOut' | 'signingIn' | 'signedIn' | 'refreshing';

/**
 * The client's state: an immutable snapshot, replaced only when something changed.
 * Nothing in it depends on the clock at read time.
 */
export type AuthState =
  | { readonly status: 'signedOut' | 'signingIn'; readonly user: null; readonly error: AuthError | null }
  | { readonly status: 'signedIn' | 'refreshing'; readonly user: User; readonly error: AuthError | null };

/** The subset of the Web Storage API the client needs. Values are strings. */
export interface StorageLike {
  /** The stored string, or null when there is none. */
  getItem(key: string): string | null;
  /** Stores `value`; may throw (quota, blocked storage): the client then keeps the session in memory. */
  setItem(key: string, value: string): void;
  /** Removes the value, if any. */
  removeItem(key: string): void;
}

/** Endpoints of the provider. With `authority`, they come from discovery. */
export interface ProviderMetadata {
  /** Issuer identifier; with discovery it must equal `authority` (one trailing slash ignored). */
  readonly issuer: string;
  /** Where the password and refresh grants are sent (RFC 6749 §3.2). */
  readonly token_endpoint: string;
  /** OpenID Connect userinfo, used when `loadUserInfo` is set. */
  readonly userinfo_endpoint?: string;
  /** RFC 7009 revocation, used by `signout()`. Without it sign-out only forgets the tokens. */
  readonly revocation_endpoint?: string;
  /** The grants the server announces (informational). */
  readonly grant_types_supported?: readonly string[];
  /** Any other metadata field, unvalidated. */
  readonly [key: string]: unknown;
}

/** Timer functions, injectable for tests. */
export interface Timers {
  /** Like the global `setTimeout`; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Like the global `clearTimeout`. */
  clearTimeout(handle: unknown): void;
}

/** Settings of {@link createAuthClient}. Names follow oidc-client-ts where they exist. */
export interface AuthClientSettings {
  /** Issuer URL; discovery at `${authority}/.well-known/openid-configuration`. Give this or `metadata`. */
  authority?: string;
  /** Endpoints for servers without discovery (skips the discovery request). */
  metadata?: ProviderMetadata;
  /** The client registered at the provider (required). */
  client_id: string;
  /** For confidential clients. Avoid in browser code: anything shipped to a browser is public. */
  client_secret?: string;
  /** How the secret is sent; `client_secret_basic` (default) or `client_secret_post`. */
  client_authentication?: 'client_secret_basic' | 'client_secret_post';
  /** Default `openid profile offline_access`. */
  scope?: string;
  /** Default `'memory'`. `'session'` and `'local'` use Web Storage; or give your own. */
  storage?: 'memory' | 'session' | 'local' | StorageLike;
  /** Storage key; default `ropc-kit:${client_id}`. */
  storageKey?: string;
  /** Fetch userinfo after sign-in and merge it into `profile`. Default false. */
  loadUserInfo?: boolean;
  /** Refresh this many seconds before the access token expires. Default 60. */
  refreshMargin?: number;
  /**
   * Seconds: the access token lifetime your provider documents, assumed when a token response has
   * no `expires_in` (RFC 6749 §5.1 makes it RECOMMENDED). Without it, such a response is refused
   * with `invalid_response`, since renewal cannot be scheduled. Default: none.
   */
  defaultExpiresIn?: number;
  /** Refresh in the background while the client has subscribers. Default true. */
  automaticRefresh?: boolean;
  /** Extra form parameters sent with every token request. */
  extraTokenParams?: Record<string, string>;
  /** Milliseconds before a request fails with `timeout`. Default 10000. */
  timeout?: number;
  /** Seconds of clock skew allowed when checking id_token `exp`/`iat`. Default 300. */
  clockSkew?: number;
  /** Allow plain `http:` endpoints (and `client.fetch` targets) that are not loopback. Default false. */
  allowInsecureRequests?: boolean;
  /**
   * Origins `client.fetch` may send the access token to, e.g. `['https://api.example.com']`.
   * Default: the page's own origin (`location.origin`) where there is one, else none. A request
   * to any other origin rejects with `AuthError` code `origin_not_allowed` and is not sent.
   */
  apiOrigins?: readonly string[];
  /** Injectable fetch; default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Injectable clock in milliseconds; default `Date.now`. */
  now?: () => number;
  /** Injectable timers; default the global ones. */
  timers?: Timers;
  /** Web Locks for cross-tab refresh; default `navigator.locks` where present, `null` to disable. */
  locks?: LockManager | null;
}

/** Arguments of {@link AuthClient.signinResourceOwnerCredentials}. Extra string fields are sent as form parameters. */
export interface SigninArgs {
  /** Must not be empty (`invalid_request` before any request). */
  username: string;
  /** Sent in one POST body and dropped: never stored, logged or kept on an error. Must not be empty. */
  password: string;
  /** Overrides the settings' scope for this request. */
  scope?: string;
  /** Aborts the sign-in; it then rejects with `aborted`. */
  signal?: AbortSignal;
  /** Extra form parameters for this request (strings only), e.g. `acr_values`. */
  [param: string]: string | AbortSignal | undefined;
}

/** The token client. Create it with {@link createAuthClient}. */
export interface AuthClient {
  /**
   * Signs in with the password grant (RFC 6749 §4.3). The password is used for this one request and
   * dropped. While a user is signed in, the state is unchanged until this succeeds (the user is
   * replaced) or fails (the user is kept, `error` set).
   */
  signinResourceOwnerCredentials(args: SigninArgs): Promise<User>;
  /** The current user, or null. Synchronous. */
  getUser(): User | null;
  /** The current immutable state. For `useSyncExternalStore`. */
  getSnapshot(): AuthState;
  /** The state rendered on the server: always signed out. */
  getServerSnapshot(): AuthState;
  /** Calls `listener` after every state change. Background renewal and cross-tab sync run while there are subscribers. */
  subscribe(listener: () => void): () => void;
  /** Refresh-token grant (RFC 6749 §6). Concurrent calls share one request. */
  refresh(): Promise<User>;
  /**
   * A valid access token, refreshing first when it expires within the margin. After a failed
   * refresh that kept the user, the still-valid token is returned without a request until the
   * back-off ends.
   */
  getAccessToken(): Promise<string>;
  /**
   * `fetch` with `Authorization: Bearer`, only to the `apiOrigins` (`origin_not_allowed` otherwise) and
   * never over plain http to a host that is not loopback (`insecure_endpoint`, unless
   * `allowInsecureRequests`). On a 401 whose `WWW-Authenticate` is absent or says
   * `error="invalid_token"` it refreshes once and retries once; any other 401 (e.g.
   * `insufficient_scope`), a 403 and a second 401 are returned as the Response for the caller to
   * handle. A failed refresh rejects with its AuthError.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * Clears the session at once, then revokes the tokens (RFC 7009) where a revocation endpoint is
   * known, and those a refresh in flight obtains (it is awaited). The session is cleared even if
   * revocation fails, and the promise resolves: a revocation failure is reported in the signed-out
   * state's `error` as an `AuthError` with code `revocation_failed` (test it with
   * `isAuthError(error, 'revocation_failed')`), the first failure as `cause` (with its own code,
   * e.g. `temporarily_unavailable`, `network_error`), and its `status`, `error_description`,
   * `error_uri` and `retryAfter` copied. Its message in development is "sign-out: the session was
   * cleared but the tokens could not be revoked: <the cause's message>"; production builds shorten
   * it to "sign-out: <the cause's message>".
   * @see RFC 7009 §2.1, §2.2.1
   */
  signout(): Promise<void>;
  /** Fetches (once) and returns the provider metadata. */
  getMetadata(): Promise<ProviderMetadata>;
  /**
   * Stops timers and listeners. The client is unusable afterwards: its methods reject with a
   * TypeError. A sign-in or refresh in flight rejects with `aborted` when it lands; nothing is
   * persisted after destroy.
   */
  destroy(): void;
}
