import type { AuthError } from './errors.ts';
import type { AuthState, User } from './types.ts';

/**
 * Every state transition of the client. One reducer, one place to read.
 * - `signinStart`/`signinSuccess`/`signinFailure`: the password grant.
 * - `refreshStart`/`refreshSuccess`/`refreshFailure`: the refresh grant; a failure that keeps the user.
 * - `sessionEnded`: the session is over (refresh refused, or the access token expired).
 * - `signedOut`: the user signed out.
 * - `revocationFailure`: after a sign-out, the tokens could not be revoked (shown in the signed-out state).
 * - `adopted`: the session in storage changed elsewhere (another tab) and is taken over as is.
 */
export type Action =
  | { readonly type: 'signinStart' }
  | { readonly type: 'signinSuccess'; readonly user: User }
  | { readonly type: 'signinFailure'; readonly previous: AuthState; readonly error: AuthError }
  | { readonly type: 'refreshStart' }
  | { readonly type: 'refreshSuccess'; readonly user: User }
  | { readonly type: 'refreshFailure'; readonly error: AuthError }
  | { readonly type: 'sessionEnded'; readonly error: AuthError | null }
  | { readonly type: 'signedOut' }
  | { readonly type: 'revocationFailure'; readonly error: AuthError }
  | { readonly type: 'adopted'; readonly user: User | null };

/** The signed-out state with no error; also the server snapshot. */
export const SIGNED_OUT: AuthState = Object.freeze({ status: 'signedOut', user: null, error: null });

function signedIn(user: User, error: AuthError | null = null): AuthState {
  return Object.freeze({ status: 'signedIn', user, error });
}

function signedOut(error: AuthError | null): AuthState {
  return error === null ? SIGNED_OUT : Object.freeze({ status: 'signedOut', user: null, error });
}

/** The state a failed sign-in returns to: the one before it, settled, with the error. */
function settle(previous: AuthState, error: AuthError): AuthState {
  return previous.user === null ? signedOut(error) : signedIn(previous.user, error);
}

/** Computes the next state. Pure: side effects (storage, timers) belong to the client. */
export function reduce(state: AuthState, action: Action): AuthState {
  switch (action.type) {
    case 'signinStart':
      return Object.freeze({ status: 'signingIn', user: null, error: null });
    case 'signinSuccess':
    case 'refreshSuccess':
      return signedIn(action.user);
    case 'signinFailure':
      return settle(action.previous, action.error);
    case 'refreshStart':
      return state.user === null ? state : Object.freeze({ status: 'refreshing', user: state.user, error: state.error });
    case 'refreshFailure':
      return state.user === null ? state : signedIn(state.user, action.error);
    case 'sessionEnded':
      return signedOut(action.error);
    case 'signedOut':
      return SIGNED_OUT;
    case 'revocationFailure':
      return state.status === 'signedOut' ? signedOut(action.error) : state;
    case 'adopted':
      return action.user === null ? SIGNED_OUT : signedIn(action.user);
  }
}

/** Shallow equality of two states: a snapshot is replaced only when this is false. */
export function sameState(a: AuthState, b: AuthState): boolean {
  return a.status === b.status && a.user === b.user && a.error === b.error;
}
