import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from './AuthProvider.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { createFakeIdp } from './test/fakeIdp.ts';
import { makeClient, renderStrict } from './test/setup.tsx';

afterEach(() => cleanup());

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
