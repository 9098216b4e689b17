import { AuthError } from './errors.ts';
import { DEV } from '#dev';
import type { AuthClient, AuthClientSettings, AuthState, ProviderMetadata, SigninArgs, User } from './types.ts';
import { resolveSettings } from './settings.ts';
import { reduce, sameState, SIGNED_OUT, type Action } from './state.ts';
import { createSessionStore, sameTokens } from './session.ts';
import { createRenewal } from './renewal.ts';
import { listenToStorageEvents, runExclusive } from './crossTab.ts';
import { createUser, missingUserinfo } from './user.ts';
import { createMetadataLoader } from './protocol/discovery.ts';
import { passwordGrantRequest } from './protocol/passwordGrant.ts';
import { refreshGrantRequest } from './protocol/refreshGrant.ts';
import { processTokenResponse } from './protocol/tokenRequest.ts';
import { createDroppedTokens, revocationError, revokeTokens, type RevocableTokens } from './protocol/revocation.ts';
import { abortable, isDefinitiveRefreshError, readSigninArgs, toAuthError, withholdSecret } from './clientHelpers.ts';
import { createAuthFetch } from './authFetch.ts';

/**
 * Creates the token client: a store (`subscribe`/`getSnapshot`) over the password grant,
 * refresh, revocation and storage. The session is restored synchronously from storage.
 * Caller mistakes in `settings` throw a `TypeError` here.
 * @see RFC 6749 §4.3 (password grant), §6 (refresh); RFC 7009 (revocation)
 */
export function createAuthClient(settings: AuthClientSettings): AuthClient {
  const config = resolveSettings(settings);
  const { http, storage, storageKey, client_id } = config;
  /** Only localStorage is shared between tabs: cross-tab sync and locks apply to it. */
  const shared = config.storageKind === 'local';
  const listeners = new Set<() => void>();
  const getMetadata = createMetadataLoader(http, config);
  let state: AuthState = SIGNED_OUT;
  /** Bumped whenever the session is replaced; late results of older operations are dropped. */
  let generation = 0;
  /** Bumped by every sign-in start, sign-out and destroy: a sign-in that is no longer the latest is dropped. */
  let signinSeq = 0;
  /**
   * While `signingIn` (a sign-in without a signed-in user): the state a failure returns to,
   * kept up to date with what other tabs write meanwhile.
   */
  let signinPrevious: AuthState | null = null;
  let refreshPromise: Promise<User> | null = null;
  let stopStorageEvents: (() => void) | null = null;
  let destroyed = false;
  /** When each user's tokens were obtained (or adopted), in ms. Not in the snapshot: it is timing bookkeeping. */
  const obtainedAt = new WeakMap<User, number>();

  /**
   * When `user` is due for renewal: `refreshMargin` before expiry, but never before half the
   * token's lifetime, so a margin longer than the lifetime cannot cause a refresh loop.
   */
  function renewAt(user: User): number {
    const expiresAt = user.expires_at * 1000;
    const obtained = obtainedAt.get(user);
    const margin = config.refreshMargin * 1000;
    return expiresAt - (obtained === undefined ? margin : Math.min(margin, (expiresAt - obtained) / 2));
  }

  /** Starts a new session generation: results of operations started before are dropped. */
  function newGeneration({ revokeInFlight = false } = {}): number {
    if (revokeInFlight && refreshPromise !== null) revokeWhenDropped.add(generation);
    generation += 1;
    refreshPromise = null;
    return generation;
  }

  /** Generations whose refresh in flight was dropped on purpose: its tokens are revoked when they land. */
  const revokeWhenDropped = new Set<number>();
  const dropped = createDroppedTokens(http, config.client, getMetadata);
  const revokeDropped = (tokens: RevocableTokens): void => dropped.revoke(tokens);

  const renewal = createRenewal({
    timers: http.timers,
    now: http.now,
    renewAt,
    automaticRefresh: config.automaticRefresh,
    getUser: () => state.user,
    isRefreshing: () => refreshPromise !== null,
    refresh: () => void refresh().catch(() => {}), // The failure is in the state.
    expire: (user) => {
      if (state.user === user) endSession(user, state.error);
    },
  });

  const session = createSessionStore(storage, storageKey, client_id, shared);
  const persist = (user: User | null, ended?: User): void => session.write(user, ended);
  const readShared = (): User | null | undefined => session.readShared();

  /** The one place state changes. Persists what the action asks, then notifies if the snapshot changed. */
  function dispatch(action: Action): void {
    if (destroyed) return; // Nothing persists or changes after destroy.
    const next = reduce(state, action);
    if (action.type === 'signinSuccess' || action.type === 'refreshSuccess') persist(action.user);
    if (action.type === 'signedOut') persist(null);
    if (action.type === 'adopted') session.adopted();
    if (action.type === 'signinSuccess' || action.type === 'refreshSuccess' || action.type === 'adopted') {
      renewal.reset(action.user);
      if (action.user !== null && !obtainedAt.has(action.user)) obtainedAt.set(action.user, http.now());
    }
    if (sameState(state, next)) return;
    state = next;
    renewal.reschedule();
    for (const listener of [...listeners]) listener();
  }

  function endSession(user: User, error: AuthError | null): void {
    newGeneration();
    dispatch({ type: 'sessionEnded', error });
    persist(null, user);
  }

  // Synchronous restore. An expired session without a refresh token cannot be used: drop it.
  const restored = session.restore();
  if (restored !== null) {
    if (restored.refresh_token === undefined && restored.expires_at * 1000 <= http.now()) persist(null, restored);
    else state = reduce(state, { type: 'adopted', user: restored });
  }

  function assertAlive(method: string): void {
    if (destroyed) throw new TypeError(DEV ? `${method}: this client was destroyed; create a new one` : `${method}: destroyed`);
  }

  /**
   * The password grant. With a user signed in, the state does not change until the new
   * sign-in succeeds (the user is replaced) or fails (the user is kept, with the error), so
   * the signed-in UI stays and a refresh in flight still lands; `signingIn` is used only
   * when no user is signed in.
   */
  async function signinResourceOwnerCredentials(args: SigninArgs): Promise<User> {
    assertAlive('signinResourceOwnerCredentials');
    const { username, password, scope, signal, extra } = readSigninArgs(args);
    if (username === '' || password === '') {
      const field = username === '' ? 'username' : 'password';
      const error = new AuthError('invalid_request', `signinResourceOwnerCredentials: ${field}${DEV ? ' is required' : ''}`);
      // A sign-in already in flight keeps its state; otherwise the error shows like any failure.
      if (state.status !== 'signingIn') dispatch({ type: 'signinFailure', previous: state, error });
      throw error;
    }
    const mine = (signinSeq += 1);
    if (state.user === null && state.status !== 'signingIn') {
      signinPrevious = state;
      dispatch({ type: 'signinStart' });
    }
    try {
      const metadata = await abortable(getMetadata(), signal, 'discovery');
      if (config.loadUserInfo && metadata.userinfo_endpoint === undefined) throw missingUserinfo(); // before sending the password
      const requestedScope = scope ?? config.scope;
      const result = await passwordGrantRequest(
        http,
        metadata.token_endpoint,
        config.client,
        { username, password, scope: requestedScope, extra },
        config.extraTokenParams,
        signal,
      );
      const tokens = processTokenResponse(http, result, config.defaultExpiresIn);
      const user = await createUser(tokens, { ...userOptions(metadata, requestedScope), loadUserInfo: config.loadUserInfo, signal }).catch(
        (error: unknown) => {
          revokeDropped(tokens);
          throw error;
        },
      );
      if (destroyed || mine !== signinSeq) {
        revokeDropped(user);
        const why = DEV ? `: ${destroyed ? 'the client was destroyed' : 'superseded by a later sign-in or sign-out'}` : destroyed ? ': destroyed' : ': superseded';
        throw new AuthError('aborted', `signinResourceOwnerCredentials${why}`);
      }
      newGeneration({ revokeInFlight: true }); // A refresh of the previous user still in flight is dropped.
      signinPrevious = null;
      dispatch({ type: 'signinSuccess', user });
      return user;
    } catch (cause) {
      const error = withholdSecret(toAuthError(cause, 'sign-in'), password);
      if (mine === signinSeq) {
        const back = state.status === 'signingIn' ? (signinPrevious ?? SIGNED_OUT) : state;
        signinPrevious = null;
        dispatch({ type: 'signinFailure', previous: back, error });
      }
      throw error;
    }
  }

  function userOptions(metadata: ProviderMetadata, requestedScope: string) {
    return { http, metadata, client_id, clockSkew: config.clockSkew, requestedScope };
  }

  async function runRefresh(user: User, mine: number): Promise<User> {
    try {
      // Web Locks around refresh when the session is shared between tabs.
      return await runExclusive(shared ? config.locks : null, `ropc-kit:refresh:${storageKey}`, async () => {
        let base = user;
        // Another tab may have refreshed (or signed out) while we waited for the lock.
        const stored = readShared();
        if (stored !== undefined) {
          if (stored === null) return adoptInstead(null);
          if (stored.access_token !== user.access_token && stored.expires_at * 1000 > http.now()) {
            if (mine === generation) dispatch({ type: 'refreshSuccess', user: stored });
            return stored;
          }
          base = stored;
        }
        const metadata = await getMetadata();
        const result = await refreshGrantRequest(http, metadata.token_endpoint, config.client, base.refresh_token ?? '', config.extraTokenParams);
        const tokens = processTokenResponse(http, result, config.defaultExpiresIn);
        const next = await createUser(tokens, { ...userOptions(metadata, base.scope), loadUserInfo: false, previous: base }).catch(
          (error: unknown) => {
            revokeDropped(tokens); // The session ends on this error (invalid_id_token).
            throw error;
          },
        );
        if (destroyed) throw new AuthError('aborted', DEV ? 'refresh: the client was destroyed' : 'refresh: destroyed');
        if (mine !== generation) {
          if (revokeWhenDropped.delete(mine)) revokeDropped(next);
          throw new AuthError('no_session', DEV ? 'refresh: the session ended while refreshing' : 'refresh');
        }
        // Compare before write: sign-in and sign-out in other tabs take no lock, so one may have
        // replaced the session while our request was in flight. Theirs wins; ours is dropped.
        const latest = readShared();
        if (latest !== undefined && !sameTokens(latest, base)) {
          // Signed out elsewhere: our new tokens have no holder. Another stored session may be a
          // refresh of this same grant (without locks), so then ours are only dropped.
          if (latest === null) revokeDropped(next);
          return adoptInstead(latest);
        }
        dispatch({ type: 'refreshSuccess', user: next }); // Inside the lock: the next tab reads the new tokens.
        return next;
      });
    } catch (cause) {
      const error = toAuthError(cause, 'refresh');
      if (mine === generation) {
        const current = state.user ?? user;
        if (error.code === 'no_session' || isDefinitiveRefreshError(error) || current.expires_at * 1000 <= http.now()) {
          endSession(current, error);
        } else {
          renewal.failed(error);
          dispatch({ type: 'refreshFailure', error });
        }
      }
      throw error;
    }
  }

  /** A refresh found the session replaced in another tab: take over what is stored (or sign out). */
  function adoptInstead(stored: User | null): User {
    newGeneration();
    dispatch({ type: 'adopted', user: stored });
    if (stored === null) throw new AuthError('no_session', DEV ? 'refresh: the session was signed out in another tab' : 'refresh');
    return stored;
  }

  function refresh(): Promise<User> {
    if (destroyed) return Promise.reject(new TypeError(DEV ? 'refresh: this client was destroyed; create a new one' : 'refresh: destroyed'));
    if (refreshPromise !== null) return refreshPromise;
    const user = state.user;
    if (user === null) return Promise.reject(new AuthError('no_session', DEV ? 'refresh: no user is signed in' : 'refresh'));
    if (user.refresh_token === undefined) {
      return Promise.reject(new AuthError('no_session', DEV ? 'refresh: the session has no refresh token (ask for the offline_access scope)' : 'refresh'));
    }
    // `refreshing` first: runRefresh may settle synchronously (another tab already refreshed).
    dispatch({ type: 'refreshStart' });
    const pending = runRefresh(user, generation).finally(() => {
      if (refreshPromise === pending) refreshPromise = null;
    });
    refreshPromise = pending;
    return pending;
  }

  async function getAccessToken(): Promise<string> {
    assertAlive('getAccessToken');
    const user = state.user;
    if (user === null) throw new AuthError('no_session', DEV ? 'getAccessToken: no user is signed in' : 'getAccessToken');
    const expiresAt = user.expires_at * 1000;
    if (renewAt(user) > http.now() && refreshPromise === null) return user.access_token;
    // After a failed refresh, a still-valid token is used until the back-off ends (no request per call).
    if (refreshPromise === null && expiresAt > http.now() && renewal.retryAt() > http.now()) return user.access_token;
    if (user.refresh_token === undefined) {
      if (expiresAt > http.now()) return user.access_token;
      endSession(user, null);
      throw new AuthError('no_session', DEV ? 'getAccessToken: the access token has expired and there is no refresh token' : 'getAccessToken');
    }
    try {
      return (await refresh()).access_token;
    } catch (error) {
      // A failed refresh keeps a still-valid access token usable.
      const current = state.user;
      if (current !== null && current.expires_at * 1000 > http.now()) return current.access_token;
      throw error;
    }
  }

  async function signout(): Promise<void> {
    assertAlive('signout');
    const user = state.user;
    const inFlight = refreshPromise;
    signinSeq += 1; // A sign-in in flight is superseded (its tokens are revoked when they land).
    signinPrevious = null;
    const mine = newGeneration({ revokeInFlight: true });
    dispatch({ type: 'signedOut' });
    if (user === null) return;
    const failure = await getMetadata().then(
      ({ revocation_endpoint }) => (revocation_endpoint === undefined ? null : revokeTokens(http, revocation_endpoint, config.client, user)),
      (error: unknown) => toAuthError(error, 'sign-out'),
    );
    // A refresh in flight rotated the tokens at the server: wait for it, so they are revoked too.
    await inFlight?.catch(() => {});
    await dropped.settled();
    // Reported in the signed-out state, unless another session began meanwhile.
    if (failure !== null && mine === generation) dispatch({ type: 'revocationFailure', error: revocationError(failure) });
  }

  /** Takes over the session another tab wrote (or removed). */
  function syncFromStorage(): void {
    const stored = readShared();
    if (stored === undefined) return;
    if (state.status === 'signingIn') {
      // The sign-in in flight decides; if it fails, it returns to what the other tab left.
      if (signinPrevious !== null && !sameTokens(stored, signinPrevious.user)) signinPrevious = reduce(SIGNED_OUT, { type: 'adopted', user: stored });
      return;
    }
    if (sameTokens(stored, state.user)) return;
    newGeneration({ revokeInFlight: stored === null }); // Signed out elsewhere: a refresh landing later is revoked.
    dispatch({ type: 'adopted', user: stored });
  }

  function subscribe(listener: () => void): () => void {
    if (destroyed) return () => {};
    listeners.add(listener);
    if (listeners.size === 1) {
      // Timers and cross-tab listeners run only while someone listens (a client created and
      // dropped by React StrictMode never starts a timer).
      if (shared) {
        syncFromStorage();
        stopStorageEvents = listenToStorageEvents(storageKey, syncFromStorage);
      }
      renewal.start();
    }
    return () => {
      if (listeners.delete(listener) && listeners.size === 0) stopBackground();
    };
  }

  function stopBackground(): void {
    renewal.stop();
    stopStorageEvents?.();
    stopStorageEvents = null;
  }

  return {
    signinResourceOwnerCredentials,
    getUser: () => state.user,
    getSnapshot: () => state,
    getServerSnapshot: () => SIGNED_OUT,
    subscribe,
    refresh,
    getAccessToken,
    fetch: createAuthFetch({
      fetch: http.fetch,
      getAccessToken,
      currentUser: () => state.user,
      refresh,
      apiOrigins: config.apiOrigins,
      allowInsecureRequests: http.allowInsecureRequests,
    }),
    signout,
    getMetadata: () =>
      destroyed ? Promise.reject(new TypeError(DEV ? 'getMetadata: this client was destroyed; create a new one' : 'getMetadata: destroyed')) : getMetadata(),
    destroy() {
      destroyed = true;
      signinSeq += 1;
      newGeneration();
      listeners.clear();
      stopBackground();
    },
  };
}
