import { describe, expectTypeOf, it } from 'vitest';
import type { ComponentType } from 'react';
import { useQuery, useSuspenseQuery, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { AuthClient, AuthError, User } from '@ropc-kit/core';
import {
  AuthProvider,
  authQueryKey,
  authQueryOptions,
  authRetry,
  defaultLoginFormTexts,
  LoginForm,
  readJson,
  useAuth,
  useAuthFetch,
  useAuthQueryOptions,
  withAuthenticationRequired,
  type AuthProviderProps,
  type LoginFormProps,
  type LoginFormTexts,
  type UseAuthResult,
} from './index.ts';

declare const client: AuthClient;
declare const queryClient: QueryClient;
interface Todo {
  readonly id: number;
}

describe('public types', () => {
  it('narrows user to User once isAuthenticated is true', () => {
    const auth = useAuth();
    expectTypeOf(auth).toEqualTypeOf<UseAuthResult>();
    expectTypeOf(auth.user).toEqualTypeOf<User | null>();
    if (auth.isAuthenticated) {
      expectTypeOf(auth.user).toEqualTypeOf<User>();
      expectTypeOf(auth.status).toEqualTypeOf<'signedIn' | 'refreshing'>();
    } else {
      expectTypeOf(auth.user).toEqualTypeOf<null>();
      expectTypeOf(auth.status).toEqualTypeOf<'signedOut' | 'signingIn'>();
    }
    expectTypeOf(auth.error).toEqualTypeOf<AuthError | null>();
    expectTypeOf(auth.client).toEqualTypeOf<AuthClient>();
    expectTypeOf(auth.getAccessToken).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(auth.signinResourceOwnerCredentials).parameter(0).toHaveProperty('password').toEqualTypeOf<string>();
  });

  it('infers the selected slice', () => {
    expectTypeOf(useAuth((auth) => auth.user?.profile.name)).toEqualTypeOf<string | undefined>();
    expectTypeOf(useAuth((auth) => auth.isAuthenticated)).toEqualTypeOf<boolean>();
  });

  it('takes a client or settings, not neither', () => {
    expectTypeOf<{ client: AuthClient }>().toExtend<AuthProviderProps>();
    expectTypeOf<{ settings: { client_id: string; authority: string } }>().toExtend<AuthProviderProps>();
    expectTypeOf<{ children: null }>().not.toExtend<AuthProviderProps>();
    expectTypeOf<{ client: AuthClient; settings: { client_id: string } }>().not.toExtend<AuthProviderProps>();
    expectTypeOf(AuthProvider).parameter(0).toEqualTypeOf<AuthProviderProps>();
  });

  it('types LoginForm callbacks and texts', () => {
    expectTypeOf<LoginFormProps['onSuccess']>().toEqualTypeOf<((user: User) => void) | undefined>();
    // Not AuthError: a destroyed client rejects with a TypeError, and TanStack Query routes an
    // exception thrown by onSuccess to onError.
    expectTypeOf<LoginFormProps['onError']>().toEqualTypeOf<((error: Error) => void) | undefined>();
    expectTypeOf(defaultLoginFormTexts).toEqualTypeOf<LoginFormTexts>();
    expectTypeOf(defaultLoginFormTexts.tooManyAttempts).parameter(0).toEqualTypeOf<number | undefined>();
    expectTypeOf(LoginForm).parameter(0).toEqualTypeOf<LoginFormProps>();
  });

  it('keeps the wrapped component props', () => {
    const Item = (props: { id: number }) => (props.id > 0 ? null : null);
    const Wrapped = withAuthenticationRequired(Item);
    expectTypeOf(Wrapped).toEqualTypeOf<ComponentType<{ id: number }>>();
  });

  it('types data from a .then chain and from an async queryFn, not as initialData', () => {
    const parse = (value: unknown): Todo[] => (Array.isArray(value) ? [] : []);
    const chained = useQuery(
      useAuthQueryOptions({
        queryKey: ['todos'],
        queryFn: ({ fetch, signal }) => fetch('/api/todos', { signal }).then(readJson).then(parse),
      }),
    );
    expectTypeOf(chained.data).toEqualTypeOf<Todo[] | undefined>();
    const awaited = useQuery(
      useAuthQueryOptions({
        queryKey: ['todos'],
        queryFn: async ({ fetch, signal }) => parse(await readJson(await fetch('/api/todos', { signal }))),
      }),
    );
    expectTypeOf(awaited.data).toEqualTypeOf<Todo[] | undefined>();
    const scoped = useQuery(
      authQueryOptions(client, { isAuthenticated: true, sub: 'alice' }, {
        queryKey: ['todos'],
        queryFn: ({ fetch }) => fetch('/api/todos').then(readJson).then(parse),
      }),
    );
    expectTypeOf(scoped.data).toEqualTypeOf<Todo[] | undefined>();
  });

  it('gives options that useSuspenseQuery, fetchQuery and prefetchQuery accept', () => {
    const parse = (value: unknown): Todo[] => (Array.isArray(value) ? [] : []);
    const suspended = useSuspenseQuery(
      useAuthQueryOptions({ queryKey: ['todos'], queryFn: ({ fetch }) => fetch('/api/todos').then(readJson).then(parse) }),
    );
    expectTypeOf(suspended.data).toEqualTypeOf<Todo[]>();
    const options = authQueryOptions(client, { isAuthenticated: true, sub: 'alice' }, { queryKey: ['todos'], queryFn: async () => parse([]) });
    expectTypeOf(queryClient.fetchQuery(options)).toEqualTypeOf<Promise<Todo[]>>();
    expectTypeOf(queryClient.prefetchQuery(options)).toEqualTypeOf<Promise<void>>();
  });

  it('types query helpers', () => {
    const query = useQuery(useAuthQueryOptions({ queryKey: ['todos'], queryFn: async () => [1, 2] }));
    expectTypeOf(query.data).toEqualTypeOf<number[] | undefined>();
    expectTypeOf(query.error).toEqualTypeOf<Error | null>();
    expectTypeOf(authQueryKey('sub', ['todos'])).toEqualTypeOf<QueryKey>();
    expectTypeOf(useAuthFetch()).returns.toEqualTypeOf<Promise<Response>>();
    expectTypeOf(readJson).returns.toEqualTypeOf<Promise<unknown>>();
    expectTypeOf(authRetry).toEqualTypeOf<(failureCount: number, error: unknown) => boolean>();
    expectTypeOf(client.getSnapshot().user).toEqualTypeOf<User | null>();
  });
});
