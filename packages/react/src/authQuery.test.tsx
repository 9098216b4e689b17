import { afterEach, describe, expect, it } from 'vitest';
import { useEffect } from 'react';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AuthError, isAuthError } from '@ropc-kit/core';
import { AuthProvider } from './AuthProvider.tsx';
import { AUTH_QUERY_KEY_PREFIX, authQueryKey, useAuthFetch, useAuthQueryKey, useAuthQueryOptions } from './authQuery.ts';
import { HttpError, authRetry, readJson } from './queryDefaults.ts';
import { API, createFakeIdp, json, type FakeIdp } from './test/fakeIdp.ts';
import { makeClient, renderStrict } from './test/setup.tsx';

afterEach(cleanup);

/** Every text <Me> committed, in order (cleared by the tests that read it). */
const committed: string[] = [];

function Me() {
  const query = useQuery(
    useAuthQueryOptions({
      queryKey: ['me'],
      queryFn: async ({ fetch }) => {
        const body = await fetch(`${API}/me`).then(readJson);
        if (typeof body !== 'object' || body === null || !('sub' in body) || typeof body.sub !== 'string') throw new TypeError('me: sub');
        return body.sub;
      },
    }),
  );
  const text = query.isError ? `error: ${query.error.message}` : query.isPending ? `pending:${query.fetchStatus}` : `me: ${query.data}`;
  useEffect(() => {
    committed.push(text);
  });
  return <p data-testid="me">{text}</p>;
}

async function signedIn(idp: FakeIdp = createFakeIdp()) {
  const client = makeClient(idp);
  await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
  const queryClient = new QueryClient();
  renderStrict(
    <QueryClientProvider client={queryClient}>
      <AuthProvider client={client}>
        <Me />
      </AuthProvider>
    </QueryClientProvider>,
  );
  return { idp, client, queryClient };
}

const apiCalls = (idp: FakeIdp) => idp.requestsTo('/me').map((r) => r.authorization);
const refreshes = (idp: FakeIdp) => idp.requestsTo('/token').filter((r) => r.form?.get('grant_type') === 'refresh_token');

describe('authenticated queries', () => {
  it('attach the access token and scope the key by the user sub', async () => {
    const { idp, queryClient } = await signedIn();
    expect(await screen.findByText('me: alice-sub')).toBeTruthy();
    expect(apiCalls(idp)).toEqual(['Bearer at-1']);
    expect(queryClient.getQueryData(authQueryKey('alice-sub', ['me']))).toBe('alice-sub');
    expect(queryClient.getQueryCache().getAll().map((q) => q.queryKey)).toEqual([['ropc-kit:user', 'alice-sub', 'me']]);
  });

  it('on a 401 refresh once and retry once', async () => {
    const idp = createFakeIdp();
    idp.api = (_request, sub) => (sub === null ? new Response(null, { status: 401 }) : json({ sub }));
    const client = makeClient(idp);
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    idp.validAccessTokens.clear(); // The API no longer accepts at-1 (revoked server-side).
    const queryClient = new QueryClient();
    renderStrict(
      <QueryClientProvider client={queryClient}>
        <AuthProvider client={client}>
          <Me />
        </AuthProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('me: alice-sub')).toBeTruthy();
    expect(apiCalls(idp)).toEqual(['Bearer at-1', 'Bearer at-2']);
    expect(refreshes(idp)).toHaveLength(1);
  });

  it('surface a second 401 as an HttpError, without another refresh or retry', async () => {
    const idp = createFakeIdp();
    idp.api = () => new Response(null, { status: 401 });
    await signedIn(idp);
    expect(await screen.findByText(/^error: HTTP 401/)).toBeTruthy();
    expect(apiCalls(idp)).toEqual(['Bearer at-1', 'Bearer at-2']);
    expect(refreshes(idp)).toHaveLength(1);
  });

  it('fail at once, without retries, when the API origin is not in apiOrigins (a misconfiguration)', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp);
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    function Elsewhere() {
      const query = useQuery(useAuthQueryOptions({ queryKey: ['elsewhere'], queryFn: ({ fetch }) => fetch('https://elsewhere.example/me').then(readJson) }));
      return <p>{query.isError ? `error ${query.failureCount}: ${isAuthError(query.error) ? query.error.code : query.error.name}` : query.status}</p>;
    }
    // The provider's own QueryClient: authRetry is the default retry.
    renderStrict(
      <AuthProvider client={client}>
        <Elsewhere />
      </AuthProvider>,
    );
    expect(await screen.findByText('error 1: origin_not_allowed')).toBeTruthy();
    expect(idp.requests.filter((r) => r.url.startsWith('https://elsewhere.example'))).toEqual([]);
  });

  it('are disabled while signed out and never show the previous user data to the next user', async () => {
    const { idp, client } = await signedIn();
    expect(await screen.findByText('me: alice-sub')).toBeTruthy();
    await act(() => client.signout());
    expect(screen.getByTestId('me').textContent).toBe('pending:idle');
    committed.length = 0;
    await act(() => client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder-password' }));
    expect(await screen.findByText('me: bob-sub')).toBeTruthy();
    // Never "me: alice-sub" under bob, not even for one commit: the key changed and the cache was cleared.
    expect(committed).not.toContain('me: alice-sub');
    expect(committed.at(-1)).toBe('me: bob-sub');
    expect(apiCalls(idp)).toHaveLength(2);
  });

  it('useAuthFetch sends mutations with the token', async () => {
    const idp = createFakeIdp();
    idp.api = (request, sub) => json({ method: request.method, sub }, 201);
    const client = makeClient(idp);
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    function Save() {
      const authFetch = useAuthFetch();
      const save = useMutation({ mutationFn: () => authFetch(`${API}/notes`, { method: 'POST', body: '{}' }).then(readJson) });
      return (
        <button type="button" onClick={() => save.mutate()}>
          {save.isSuccess ? JSON.stringify(save.data) : 'save'}
        </button>
      );
    }
    renderStrict(
      <AuthProvider client={client}>
        <Save />
      </AuthProvider>,
    );
    act(() => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('{"method":"POST","sub":"alice-sub"}'));
    expect(idp.requestsTo('/notes').map((r) => r.authorization)).toEqual(['Bearer at-1']);
  });
});

describe('user-scoped query keys', () => {
  it('authQueryKey puts the prefix and the sub before your key, so each user and signed-out get their own key', () => {
    expect(AUTH_QUERY_KEY_PREFIX).toBe('ropc-kit:user');
    expect(authQueryKey('alice-sub', ['todos', { page: 2 }])).toEqual(['ropc-kit:user', 'alice-sub', 'todos', { page: 2 }]);
    expect(authQueryKey(null, ['todos'])).toEqual(['ropc-kit:user', null, 'todos']);
    expect(authQueryKey('alice-sub', ['todos'])).not.toEqual(authQueryKey('bob-sub', ['todos']));
    expect(authQueryKey(null, ['todos'])).not.toEqual(authQueryKey('alice-sub', ['todos']));
  });

  it('useAuthQueryKey follows the signed-in user: signed out, alice, kept across a refresh, then bob', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp);
    const keys: string[] = [];
    function Key() {
      const key = JSON.stringify(useAuthQueryKey(['todos']));
      keys.push(key);
      return <p data-testid="key">{key}</p>;
    }
    renderStrict(
      <AuthProvider client={client}>
        <Key />
      </AuthProvider>,
    );
    const shown = () => JSON.parse(screen.getByTestId('key').textContent ?? 'null') as unknown;
    const signedOut = ['ropc-kit:user', null, 'todos'];
    expect(shown()).toEqual(signedOut);

    await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    const alice = ['ropc-kit:user', 'alice-sub', 'todos'];
    expect(shown()).toEqual(alice);

    // A token refresh keeps the user, so the key and the component stay as they are.
    const rendersBefore = keys.length;
    await act(() => client.refresh());
    expect(client.getUser()?.access_token).toBe('at-2');
    expect(shown()).toEqual(alice);
    expect(keys.length).toBe(rendersBefore);

    // Another user signs in over alice's session: another key.
    await act(() => client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder-password' }));
    expect(shown()).toEqual(['ropc-kit:user', 'bob-sub', 'todos']);

    await act(() => client.signout());
    expect(shown()).toEqual(signedOut);
  });

  it('useAuthQueryKey is the key useAuthQueryOptions caches under, so it sets and invalidates that data', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp);
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    function Edit() {
      const key = useAuthQueryKey(['me']);
      const queryClient = useQueryClient();
      return (
        <>
          <button type="button" onClick={() => queryClient.setQueryData(key, 'renamed')}>
            rename
          </button>
          <button type="button" onClick={() => void queryClient.invalidateQueries({ queryKey: key })}>
            reload
          </button>
        </>
      );
    }
    renderStrict(
      <QueryClientProvider client={new QueryClient()}>
        <AuthProvider client={client}>
          <Me />
          <Edit />
        </AuthProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('me: alice-sub')).toBeTruthy();
    act(() => screen.getByRole('button', { name: 'rename' }).click());
    // TanStack Query notifies observers in a batch after the current task.
    expect(await screen.findByText('me: renamed')).toBeTruthy();
    act(() => screen.getByRole('button', { name: 'reload' }).click());
    expect(await screen.findByText('me: alice-sub')).toBeTruthy();
    expect(apiCalls(idp)).toEqual(['Bearer at-1', 'Bearer at-1']);
  });
});

describe('authRetry', () => {
  it('retries transient failures up to 3 times and never errors that end the session or a 4xx', () => {
    const response = (status: number) => new Response(null, { status });
    expect(authRetry(0, new AuthError('network_error', 'x'))).toBe(true);
    expect(authRetry(0, new AuthError('timeout', 'x'))).toBe(true);
    expect(authRetry(0, new HttpError(response(503)))).toBe(true);
    expect(authRetry(0, new HttpError(response(429)))).toBe(true);
    expect(authRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(authRetry(3, new AuthError('network_error', 'x'))).toBe(false);
    for (const code of ['invalid_grant', 'no_session', 'invalid_client', 'invalid_response', 'origin_not_allowed', 'insecure_endpoint']) {
      expect(authRetry(0, new AuthError(code, 'x'))).toBe(false);
    }
    expect(authRetry(0, new HttpError(response(401)))).toBe(false);
    expect(authRetry(0, new HttpError(response(404)))).toBe(false);
  });

  it('HttpError names the status', () => {
    const error = new HttpError(new Response(null, { status: 401, statusText: 'Unauthorized' }));
    expect(error.message).toBe('HTTP 401 Unauthorized from the API');
    expect(error.name).toBe('HttpError');
    expect(error.status).toBe(401);
  });

  it('HttpError keeps its name when a minifier renames the class', () => {
    const original = Object.getOwnPropertyDescriptor(HttpError, 'name');
    // What a production bundle does: `class HttpError` becomes `class e`.
    Object.defineProperty(HttpError, 'name', { value: 'e', configurable: true });
    try {
      expect(new HttpError(new Response(null, { status: 500 })).name).toBe('HttpError');
    } finally {
      if (original !== undefined) Object.defineProperty(HttpError, 'name', original);
    }
  });

  it('a subclass of HttpError keeps its own name', () => {
    class NotesError extends HttpError {}
    expect(new NotesError(new Response(null, { status: 500 })).name).toBe('NotesError');
  });
});
