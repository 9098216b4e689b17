import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import * as core from '@ropc-kit/core';

type Core = typeof core;
import { AuthProvider } from './AuthProvider.tsx';
import { useAuth } from './useAuth.ts';
import { CLIENT_ID, createFakeIdp, ISSUER } from './test/fakeIdp.ts';
import { renderStrict } from './test/setup.tsx';

// Count real constructions: creating a client reads (and may clean) storage, so even a
// discarded one is a side effect StrictMode must not double.
vi.mock('@ropc-kit/core', async (importOriginal) => {
  const actual = await importOriginal<Core>();
  return { ...actual, createAuthClient: vi.fn(actual.createAuthClient) };
});

afterEach(cleanup);

describe('AuthProvider with settings under StrictMode', () => {
  it('calls createAuthClient exactly once, across re-renders too', async () => {
    const idp = createFakeIdp({ expiresIn: 120 });
    const settings = { authority: ISSUER, client_id: CLIENT_ID, fetch: idp.fetch, locks: null };
    function Status() {
      return <p data-testid="status">{useAuth((auth) => auth.status)}</p>;
    }
    const view = renderStrict(
      <AuthProvider settings={settings}>
        <Status />
      </AuthProvider>,
    );
    await act(async () => {});
    expect(screen.getByTestId('status').textContent).toBe('signedOut');
    view.rerender(
      <AuthProvider settings={{ ...settings }}>
        <Status />
      </AuthProvider>,
    );
    expect(vi.mocked(core.createAuthClient)).toHaveBeenCalledTimes(1);
  });
});
