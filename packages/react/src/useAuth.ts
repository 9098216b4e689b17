import { useCallback, useState, useSyncExternalStore } from 'react';
import type { AuthClient, AuthError, AuthState, SigninArgs, User } from '@ropc-kit/core';
import { useAuthClient } from './context.ts';

/** The actions of {@link useAuth}: the client's methods, bound, stable for the client's lifetime. */
export interface AuthActions {
  /** The client itself, for anything the hook does not wrap. */
  readonly client: AuthClient;
  /** Password grant (RFC 6749 §4.3). Prefer `LoginForm`, which handles errors and the password for you. */
  readonly signinResourceOwnerCredentials: (args: SigninArgs) => Promise<User>;
  /**
   * Ends the session at once and revokes the tokens where possible (RFC 7009). Never rejects for
   * a failed revocation: that is reported in `error`, code `revocation_failed`, the failure as `cause`.
   */
  readonly signout: () => Promise<void>;
  /** Refresh-token grant (RFC 6749 §6); concurrent calls share one request. */
  readonly refresh: () => Promise<User>;
  /** A valid access token, refreshed first when it is about to expire. */
  readonly getAccessToken: () => Promise<string>;
}

/** What {@link useAuth} returns while a session is present. */
export interface SignedInAuth extends AuthActions {
  /** `refreshing` while a refresh-token request is in flight; the user stays signed in meanwhile. */
  readonly status: 'signedIn' | 'refreshing';
  /** Always true here: narrow on it to read `user`. */
  readonly isAuthenticated: true;
  /** The signed-in user: tokens and the id_token's profile claims. */
  readonly user: User;
  /** False: a background refresh is not loading, the user stays visible. */
  readonly isLoading: false;
  /** The last failure that left the session in place (e.g. a sign-in attempt that failed while signed in), or null. */
  readonly error: AuthError | null;
}

/** What {@link useAuth} returns while there is no session. */
export interface SignedOutAuth extends AuthActions {
  /** `signingIn` while a password-grant request is in flight. */
  readonly status: 'signedOut' | 'signingIn';
  /** Always false here. */
  readonly isAuthenticated: false;
  /** Always null while signed out. */
  readonly user: null;
  /** True while a sign-in request is in flight. */
  readonly isLoading: boolean;
  /** The last failure, e.g. the refresh error that ended the session. */
  readonly error: AuthError | null;
}

/**
 * The value of {@link useAuth}: discriminated on `isAuthenticated` (and `status`), so
 * `user` is a `User` once `isAuthenticated` is narrowed to `true`.
 */
export type UseAuthResult = SignedInAuth | SignedOutAuth;

interface ClientViews {
  readonly actions: AuthActions;
  /** One derived object per immutable snapshot, so `useAuth()` is referentially stable. */
  readonly views: WeakMap<AuthState, UseAuthResult>;
}

const clientViews = new WeakMap<AuthClient, ClientViews>();

function viewsOf(client: AuthClient): ClientViews {
  let entry = clientViews.get(client);
  if (entry === undefined) {
    entry = {
      actions: {
        client,
        signinResourceOwnerCredentials: (args) => client.signinResourceOwnerCredentials(args),
        signout: () => client.signout(),
        refresh: () => client.refresh(),
        getAccessToken: () => client.getAccessToken(),
      },
      views: new WeakMap(),
    };
    clientViews.set(client, entry);
  }
  return entry;
}

/** Derives the hook value from one snapshot; the same snapshot always gives the same object. */
function toResult(client: AuthClient, state: AuthState): UseAuthResult {
  const { actions, views } = viewsOf(client);
  let view = views.get(state);
  if (view === undefined) {
    // Field by field, not `...state`: a custom AuthClient's snapshot may carry more keys.
    const { status, user, error } = state;
    view =
      user === null
        ? { ...actions, status, user, error, isAuthenticated: false, isLoading: status === 'signingIn' }
        : { ...actions, status, user, error, isAuthenticated: true, isLoading: false };
    views.set(state, view);
  }
  return view;
}

const identity = (auth: UseAuthResult): UseAuthResult => auth;

/**
 * Remembers the last selection: the same value and selector give the same result, because
 * React calls `getSnapshot` repeatedly and needs a stable value. When a new snapshot selects
 * an `Object.is`-equal value, React bails out of the re-render itself.
 */
function createSelectionCache<S, R>(): (value: S, select: (value: S) => R) => R {
  let last: { readonly value: S; readonly select: (value: S) => R; readonly selection: R } | null = null;
  return (value, select) => {
    if (last === null || last.value !== value || last.select !== select) last = { value, select, selection: select(value) };
    return last.selection;
  };
}

/**
 * Reads the session of the nearest `AuthProvider`.
 *
 * Bound with `useSyncExternalStore` to the client's store: the value is never stale
 * (it turns signed out when the session ends or expires, without any user action),
 * a session restored from storage is there on the first render, and the server
 * render sees the signed-out server snapshot.
 *
 * @example
 * const { isAuthenticated, user, signout } = useAuth();
 * if (isAuthenticated) return <p>Hello {user.profile.name} <button onClick={signout}>Sign out</button></p>;
 *
 * @throws Error outside an `AuthProvider`, saying to wrap the app in `<AuthProvider>`.
 */
export function useAuth(): UseAuthResult;
/**
 * Subscribes to one slice of the session: the component re-renders only when
 * `selector`'s result changes (by `Object.is`). Return primitives or stable objects.
 *
 * @example
 * const name = useAuth((auth) => auth.user?.profile.name); // not re-rendered by a token refresh
 */
export function useAuth<T>(selector: (auth: UseAuthResult) => T): T;
export function useAuth<T>(selector?: (auth: UseAuthResult) => T): T | UseAuthResult {
  const client = useAuthClient();
  const select: (auth: UseAuthResult) => T | UseAuthResult = selector ?? identity;
  // Stable per client: a new `subscribe` would make React unsubscribe and resubscribe.
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client]);
  const [selectCached] = useState(createSelectionCache<UseAuthResult, T | UseAuthResult>);
  const getSnapshot = (): T | UseAuthResult => selectCached(toResult(client, client.getSnapshot()), select);
  const getServerSnapshot = (): T | UseAuthResult => selectCached(toResult(client, client.getServerSnapshot()), select);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
