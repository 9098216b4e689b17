import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { API, CLIENT_ID, ISSUER, createFakeIdp, json } from './test/fakeIdp.ts';
import { renderStrict } from './test/setup.tsx';

// `DEV` is read when dev.ts is evaluated, so each test loads fresh copies of the modules with
// NODE_ENV stubbed, which dev.ts's runtime check reads (a production bundle gets dev.production.ts instead).
async function loadWith(nodeEnv: string) {
  vi.resetModules();
  vi.stubEnv('NODE_ENV', nodeEnv);
  const [dev, core, messages, react] = await Promise.all([
    import('./dev.ts'),
    import('@ropc-kit/core'),
    import('./loginMessages.ts'),
    import('./index.ts'),
  ]);
  return { DEV: dev.DEV, ...core, ...messages, ...react };
}

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('DEV', () => {
  it.each([
    ['production', false],
    ['development', true],
    ['test', true],
  ])('is %s -> %s, read from process.env.NODE_ENV', async (nodeEnv, expected) => {
    expect((await loadWith(nodeEnv)).DEV).toBe(expected);
  });
});

it.each([
  ['development', 'AuthClientContext'],
  ['production', undefined],
])('names the context for React DevTools only outside production (NODE_ENV=%s)', async (nodeEnv, displayName) => {
  await loadWith(nodeEnv);
  const { AuthClientContext } = await import('./context.ts');
  expect(AuthClientContext.displayName).toBe(displayName);
});

describe('in production (NODE_ENV=production)', () => {
  it('names the misconfiguration code in the developer message, without the hint, and keeps the user texts', async () => {
    const { AuthError, describeLoginFailure, defaultLoginFormTexts } = await loadWith('production');
    const misconfigured = new AuthError('invalid_client', 'token request failed', { status: 401, error_description: 'unknown client' });
    expect(describeLoginFailure(misconfigured, defaultLoginFormTexts)).toEqual({
      message: 'Sign-in is not available right now. Please try again later or contact support.',
      passwordInvalid: false,
      developerMessage: '[ropc-kit] LoginForm: sign-in failed with "invalid_client"',
    });
    expect(describeLoginFailure(new AuthError('invalid_grant', 'token request failed', { status: 400 }), defaultLoginFormTexts)).toEqual({
      message: 'The username or password is incorrect.',
      passwordInvalid: true,
      developerMessage: null,
    });
    expect(describeLoginFailure(new TypeError('boom'), defaultLoginFormTexts).developerMessage).toBe(
      '[ropc-kit] LoginForm: unexpected failure: TypeError: boom',
    );
  });

  it('LoginForm logs the short message with the error (which keeps the server description) and shows the user text', async () => {
    const { LoginForm, AuthProvider, createAuthClient } = await loadWith('production');
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const idp = createFakeIdp();
    idp.tokenOverride = () => json({ error: 'unauthorized_client', error_description: 'grant not allowed' }, 400);
    // The client of the freshly loaded core: its AuthError is the one the fresh LoginForm recognises.
    const client = createAuthClient({ authority: ISSUER, client_id: CLIENT_ID, fetch: idp.fetch, locks: null, apiOrigins: [API] });
    renderStrict(
      <AuthProvider client={client}>
        <LoginForm />
      </AuthProvider>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'wonderland{Enter}');
    await waitFor(() => expect(consoleError).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('alert').textContent).toBe('Sign-in is not available right now. Please try again later or contact support.');
    expect(consoleError).toHaveBeenCalledWith(
      '[ropc-kit] LoginForm: sign-in failed with "unauthorized_client"',
      expect.objectContaining({ code: 'unauthorized_client', error_description: 'grant not allowed' }),
    );
    expect(JSON.stringify(consoleError.mock.calls)).not.toContain('wonderland');
  });

  it('useAuth outside an AuthProvider throws a short message naming the hook', async () => {
    const { useAuth } = await loadWith('production');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function Session() {
      return <p>{useAuth().status}</p>;
    }
    expect(() => renderStrict(<Session />)).toThrow(new Error('useAuth outside <AuthProvider>'));
  });

  it('AuthProvider without client or settings throws a short TypeError naming both props', async () => {
    const { AuthProvider } = await loadWith('production');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // @ts-expect-error -- neither `client` nor `settings`
    expect(() => renderStrict(<AuthProvider />)).toThrow(new TypeError('AuthProvider: no client or settings'));
  });
});
