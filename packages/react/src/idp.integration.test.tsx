import { afterEach, describe, expect, inject, it } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useQuery } from '@tanstack/react-query';
import { createAuthClient } from '@ropc-kit/core';
import { AuthProvider } from './AuthProvider.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { useAuthQueryOptions } from './authQuery.ts';
import { readJson } from './queryDefaults.ts';
import { useAuth } from './useAuth.ts';
import { renderStrict } from './test/setup.tsx';

// Started by src/test/globalSetup.ts in the main process.
const { issuer, apiUrl, clientId } = inject('ropcStack');

/** What the app sent: method, path and grant type. Real network, recorded at the fetch boundary. */
let sent: { method: string; path: string; grantType: string | null }[] = [];

const recordingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, { ...init, signal: null });
  const form = request.method === 'POST' ? new URLSearchParams(await request.clone().text()) : null;
  sent.push({ method: request.method, path: new URL(request.url).pathname, grantType: form?.get('grant_type') ?? null });
  return fetch(input, init);
};

afterEach(() => {
  cleanup();
  sent = [];
});

function Notes() {
  const name = useAuth((auth) => auth.user?.profile.name);
  const signout = useAuth((auth) => auth.signout);
  const notes = useQuery(
    useAuthQueryOptions({
      queryKey: ['notes'],
      queryFn: async ({ fetch }) => {
        const body = await fetch(`${apiUrl}/api/notes`).then(readJson);
        if (typeof body !== 'object' || body === null || !('notes' in body) || !Array.isArray(body.notes)) throw new TypeError('notes');
        return body.notes.map(String);
      },
    }),
  );
  return (
    <section>
      <h1>Hello {name}</h1>
      <ul>{notes.data?.map((note) => <li key={note}>{note}</li>)}</ul>
      <button type="button" onClick={() => void notes.refetch()}>
        Reload
      </button>
      <button type="button" onClick={() => void signout()}>
        Sign out
      </button>
    </section>
  );
}

function renderApp() {
  const client = createAuthClient({ authority: issuer, client_id: clientId, fetch: recordingFetch, locks: null, apiOrigins: [new URL(apiUrl).origin] });
  renderStrict(
    <AuthProvider client={client}>
      <RequireAuth>
        <Notes />
      </RequireAuth>
    </AuthProvider>,
  );
  return { client, user: userEvent.setup() };
}

async function signIn(user: ReturnType<typeof userEvent.setup>, username: string, password: string) {
  await user.type(screen.getByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('against the local OpenID provider', () => {
  it('signs in with one token request, loads protected data and signs out with revocation', async () => {
    const { user } = renderApp();
    await waitFor(() => expect(sent.map((r) => r.path)).toEqual(['/.well-known/openid-configuration']));
    await signIn(user, 'alice', 'wonderland');
    expect(await screen.findByRole('heading', { name: 'Hello Alice Liddell' })).toBeTruthy();
    expect(await screen.findByText('Follow the white rabbit')).toBeTruthy();
    expect(sent.filter((r) => r.grantType !== null).map((r) => r.grantType)).toEqual(['password']);
    expect(sent.filter((r) => r.path === '/api/notes')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByLabelText('Password')).toBeTruthy();
    await waitFor(() => expect(sent.filter((r) => r.path.includes('revo')).length).toBeGreaterThan(0));
  });

  it('when the IdP revokes the grant, the API 401 leads to one failed refresh and back to the form, and nothing more is sent', async () => {
    const { client, user } = renderApp();
    await signIn(user, 'alice', 'wonderland');
    expect(await screen.findByText('Follow the white rabbit')).toBeTruthy();
    const metadata = await client.getMetadata();
    // RFC 7009: revoking the access token; this IdP revokes the whole grant with it.
    const revocation = await fetch(String(metadata.revocation_endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: client.getUser()?.access_token ?? '', token_type_hint: 'access_token', client_id: clientId }).toString(),
    });
    expect(revocation.status).toBe(200);
    sent = [];
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByLabelText('Password')).toBeTruthy();
    expect(client.getSnapshot().error?.code).toBe('invalid_grant');
    expect(sent.map((r) => `${r.method} ${r.path} ${r.grantType ?? ''}`.trim())).toEqual([
      'GET /api/notes',
      'POST /token refresh_token',
    ]);
  });

  it('shows the wrong-credentials message and the server-described account problem', async () => {
    const { user } = renderApp();
    await signIn(user, 'alice', 'not-wonderland');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The username or password is incorrect.'));
    expect((screen.getByLabelText<HTMLInputElement>('Password')).value).toBe('');

    await act(async () => {
      await user.clear(screen.getByLabelText('Username'));
    });
    await signIn(user, 'mallory', 'locked-out');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Account is disabled.'));
  });
});
