import { useCallback } from 'react';
import type { QueryFunction, QueryKey, UseQueryOptions } from '@tanstack/react-query';
import type { AuthClient } from '@ropc-kit/core';
import { useAuthClient } from './context.ts';
import { authRetry } from './queryDefaults.ts';
import { useAuth } from './useAuth.ts';

/** `fetch` with the access token: `Authorization: Bearer`, and on a 401 one refresh and one retry. */
export type AuthFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * A stable {@link AuthFetch} bound to the provider's client (`client.fetch`): it attaches
 * the access token (RFC 6750 §2.1), refreshing it first when it is about to expire, and
 * on a 401 refreshes once and retries once; a second 401 is returned as the response.
 * Use it in `useMutation` functions and anywhere else outside {@link useAuthQueryOptions}.
 *
 * @example
 * const authFetch = useAuthFetch();
 * const save = useMutation({ mutationFn: (todo: Todo) => authFetch('/api/todos', { method: 'POST', body: JSON.stringify(todo) }).then(readJson) });
 */
export function useAuthFetch(): AuthFetch {
  const client = useAuthClient();
  return useCallback((input, init) => client.fetch(input, init), [client]);
}

/** The first element of every key built by {@link authQueryKey}; invalidate it to drop all user data. */
export const AUTH_QUERY_KEY_PREFIX = 'ropc-kit:user';

/**
 * A query key scoped to one user: `['ropc-kit:user', sub, ...key]`. Data cached for one
 * `sub` is never read under another, so a new user never sees the previous one's data.
 */
export function authQueryKey(sub: string | null, key: QueryKey): QueryKey {
  return [AUTH_QUERY_KEY_PREFIX, sub, ...key];
}

/** What an authenticated query function receives. */
export interface AuthQueryFunctionContext {
  /** The client's {@link AuthFetch}. */
  readonly fetch: AuthFetch;
  /**
   * Aborted when TanStack Query cancels the query. Pass it to `fetch` to cancel requests on
   * unmount; reading it opts the query into cancellation, as with plain TanStack Query.
   */
  readonly signal: AbortSignal;
  /** Your key, without the user scope. */
  readonly queryKey: QueryKey;
}

/** Options of {@link useAuthQueryOptions}: TanStack query options whose `queryFn` receives an {@link AuthFetch}. */
export interface AuthQueryOptions<TData> extends Omit<UseQueryOptions<TData, Error, TData>, 'queryKey' | 'queryFn'> {
  /** Your key; it is scoped to the signed-in user's `sub` for you. */
  readonly queryKey: QueryKey;
  /** Loads the data; use the {@link AuthFetch} it receives so requests carry the access token. */
  readonly queryFn: (context: AuthQueryFunctionContext) => Promise<TData>;
}

/**
 * What {@link authQueryOptions} and {@link useAuthQueryOptions} return: `useQuery` options
 * whose data type comes only from your `queryFn` (`NoInfer` stops TypeScript from inferring
 * it from the surrounding `useQuery(...)` call, which would pick `useQuery`'s `initialData`
 * overload for a `.then(...)` chain), and whose `queryFn` is never `skipToken`, so
 * `useSuspenseQuery` accepts them too.
 */
export type AuthQueryResultOptions<TData> = Omit<UseQueryOptions<NoInfer<TData>, Error, NoInfer<TData>>, 'queryFn'> & {
  readonly queryFn: QueryFunction<NoInfer<TData>>;
};

/** The part of the session that authenticated query options depend on. */
export interface AuthQueryScope {
  /** Whether a session is present; the query is disabled while false. */
  readonly isAuthenticated: boolean;
  /** The user's `sub` claim, or null. */
  readonly sub: string | null;
}

/**
 * Builds options for `useQuery`, `useSuspenseQuery`, `queryClient.fetchQuery` or
 * `prefetchQuery` from a client and a session scope: the key is scoped with
 * {@link authQueryKey}, the query is disabled while signed out, `queryFn` gets an
 * {@link AuthFetch}, and `retry` defaults to {@link authRetry}. In components prefer
 * {@link useAuthQueryOptions}, which reads the scope for you.
 *
 * The data type comes only from `queryFn` (see {@link AuthQueryResultOptions}).
 *
 * @example
 * queryClient.prefetchQuery(authQueryOptions(client, { isAuthenticated: true, sub: 'alice' }, {
 *   queryKey: ['todos'],
 *   queryFn: ({ fetch, signal }) => fetch('/api/todos', { signal }).then(readJson).then(parseTodos),
 * }));
 */
export function authQueryOptions<TData>(
  client: AuthClient,
  scope: AuthQueryScope,
  options: AuthQueryOptions<TData>,
): AuthQueryResultOptions<TData> {
  const { queryKey, queryFn, enabled, ...rest } = options;
  return {
    retry: authRetry,
    ...rest,
    queryKey: authQueryKey(scope.sub, queryKey),
    queryFn: (context) =>
      queryFn({
        fetch: (input, init) => client.fetch(input, init),
        queryKey,
        // Read lazily: TanStack cancels a query on unmount only when its signal was used.
        get signal() {
          return context.signal;
        },
      }),
    enabled: scope.isAuthenticated ? (enabled ?? true) : false,
  };
}

/**
 * {@link authQueryOptions} for the provider's client and the current user. The calling
 * component re-renders only when the user's `sub` or `isAuthenticated` change, not when
 * the access token is refreshed.
 *
 * @example
 * const todos = useQuery(useAuthQueryOptions({
 *   queryKey: ['todos'],
 *   queryFn: ({ fetch, signal }) => fetch('/api/todos', { signal }).then(readJson).then(parseTodos),
 * }));
 * // todos.data: Todo[] | undefined
 */
export function useAuthQueryOptions<TData>(
  options: AuthQueryOptions<TData>,
): AuthQueryResultOptions<TData> {
  const client = useAuthClient();
  const isAuthenticated = useAuth(selectIsAuthenticated);
  const sub = useAuth(selectSub);
  return authQueryOptions(client, { isAuthenticated, sub }, options);
}

/**
 * The current user's scoped key (see {@link authQueryKey}), e.g. to invalidate or set
 * data after a mutation.
 */
export function useAuthQueryKey(key: QueryKey): QueryKey {
  return authQueryKey(useAuth(selectSub), key);
}

function selectIsAuthenticated(auth: { readonly isAuthenticated: boolean }): boolean {
  return auth.isAuthenticated;
}

function selectSub(auth: { readonly user: { readonly profile: { readonly sub?: string } } | null }): string | null {
  return auth.user?.profile.sub ?? null;
}
