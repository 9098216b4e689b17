import { AuthError } from './errors.ts';
import type { AuthClient, AuthClientSettings, AuthState, ProviderMetadata, SigninArgs, User } from './types.ts';
import { resolveSettings } from './settings.ts';
import { reduce, sameState, SIGNED_OUT, type Action } from './state.ts';
import { readSession, sameTokens, serializeSession } from './session.ts';
import { createRenewal } from './renewal.ts';
import { listenToStorageEvents } from './crossTab.ts';
import { createUser, missingUserinfo } from './user.ts';
import { discoveryRequest, processDiscoveryResponse } from './protocol/discovery.ts';
import { passwordGrantRequest } from './protocol/passwordGrant.ts';
import { refreshGrantRequest } from './protocol/refreshGrant.ts';
import { processTokenResponse } from './protocol/tokenRequest.ts';
import { revokeToken } from './protocol/revocation.ts';
import { abortable, isDefinitiveRefreshError, readSigninArgs, redactSecret, toAuthError } from './clientHelpers.ts';
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
  let state: AuthState = SIGNED_OUT;
  /** Bumped whenever the session is replaced; late results of older operations are dropped. */
  let generation = 0;
  let signinPrevious: AuthState | null = null;
  let metadataPromise: Promise<ProviderMetadata> | null = null;
  let refreshPromise: Promise<User> | null = null;
  let stopStorageEvents: (() => void) | null = null;
  let destroyed = false;

  const renewal = createRenewal({
    timers: http.timers,
    now: http.now,
    refreshMargin: config.refreshMargin,
    automaticRefresh: config.automaticRefresh,
    getUser: () => state.user,
    isRefreshing: () => refreshPromise !== null,
    refresh: () => void refresh().catch(() => {}), // The failure is in the state.
    expire: (user) => {
      if (state.user === user) endSession(user, state.error);
    },
  });

  function persist(user: User | null, ended?: User): void {
    try {
      if (user !== null) storage.setItem(storageKey, serializeSession(client_id, user));
      else if (ended === undefined || sameTokens(readSession(storage, storageKey, client_id), ended)) storage.removeItem(storageKey);
    } catch {
      // A full or blocked storage must not lose the session: it stays in memory.
    }
  }

  /** The one place state changes. Persists what the action asks, then notifies if the snapshot changed. */
  function dispatch(action: Action): void {
    const next = reduce(state, action);
    if (action.type === 'signinSuccess' || action.type === 'refreshSuccess') persist(action.user);
    if (action.type === 'signedOut') persist(null);
    if (action.type === 'signinSuccess' || action.type === 'adopted') renewal.reset();
    if (sameState(state, next)) return;
    state = next;
    renewal.reschedule();
    for (const listener of [...listeners]) listener();
  }

  function endSession(user: User, error: AuthError | null): void {
    generation += 1;
    dispatch({ type: 'sessionEnded', error });
    persist(null, user);
  }

  // Synchronous restore. An expired session without a refresh token cannot be used: drop it.
  const restored = readSession(storage, storageKey, client_id);
  if (restored !== null) {
    if (restored.refresh_token === undefined && restored.expires_at * 1000 <= http.now()) persist(null, restored);
    else state = reduce(state, { type: 'adopted', user: restored });
  }

  function assertAlive(method: string): void {
    if (destroyed) throw new TypeError(`${method}: this client was destroyed; create a new one`);
  }

  function getMetadata(): Promise<ProviderMetadata> {
    if (config.metadata !== undefined) return Promise.resolve(config.metadata);
    const authority = config.authority ?? '';
    if (metadataPromise === null) {
      const pending = discoveryRequest(http, authority).then((result) => processDiscoveryResponse(http, authority, result));
      metadataPromise = pending;
      // A failed discovery is not cached: the next caller tries again.
      pending.catch(() => {
        if (metadataPromise === pending) metadataPromise = null;
      });
    }
    return metadataPromise;
  }

  async function signinResourceOwnerCredentials(args: SigninArgs): Promise<User> {
    assertAlive('signinResourceOwnerCredentials');
    const { username, password, scope, signal, extra } = readSigninArgs(args);
    const previous = state.status === 'signingIn' && signinPrevious !== null ? signinPrevious : state;
    if (username === '' || password === '') {
      const field = username === '' ? 'username' : 'password';
      const error = new AuthError('invalid_request', `signinResourceOwnerCredentials: ${field} is required`);
      dispatch({ type: 'signinFailure', previous, error });
      throw error;
    }
    const mine = ++generation;
    signinPrevious = previous;
    dispatch({ type: 'signinStart' });
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
      const tokens = processTokenResponse(http, result);
      const user = await createUser(tokens, { ...userOptions(metadata, requestedScope), loadUserInfo: config.loadUserInfo, signal });
      if (mine !== generation) {
        throw new AuthError('aborted', 'signinResourceOwnerCredentials: superseded by a later sign-in or sign-out');
      }
      signinPrevious = null;
      dispatch({ type: 'signinSuccess', user });
      return user;
    } catch (cause) {
      const error = redactSecret(toAuthError(cause, 'sign-in'), password);
      if (mine === generation) {
        signinPrevious = null;
        dispatch({ type: 'signinFailure', previous, error });
      }
      throw error;
    }
  }

  function userOptions(metadata: ProviderMetadata, requestedScope: string) {
    return { http, metadata, client_id, clockSkew: config.clockSkew, requestedScope };
  }

  /** Web Locks around refresh when the session is shared between tabs. */
  function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
    const locks = config.locks;
    if (!shared || locks === null) return task();
    return new Promise<T>((resolve, reject) => {
      // The lock is held until the task settles.
      locks.request(`ropc-kit:refresh:${storageKey}`, () => task().then(resolve, reject)).catch(reject);
    });
  }

  async function runRefresh(user: User, mine: number): Promise<User> {
    try {
      return await withRefreshLock(async () => {
        let base = user;
        if (shared) {
          // Another tab may have refreshed (or signed out) while we waited for the lock.
          const stored = readSession(storage, storageKey, client_id);
          if (stored === null) throw new AuthError('no_session', 'refresh: the session was signed out in another tab');
          if (stored.access_token !== user.access_token && stored.expires_at * 1000 > http.now()) {
            if (mine === generation) dispatch({ type: 'refreshSuccess', user: stored });
            return stored;
          }
          base = stored;
        }
        const metadata = await getMetadata();
        const result = await refreshGrantRequest(http, metadata.token_endpoint, config.client, base.refresh_token ?? '', config.extraTokenParams);
        const tokens = processTokenResponse(http, result);
        const next = await createUser(tokens, { ...userOptions(metadata, base.scope), loadUserInfo: false, previous: base });
        if (mine !== generation) throw new AuthError('no_session', 'refresh: the session ended while refreshing');
        renewal.reset();
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

  function refresh(): Promise<User> {
    if (destroyed) return Promise.reject(new TypeError('refresh: this client was destroyed; create a new one'));
    if (refreshPromise !== null) return refreshPromise;
    const user = state.user;
    if (user === null) return Promise.reject(new AuthError('no_session', 'refresh: no user is signed in'));
    if (user.refresh_token === undefined) {
      return Promise.reject(new AuthError('no_session', 'refresh: the session has no refresh token (ask for the offline_access scope)'));
    }
    const pending = runRefresh(user, generation).finally(() => {
      if (refreshPromise === pending) refreshPromise = null;
    });
    refreshPromise = pending;
    dispatch({ type: 'refreshStart' });
    return pending;
  }

  async function getAccessToken(): Promise<string> {
    assertAlive('getAccessToken');
    const user = state.user;
    if (user === null) throw new AuthError('no_session', 'getAccessToken: no user is signed in');
    const expiresAt = user.expires_at * 1000;
    if (expiresAt - config.refreshMargin * 1000 > http.now() && refreshPromise === null) return user.access_token;
    if (user.refresh_token === undefined) {
      if (expiresAt > http.now()) return user.access_token;
      endSession(user, null);
      throw new AuthError('no_session', 'getAccessToken: the access token has expired and there is no refresh token');
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
    generation += 1;
    signinPrevious = null;
    dispatch({ type: 'signedOut' });
    if (user === null) return;
    const metadata = await getMetadata();
    const endpoint = metadata.revocation_endpoint;
    if (endpoint === undefined) return;
    const failures: AuthError[] = [];
    const revoke = (token: string, hint: 'refresh_token' | 'access_token') =>
      revokeToken(http, endpoint, config.client, token, hint).catch((cause: unknown) => {
        failures.push(toAuthError(cause, 'revocation'));
      });
    // The refresh token first: revoking it usually revokes its access tokens too (RFC 7009 §2.1).
    if (user.refresh_token !== undefined) await revoke(user.refresh_token, 'refresh_token');
    await revoke(user.access_token, 'access_token');
    if (failures[0] !== undefined) throw failures[0];
  }

  /** Takes over the session another tab wrote (or removed). */
  function syncFromStorage(): void {
    const stored = readSession(storage, storageKey, client_id);
    if (sameTokens(stored, state.user)) return;
    generation += 1;
    signinPrevious = null;
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
    }),
    signout,
    getMetadata: () =>
      destroyed ? Promise.reject(new TypeError('getMetadata: this client was destroyed; create a new one')) : getMetadata(),
    destroy() {
      destroyed = true;
      listeners.clear();
      stopBackground();
    },
  };
}
