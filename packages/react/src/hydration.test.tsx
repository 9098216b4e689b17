import { afterEach, describe, expect, it, vi } from 'vitest';
import { StrictMode } from 'react';
import { act } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { AuthProvider } from './AuthProvider.tsx';
import { useAuth } from './useAuth.ts';
import { createFakeIdp } from './test/fakeIdp.ts';
import { makeClient } from './test/setup.tsx';

let root: Root | null = null;

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  vi.restoreAllMocks();
});

function Page() {
  const auth = useAuth();
  return <p>{auth.isAuthenticated ? `Hello ${auth.user.profile.name}` : 'Please sign in'}</p>;
}

describe('hydration', () => {
  it('hydrates the signed-out server HTML without a mismatch, then shows the stored session', async () => {
    const client = makeClient(createFakeIdp());
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    const app = (
      <StrictMode>
        <AuthProvider client={client}>
          <Page />
        </AuthProvider>
      </StrictMode>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(app);
    expect(container.textContent).toBe('Please sign in');
    const consoleError = vi.spyOn(console, 'error');
    const recoverable = vi.fn();
    await act(async () => {
      root = hydrateRoot(container, app, { onRecoverableError: recoverable });
    });
    expect(container.textContent).toBe('Hello Alice');
    expect(recoverable).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
  });
});
