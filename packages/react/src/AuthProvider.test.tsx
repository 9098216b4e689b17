import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import type { AuthClient } from '@ropc-kit/core';
import { AuthProvider } from './AuthProvider.tsx';
import { useAuth } from './useAuth.ts';
import { CLIENT_ID, createFakeIdp, ISSUER, json } from './test/fakeIdp.ts';
import { makeClient, mapStorage, renderStrict } from './test/setup.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('AuthProvider', () => {
  it('creates one client from settings under StrictMode, with one renewal timer and no request over a stored session', async () => {
    vi.useFakeTimers();
    const storage = mapStorage();
    const idp = createFakeIdp({ expiresIn: 120 });
    await makeClient(idp, { storage }).signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    idp.requests.length = 0;
    const clients = new Set<AuthClient>();
    function Probe() {
      const auth = useAuth();
      clients.add(auth.client);
      return <p data-testid="status">{auth.status}</p>;
    }
    const settings = { authority: ISSUER, client_id: CLIENT_ID, fetch: idp.fetch, locks: null, storage };
    const view = renderStrict(
      <AuthProvider settings={settings}>
        <Probe />
      </AuthProvider>,
    );
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('status').textContent).toBe('signedIn');
    expect(clients.size).toBe(1);
    // Only the renewal timer of the one subscribed client is pending.
    expect(vi.getTimerCount()).toBe(1);
    // Restoring needs nothing from the network; discovery waits for the first refresh.
    expect(idp.requests).toEqual([]);

    view.rerender(
      <AuthProvider settings={{ ...settings, client_id: 'another' }}>
        <Probe />
      </AuthProvider>,
    );
    expect(clients.size).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(idp.requestsTo('/token').map((r) => r.form?.get('grant_type'))).toEqual(['refresh_token']);
    view.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('prefetches discovery once while signed out (StrictMode too), so the sign-in is one request', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp);
    renderStrict(<AuthProvider client={client} />);
    // Not client.getMetadata() here: that would send the request itself.
    await waitFor(() => expect(idp.requests.map((r) => r.path)).toEqual(['/.well-known/openid-configuration']));
    await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    expect(idp.requests.map((r) => r.path)).toEqual(['/.well-known/openid-configuration', '/token']);
  });

  it('prefetches discovery when a restored session ends, ready for the next sign-in', async () => {
    vi.useFakeTimers();
    const storage = mapStorage();
    const idp = createFakeIdp({ expiresIn: 120 });
    // A session without a refresh token: it ends at expiry, with no request of its own.
    idp.tokenOverride = () => json({ access_token: 'at-only', token_type: 'Bearer', expires_in: 120 });
    await makeClient(idp, { storage }).signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    idp.requests.length = 0;
    const client = makeClient(idp, { storage });
    renderStrict(<AuthProvider client={client} />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect([client.getSnapshot().status, idp.requests.length]).toEqual(['signedIn', 0]);
    await act(() => vi.advanceTimersByTimeAsync(121_000));
    expect(client.getSnapshot().status).toBe('signedOut');
    expect(idp.requests.map((r) => r.path)).toEqual(['/.well-known/openid-configuration']);
  });

  it('provides its own QueryClient when the app has none, and uses the app one otherwise', () => {
    const client = makeClient(createFakeIdp());
    const seen: QueryClient[] = [];
    function Probe() {
      seen.push(useQueryClient());
      return null;
    }
    renderStrict(
      <AuthProvider client={client}>
        <Probe />
      </AuthProvider>,
    );
    expect(seen[0]).toBeInstanceOf(QueryClient);
    expect(seen[0]?.getDefaultOptions().queries?.retry).toBeTypeOf('function');
    cleanup();
    const appQueryClient = new QueryClient();
    seen.length = 0;
    renderStrict(
      <QueryClientProvider client={appQueryClient}>
        <AuthProvider client={client}>
          <Probe />
        </AuthProvider>
      </QueryClientProvider>,
    );
    expect(new Set(seen)).toEqual(new Set([appQueryClient]));
  });

  it('clears the query cache on sign-out and when the user changes, not on a refresh', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp);
    const queryClient = new QueryClient();
    renderStrict(
      <QueryClientProvider client={queryClient}>
        <AuthProvider client={client}>
          <p />
        </AuthProvider>
      </QueryClientProvider>,
    );
    await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    queryClient.setQueryData(['notes'], ['alice note']);
    await act(() => client.refresh());
    expect(queryClient.getQueryData(['notes'])).toEqual(['alice note']);

    await act(() => client.signout());
    expect(queryClient.getQueryData(['notes'])).toBeUndefined();
    expect(queryClient.getQueryCache().getAll()).toEqual([]);

    await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    queryClient.setQueryData(['notes'], ['alice note']);
    await act(() => client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder-password' }));
    expect(client.getUser()?.profile.sub).toBe('bob-sub');
    expect(queryClient.getQueryData(['notes'])).toBeUndefined();
  });

  it('clears the query cache when another tab signs in a different user', async () => {
    localStorage.clear();
    const idp = createFakeIdp();
    const tab = makeClient(idp, { storage: 'local' });
    await tab.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    const queryClient = new QueryClient();
    renderStrict(
      <QueryClientProvider client={queryClient}>
        <AuthProvider client={tab}>
          <p />
        </AuthProvider>
      </QueryClientProvider>,
    );
    queryClient.setQueryData(['notes'], ['alice note']);
    // The other tab signs in as bob; this tab hears of it through the storage event.
    await makeClient(idp, { storage: 'local' }).signinResourceOwnerCredentials({ username: 'bob', password: 'builder-password' });
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key: `ropc-kit:${CLIENT_ID}` })));
    expect(tab.getSnapshot().status).toBe('signedIn');
    expect(tab.getUser()?.profile.sub).toBe('bob-sub');
    expect(queryClient.getQueryData(['notes'])).toBeUndefined();
    localStorage.clear();
  });

  it('throws a TypeError saying what to pass when given neither client nor settings', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // @ts-expect-error -- neither `client` nor `settings`
    expect(() => renderStrict(<AuthProvider />)).toThrow(
      'AuthProvider needs a `client` prop (from createAuthClient(settings)) or a `settings` prop.',
    );
    vi.restoreAllMocks();
  });
});
