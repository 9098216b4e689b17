import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { isAuthError, type AuthClientSettings, type User } from '@ropc-kit/core';
import { AuthProvider } from './AuthProvider.tsx';
import { LoginForm, type LoginFormProps } from './LoginForm.tsx';
import { createFakeIdp, json, type FakeIdp, type TokenOverride } from './test/fakeIdp.ts';
import { makeClient, renderStrict } from './test/setup.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function attempt(override: TokenOverride | null, props: LoginFormProps = {}, settings: Partial<AuthClientSettings> = {}) {
  const idp: FakeIdp = createFakeIdp();
  idp.tokenOverride = override;
  renderStrict(
    <AuthProvider client={makeClient(idp, settings)}>
      <LoginForm {...props} />
    </AuthProvider>,
  );
  const user = userEvent.setup();
  const password = screen.getByLabelText<HTMLInputElement>(props.texts?.passwordLabel ?? 'Password');
  await user.type(screen.getByLabelText(props.texts?.usernameLabel ?? 'Username'), 'alice');
  await user.type(password, 'wonderland');
  await user.click(screen.getByRole('button', { name: props.texts?.submit ?? 'Sign in' }));
  const alert = screen.getByRole('alert');
  await waitFor(() => expect(alert.textContent).not.toBe(''));
  await waitFor(() => expect(password.value).toBe(''));
  return { idp, alert, password, user };
}

describe('LoginForm error messages', () => {
  it('says how long to wait after too many attempts (HTTP 429 with Retry-After)', async () => {
    const { alert } = await attempt(() => json({ error: 'invalid_request', error_description: 'slow down' }, 429, { 'retry-after': '30' }));
    expect(alert.textContent).toBe('Too many sign-in attempts. Try again in 30 seconds.');
  });

  it('says the service is unavailable, with the wait, on HTTP 503', async () => {
    const { alert, password } = await attempt(() => new Response('down', { status: 503, headers: { 'retry-after': '120' } }));
    expect(alert.textContent).toBe('The sign-in service is temporarily unavailable. Try again in 2 minutes.');
    expect(password.getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(password);
  });

  it.each([
    ['invalid_client', 'check client_id'],
    ['unauthorized_client', 'allow grant type "password"'],
    ['unsupported_grant_type', 'enable the Resource Owner Password Credentials grant'],
  ])('shows a generic message for %s and tells the developer in the console', async (code, hint) => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { alert } = await attempt(() => json({ error: code, error_description: 'from the server' }, 400));
    expect(alert.textContent).toBe('Sign-in is not available right now. Please try again later or contact support.');
    expect(consoleError).toHaveBeenCalledTimes(1);
    const message = String(consoleError.mock.calls[0]?.[0]);
    expect(message).toContain(`[ropc-kit] LoginForm: sign-in failed with "${code}": `);
    expect(message).toContain(hint);
    expect(message).toContain('The server said: "from the server".');
    expect(JSON.stringify(consoleError.mock.calls)).not.toContain('wonderland');
  });

  it('says the server is unreachable on a network failure', async () => {
    const { alert } = await attempt(() => {
      throw new TypeError('fetch failed');
    });
    expect(alert.textContent).toBe('Cannot reach the sign-in server. Check your connection and try again.');
  });

  it('says the server took too long on a timeout', async () => {
    const { alert } = await attempt(() => new Promise<Response>(() => {}), {}, { timeout: 30 });
    expect(alert.textContent).toBe('The sign-in server took too long to answer. Please try again.');
  });

  it("shows the server's description of an account problem", async () => {
    const { alert } = await attempt(() => json({ error: 'account_locked', error_description: 'Your account is locked. Call the help desk.' }, 400));
    expect(alert.textContent).toBe('Your account is locked. Call the help desk.');
  });

  it('shows an account problem the server described under invalid_grant, without marking the password', async () => {
    const { alert, password } = await attempt(() => json({ error: 'invalid_grant', error_description: 'account is disabled' }, 400));
    expect(alert.textContent).toBe('Account is disabled.');
    expect(password.getAttribute('aria-invalid')).toBeNull();
  });

  it("hands the server's description unchanged to a replaced accountProblem text", async () => {
    const texts = { accountProblem: (description: string) => `Konto gesperrt (${description})` };
    const { alert } = await attempt(() => json({ error: 'invalid_grant', error_description: 'account is disabled' }, 400), { texts });
    expect(alert.textContent).toBe('Konto gesperrt (account is disabled)');
  });

  it('uses replaced texts (i18n), a custom error message and class names', async () => {
    const texts = { usernameLabel: 'Benutzername', passwordLabel: 'Passwort', submit: 'Anmelden', invalidCredentials: 'Falsches Passwort.' };
    const wrongPassword = () => json({ error: 'invalid_grant', error_description: 'grant request is invalid' }, 400);
    const { alert } = await attempt(wrongPassword, { texts, classNames: { alert: 'error-box', submit: 'primary' } });
    expect(alert.textContent).toBe('Falsches Passwort.');
    expect(alert.className).toBe('error-box');
    expect(screen.getByRole('button', { name: 'Anmelden' }).className).toBe('primary');
    cleanup();
    const custom = await attempt(wrongPassword, { errorMessage: (error) => `custom: ${error.name}` });
    expect(custom.alert.textContent).toBe('custom: AuthError');
  });
});

describe('LoginForm extras', () => {
  function renderForm(props: LoginFormProps = {}) {
    const idp = createFakeIdp();
    renderStrict(
      <AuthProvider client={makeClient(idp)}>
        <LoginForm {...props} />
      </AuthProvider>,
    );
    return { idp, user: userEvent.setup(), password: screen.getByLabelText<HTMLInputElement>('Password') };
  }

  it('toggles password visibility with a button labelled by its action (no aria-pressed), and hides it again after an attempt', async () => {
    const { user, password } = renderForm();
    const toggle = screen.getByRole('button', { name: 'Show password' });
    expect(toggle.getAttribute('type')).toBe('button');
    expect(toggle.hasAttribute('aria-pressed')).toBe(false);
    expect(toggle.getAttribute('aria-controls')).toBe(password.id);
    await user.click(toggle);
    expect(password.type).toBe('text');
    expect(toggle.textContent).toBe('Hide password');
    expect(screen.getByRole('button', { name: 'Hide password' })).toBe(toggle);
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(password, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(password.type).toBe('password'));
    expect(password.value).toBe('');
    expect(toggle.textContent).toBe('Show password');
  });

  it('uses replaced texts for both toggle labels', async () => {
    const { user } = renderForm({ texts: { showPassword: 'Passwort anzeigen', hidePassword: 'Passwort verbergen' } });
    const toggle = screen.getByRole('button', { name: 'Passwort anzeigen' });
    await user.click(toggle);
    expect(toggle.textContent).toBe('Passwort verbergen');
    expect(screen.getByLabelText<HTMLInputElement>('Password').type).toBe('text');
  });

  it('passes onError failures that are not AuthErrors too (here a destroyed client), so the type is Error', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const onError = vi.fn<(error: Error) => void>();
    const idp = createFakeIdp();
    const client = makeClient(idp);
    renderStrict(
      <AuthProvider client={client}>
        <LoginForm onError={onError} />
      </AuthProvider>,
    );
    const user = userEvent.setup();
    client.destroy();
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'wonderland{Enter}');
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    const error = onError.mock.calls[0]?.[0];
    expect(isAuthError(error)).toBe(false);
    expect(error).toBeInstanceOf(TypeError);
    expect(error?.message).toBe('signinResourceOwnerCredentials: this client was destroyed; create a new one');
    expect(screen.getByRole('alert').textContent).toBe('Sign-in failed. Please try again.');
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(String(consoleError.mock.calls[0]?.[0])).toBe(
      '[ropc-kit] LoginForm: unexpected failure: TypeError: signinResourceOwnerCredentials: this client was destroyed; create a new one',
    );
    expect(idp.requestsTo('/token')).toHaveLength(0);
  });

  it('warns when Caps Lock is on while typing the password', async () => {
    const { user, password } = renderForm();
    await user.click(password);
    await user.keyboard('{CapsLock}a');
    const warning = screen.getByText('Caps Lock is on.');
    expect(password.getAttribute('aria-describedby')).toBe(warning.id);
    await user.keyboard('{CapsLock}b');
    expect(screen.queryByText('Caps Lock is on.')).toBeNull();
    expect(password.getAttribute('aria-describedby')).toBeNull();
  });

  it('focuses the username on mount with autoFocus and calls onSuccess with the user', async () => {
    const onSuccess = vi.fn<(user: User) => void>();
    const { user, password } = renderForm({ autoFocus: true, onSuccess });
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));
    await user.keyboard('alice');
    await user.type(password, 'wonderland{Enter}');
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(onSuccess.mock.calls[0]?.[0].profile.sub).toBe('alice-sub');
    expect(password.value).toBe('');
  });
});
