import { useContext, useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { QueryClientContext, QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createAuthClient, type AuthClient, type AuthClientSettings, type User } from '@ropc-kit/core';
import { AuthClientContext } from './context.ts';
import { DEV } from '#dev';
import { createAuthQueryClient } from './queryDefaults.ts';

interface AuthProviderBaseProps {
  readonly children?: ReactNode;
  /**
   * The TanStack `QueryClient` whose cache is cleared on sign-out and user change.
   * Default: the one of the surrounding `QueryClientProvider`, or else one the provider
   * creates (with {@link createAuthQueryClient}) and provides to its children.
   */
  readonly queryClient?: QueryClient;
}

/**
 * Props of {@link AuthProvider}: a `client` created outside render (recommended), or
 * `settings` from which the provider creates its client once.
 */
export type AuthProviderProps = AuthProviderBaseProps &
  (
    | { readonly client: AuthClient; readonly settings?: never }
    | {
        /** Read once, on the first render, like `useState`'s initial value; later changes are ignored. */
        readonly settings: AuthClientSettings;
        readonly client?: never;
      }
  );

/**
 * Makes a session available to {@link useAuth}, `LoginForm`, the guards and the query
 * helpers below it.
 *
 * - Creates exactly one client (from `settings`) for its lifetime, under `<StrictMode>` too
 *   (React 19; React 18's StrictMode re-mounts hooks and may create an extra one, which stays
 *   inert: the core starts timers and cross-tab listeners only for subscribed clients).
 * - Subscribes to the client while mounted, which keeps background renewal running.
 * - Prefetches discovery (`client.getMetadata()`) while signed out (on mount, and when a session
 *   ends), so a sign-in is one request; a restored session sends no request at start-up.
 * - Provides a `QueryClient` when the app has none, and clears the query cache when the
 *   session ends or the signed-in user changes (another `sub`; for users without `sub`, any
 *   change but a refresh in this client).
 * - On the server it renders the signed-out server snapshot and touches no browser API.
 *
 * @example
 * const authClient = createAuthClient({ authority: 'https://id.example.com', client_id: 'web' });
 * root.render(<AuthProvider client={authClient}><App /></AuthProvider>);
 */
export function AuthProvider(props: AuthProviderProps): ReactElement {
  const { children, queryClient: queryClientProp } = props;
  // Lazily, once. Not a useState initializer: StrictMode calls those twice, and creating a
  // client reads (and may clean) storage. A ref survives StrictMode's second render pass, and
  // no effect creates or destroys clients, so its effect replay is harmless too.
  // useMemo would not do either: StrictMode calls its factory twice as well. The ref is written
  // once and never changes after, so reading it during render is safe (React's documented
  // lazy-initialisation pattern).
  const ownClient = useRef<AuthClient | null>(null);
  const client = props.client ?? (ownClient.current ??= createOwnClient(props.settings));

  const outerQueryClient = useContext(QueryClientContext);
  // Creating a QueryClient has no side effects until it is mounted; only used when there is no other.
  const [ownQueryClient] = useState(() => createAuthQueryClient());
  const queryClient = queryClientProp ?? outerQueryClient ?? ownQueryClient;

  useEffect(() => {
    let previous = client.getSnapshot().user;
    if (previous === null) prefetchMetadata(client);
    return client.subscribe(() => {
      const current = client.getSnapshot().user;
      // Sign-out, expiry and a different user all drop every cached query and mutation.
      if (previous !== null && current !== previous && !sameSession(previous, current)) queryClient.clear();
      if (previous !== null && current === null) prefetchMetadata(client);
      previous = current;
    });
  }, [client, queryClient]);

  const tree = <AuthClientContext.Provider value={client}>{children}</AuthClientContext.Provider>;
  return queryClient === outerQueryClient ? tree : <QueryClientProvider client={queryClient}>{tree}</QueryClientProvider>;
}

function createOwnClient(settings: AuthClientSettings | undefined): AuthClient {
  if (settings === undefined) {
    throw new TypeError(
      DEV ? 'AuthProvider needs a `client` prop (from createAuthClient(settings)) or a `settings` prop.' : 'AuthProvider: no client or settings',
    );
  }
  return createAuthClient(settings);
}

/**
 * True when `next` continues the session of `previous`, so the cache may stay: the same `sub`
 * on both, or, for users without `sub` (no id_token), a refresh in this client (it keeps the
 * profile object). Anything else (no user, another `sub`, a user without `sub` from another
 * tab) counts as a different user: their query keys would collide.
 */
function sameSession(previous: User, next: User | null): boolean {
  if (next === null) return false;
  const before = previous.profile.sub;
  const after = next.profile.sub;
  if (before !== undefined && after !== undefined) return before === after;
  return previous.profile === next.profile;
}

/**
 * Discovery ahead of a sign-in. The core fetches metadata once and shares the promise, so
 * StrictMode's second effect run and later calls send nothing. A failure is not lost: the
 * sign-in that needs the metadata asks again and rejects with the AuthError, which LoginForm shows.
 */
function prefetchMetadata(client: AuthClient): void {
  client.getMetadata().catch(ignorePrefetchFailure);
}

function ignorePrefetchFailure(): void {}
