/**
 * What a scenario needs from a library. Each library implements it once
 * (`ropcKit.tsx`, `oidcClientTs.tsx`) and every scenario runs the same steps on both.
 */
import type { ReactNode } from 'react';

/** The IdP as the scenarios use it (a `RunningIdp` from `@ropc-kit/idp`). */
export interface IdpLike {
  readonly issuer: string;
  readonly requests: readonly { method: string; path: string; grantType?: string }[];
  clearRequests(): void;
}

/** Username and password of a seeded account. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** One token client, created for one scenario. */
export interface ClientHandle {
  /** Signs in with the password grant; resolves when signed in. */
  signin(credentials: Credentials): Promise<void>;
  /** What an app calls for a token to put on a request (ropc-kit `getAccessToken()`, oidc-client-ts `signinSilent()`). */
  getToken(): Promise<string>;
  /** Renews the session with the refresh token. */
  refresh(): Promise<void>;
  /** Stops timers; leaves the storage as it is. */
  destroy(): Promise<void>;
}

/** Options of {@link Contender.createClient}. */
export interface ClientOptions {
  readonly issuer: string;
  readonly clientId: string;
  /** Storage from {@link Contender.createStorage}; clients given the same one share the session. */
  readonly storage: unknown;
  /** The client's clock in milliseconds, where the library takes one (oidc-client-ts does not). */
  readonly now?: () => number;
}

/** A library under comparison. */
export interface Contender {
  readonly name: string;
  /** An in-memory session store that survives the client (a stand-in for localStorage). */
  createStorage(): unknown;
  createClient(options: ClientOptions): ClientHandle;
  /** The library's provider around `children`, bound to `client`. */
  Provider(props: { client: ClientHandle; children: ReactNode }): ReactNode;
  /** The signed-in user's name, read the way the library offers for one slice of state. */
  useUserName(): string | undefined;
  /** Whether a user is present, and the library's sign-in action. */
  useSession(): { readonly signedIn: boolean; readonly signin: (credentials: Credentials) => Promise<unknown> };
}
