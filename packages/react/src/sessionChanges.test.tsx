import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from './AuthProvider.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { useAuth } from './useAuth.ts';
import { CLIENT_ID, createFakeIdp, json } from './test/fakeIdp.ts';
import { authQueryKey } from './authQuery.ts';
import { makeClient, renderStrict } from './test/setup.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('a sign-in while signed in', () => {
  it('keeps the protected page mounted and the query cache when it fails', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp);
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    const queryClient = new QueryClient();
    queryClient.setQueryData(['inbox'], ['alice mail']);
    renderStrict(
      <QueryClientProvider client={queryClient}>
        <AuthProvider client={client}>
          <RequireAuth fallback={<p>login</p>}>
            <p>secret page</p>
          </RequireAuth>
        </AuthProvider>
      </QueryClientProvider>,
    );
    const seen: string[] = [];
    client.subscribe(() => seen.push(`${client.getSnapshot().status}:${screen.queryByText('secret page') === null ? 'login' : 'page'}`));
    const error = await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'typo' }).catch((e: unknown) => e));
    expect(seen).toEqual(['signedIn:page']);
    expect(client.getSnapshot()).toMatchObject({ status: 'signedIn', user: { profile: { sub: 'alice-sub' } }, error });
    expect(screen.queryByText('secret page')).not.toBeNull();
    expect(queryClient.getQueryData(['inbox'])).toEqual(['alice mail']);
  });
});

describe('sign-out when revocation fails', () => {
  function Account() {
    const { user, error, signout } = useAuth();
    return (
      <>
        <p>{user === null ? 'signed out' : `signed in as ${String(user.profile.name)}`}</p>
        {error !== null && <p role="alert">{`${error.code}: ${error.message}`}</p>}
        <button type="button" onClick={() => void signout()}>
          Sign out
        </button>
      </>
    );
  }

  it('lets onClick={() => void signout()} clear the session without an unhandled rejection, and shows the failure from useAuth().error', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp, {
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
        return url.endsWith('/token/revocation') ? Promise.reject(new TypeError('fetch failed')) : idp.fetch(input, init);
      },
    });
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    renderStrict(
      <AuthProvider client={client}>
        <Account />
      </AuthProvider>,
    );
    expect(screen.getByText('signed in as Alice')).not.toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'revocation_failed: sign-out: the session was cleared but the tokens could not be revoked: revocation: could not reach https://idp.example.test/token/revocation',
      ),
    );
    expect(screen.getByText('signed out')).not.toBeNull();
  });
});

describe('the query cache for users without sub (no id_token)', () => {
  /** A provider that issues no id_token: users have no `sub`, so every user's keys are `[..., null, ...]`. */
  function plainIdp() {
    const idp = createFakeIdp();
    let n = 0;
    idp.tokenOverride = () => {
      n += 1;
      return json({ access_token: `plain-${n}`, token_type: 'Bearer', expires_in: 3600, refresh_token: `prt-${n}` });
    };
    return idp;
  }

  it('is cleared when another tab switches the user', async () => {
    const idp = plainIdp();
    const client = makeClient(idp, { storage: 'local' });
    const queryClient = new QueryClient();
    renderStrict(
      <QueryClientProvider client={queryClient}>
        <AuthProvider client={client}>
          <p>app</p>
        </AuthProvider>
      </QueryClientProvider>,
    );
    await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }).then(() => {}));
    queryClient.setQueryData(authQueryKey(null, ['inbox']), ['alice mail']);
    const otherTab = makeClient(idp, { storage: 'local' });
    await otherTab.signinResourceOwnerCredentials({ username: 'bob', password: 'builder-password' });
    await act(async () => {
      window.dispatchEvent(new StorageEvent('storage', { key: `ropc-kit:${CLIENT_ID}` }));
    });
    expect(client.getUser()?.access_token).toBe('plain-2');
    expect(queryClient.getQueryData(authQueryKey(null, ['inbox']))).toBeUndefined();
  });

  it('is kept when this tab refreshes the session', async () => {
    const idp = plainIdp();
    const client = makeClient(idp);
    const queryClient = new QueryClient();
    renderStrict(
      <QueryClientProvider client={queryClient}>
        <AuthProvider client={client}>
          <p>app</p>
        </AuthProvider>
      </QueryClientProvider>,
    );
    await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }).then(() => {}));
    queryClient.setQueryData(authQueryKey(null, ['inbox']), ['alice mail']);
    await act(() => client.refresh().then(() => {}));
    expect(client.getUser()?.access_token).toBe('plain-2');
    expect(queryClient.getQueryData(authQueryKey(null, ['inbox']))).toEqual(['alice mail']);
  });
});
