import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { AuthError } from '@ropc-kit/core';
import { AuthProvider } from './AuthProvider.tsx';
import { authQueryKey, useAuthFetch, useAuthQueryOptions } from './authQuery.ts';
import { HttpError, authRetry, readJson } from './queryDefaults.ts';
import { API, createFakeIdp, json, type FakeIdp } from './test/fakeIdp.ts';
import { makeClient, renderStrict } from './test/setup.tsx';

afterEach(cleanup);

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
  if (query.isError) return <p data-testid="me">error: {query.error.message}</p>;
  return <p data-testid="me">{query.isPending ? `pending:${query.fetchStatus}` : `me: ${query.data}`}</p>;
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

  it('are disabled while signed out and never show the previous user data to the next user', async () => {
    const { idp, client } = await signedIn();
    expect(await screen.findByText('me: alice-sub')).toBeTruthy();
    await act(() => client.signout());
    expect(screen.getByTestId('me').textContent).toBe('pending:idle');
    await act(() => client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder-password' }));
    // Never "me: alice-sub" under bob: the key changed and the cache was cleared.
    expect(screen.getByTestId('me').textContent).toBe('pending:fetching');
    expect(await screen.findByText('me: bob-sub')).toBeTruthy();
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

describe('authRetry', () => {
  it('retries transient failures up to 3 times and never errors that end the session or a 4xx', () => {
    const response = (status: number) => new Response(null, { status });
    expect(authRetry(0, new AuthError('network_error', 'x'))).toBe(true);
    expect(authRetry(0, new AuthError('timeout', 'x'))).toBe(true);
    expect(authRetry(0, new HttpError(response(503)))).toBe(true);
    expect(authRetry(0, new HttpError(response(429)))).toBe(true);
    expect(authRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(authRetry(3, new AuthError('network_error', 'x'))).toBe(false);
    for (const code of ['invalid_grant', 'no_session', 'invalid_client', 'invalid_response']) {
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
});
