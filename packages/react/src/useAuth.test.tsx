import { afterEach, describe, expect, it, vi } from 'vitest';
import { Profiler, StrictMode } from 'react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { AuthProvider } from './AuthProvider.tsx';
import { useAuth } from './useAuth.ts';
import { useAuthFetch } from './authQuery.ts';
import { createFakeIdp } from './test/fakeIdp.ts';
import { makeClient, mapStorage, renderStrict } from './test/setup.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function Session() {
  const auth = useAuth();
  return <p data-testid="session">{auth.isAuthenticated ? `${auth.status}:${auth.user.profile.name}` : auth.status}</p>;
}

describe('useAuth', () => {
  it('throws outside an AuthProvider with a message saying what to do, from whichever hook was called', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const advice =
      'useAuth, useAuthFetch and the other ropc-kit hooks must be used inside <AuthProvider>. Wrap your app in <AuthProvider client={authClient}> (or <AuthProvider settings={...}>) from @ropc-kit/react.';
    expect(() => renderStrict(<Session />)).toThrow(advice);
    function Fetcher() {
      useAuthFetch();
      return null;
    }
    expect(() => renderStrict(<Fetcher />)).toThrow(advice);
  });

  it('exposes only the AuthState fields of a custom client snapshot, never extra keys over its actions', () => {
    const client = makeClient(createFakeIdp());
    const snapshot = Object.freeze({ ...client.getSnapshot(), signout: 'not a function', debug: true });
    const custom = { ...client, getSnapshot: () => snapshot };
    const seen: object[] = [];
    function Probe() {
      seen.push(useAuth());
      return null;
    }
    renderStrict(
      <AuthProvider client={custom}>
        <Probe />
      </AuthProvider>,
    );
    expect(seen.at(-1)).not.toHaveProperty('debug');
    expect(seen.at(-1)).toHaveProperty('signout', expect.any(Function));
  });

  it('is authenticated on the first render with a stored session, without a token request', async () => {
    const storage = mapStorage();
    const idp = createFakeIdp();
    await makeClient(idp, { storage }).signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    idp.requests.length = 0;
    // A page reload: a new client over the same storage.
    const client = makeClient(idp, { storage });
    const firstRender: string[] = [];
    function FirstRender() {
      const auth = useAuth();
      firstRender.push(`${auth.status}:${String(auth.isLoading)}`);
      return null;
    }
    renderStrict(
      <AuthProvider client={client}>
        <FirstRender />
        <Session />
      </AuthProvider>,
    );
    expect(firstRender[0]).toBe('signedIn:false');
    expect(new Set(firstRender)).toEqual(new Set(['signedIn:false']));
    expect(screen.getByTestId('session').textContent).toBe('signedIn:Alice');
    await act(async () => {});
    expect(idp.requestsTo('/token')).toEqual([]);
  });

  it('with a selector, does not re-render on a token refresh; without one, re-renders once per state change', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp);
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    const commits = { name: 0, status: 0, whole: 0 };
    function Name() {
      return <span>{useAuth((auth) => auth.user?.profile.name)}</span>;
    }
    function StatusOnly() {
      return <span>{useAuth((auth) => auth.status)}</span>;
    }
    render(
      <StrictMode>
        <AuthProvider client={client}>
          <Profiler id="name" onRender={() => void (commits.name += 1)}>
            <Name />
          </Profiler>
          <Profiler id="status" onRender={() => void (commits.status += 1)}>
            <StatusOnly />
          </Profiler>
          <Profiler id="whole" onRender={() => void (commits.whole += 1)}>
            <Session />
          </Profiler>
        </AuthProvider>
      </StrictMode>,
    );
    expect(commits).toEqual({ name: 1, status: 1, whole: 1 });
    const before = client.getUser();
    let refreshed: Promise<unknown> = Promise.resolve();
    act(() => {
      refreshed = client.refresh();
    });
    expect(screen.getByTestId('session').textContent).toBe('refreshing:Alice');
    await act(() => refreshed);
    expect(client.getUser()?.access_token).not.toBe(before?.access_token);
    expect(screen.getByTestId('session').textContent).toBe('signedIn:Alice');
    // refreshStart and refreshSuccess: two commits for the whole value and the status, none for the name.
    expect(commits).toEqual({ name: 1, status: 3, whole: 3 });
  });

  it('returns the same object for the same snapshot, and tolerates selectors that build new objects', async () => {
    const client = makeClient(createFakeIdp());
    const values: unknown[] = [];
    function Both() {
      values.push(useAuth());
      const view = useAuth((auth) => ({ name: auth.user?.profile.name ?? 'nobody' }));
      return <p data-testid="view">{view.name}</p>;
    }
    const consoleError = vi.spyOn(console, 'error');
    const view = renderStrict(
      <AuthProvider client={client}>
        <Both />
      </AuthProvider>,
    );
    view.rerender(
      <AuthProvider client={client}>
        <Both />
      </AuthProvider>,
    );
    expect(values.length).toBeGreaterThan(1);
    expect(new Set(values).size).toBe(1);
    await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    expect(screen.getByTestId('view').textContent).toBe('Alice');
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('turns isAuthenticated false at expiry when renewal fails, without any user action', async () => {
    vi.useFakeTimers();
    const idp = createFakeIdp({ expiresIn: 120 });
    const client = makeClient(idp);
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    idp.tokenOverride = () => {
      throw new TypeError('fetch failed');
    };
    renderStrict(
      <AuthProvider client={client}>
        <Session />
      </AuthProvider>,
    );
    expect(screen.getByTestId('session').textContent).toBe('signedIn:Alice');
    // The renewal timer refreshes 60 s before expiry; every refresh fails (network down).
    await act(() => vi.advanceTimersByTimeAsync(119_000));
    expect(idp.requestsTo('/token').length).toBeGreaterThan(1);
    expect(screen.getByTestId('session').textContent).toBe('signedIn:Alice');
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(screen.getByTestId('session').textContent).toBe('signedOut');
    expect(client.getSnapshot().error?.code).toBe('network_error');
  });
});
