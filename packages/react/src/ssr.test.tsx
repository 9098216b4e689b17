// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { AuthProvider } from './AuthProvider.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { useAuth } from './useAuth.ts';
import { CLIENT_ID, createFakeIdp, ISSUER } from './test/fakeIdp.ts';
import { makeClient } from './test/setup.tsx';

function Page() {
  const status = useAuth((auth) => auth.status);
  return (
    <main>
      <p>status: {status}</p>
      <RequireAuth>
        <p>secret page</p>
      </RequireAuth>
    </main>
  );
}

describe('server rendering', () => {
  it('renders the signed-out view from the server snapshot, even for a signed-in client, without browser APIs', async () => {
    expect(typeof window).toBe('undefined');
    const idp = createFakeIdp();
    const client = makeClient(idp);
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    idp.requests.length = 0;
    const html = renderToString(
      <StrictMode>
        <AuthProvider client={client}>
          <Page />
        </AuthProvider>
      </StrictMode>,
    );
    expect(html).toContain('status: <!-- -->signedOut');
    expect(html).not.toContain('secret page');
    expect(html).toMatch(/autocomplete="current-password"/i);
    expect(html).toContain('type="submit"');
    // Effects do not run on the server: no discovery prefetch.
    expect(idp.requests).toEqual([]);
  });

  it('renders with settings (the provider creates the client) and memory storage', () => {
    const idp = createFakeIdp();
    const html = renderToString(
      <StrictMode>
        <AuthProvider settings={{ authority: ISSUER, client_id: CLIENT_ID, fetch: idp.fetch }}>
          <Page />
        </AuthProvider>
      </StrictMode>,
    );
    expect(html).toContain('status: <!-- -->signedOut');
    expect(idp.requests).toEqual([]);
  });
});
