import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthError } from '@ropc-kit/core';
import { AuthProvider } from './AuthProvider.tsx';
import { LoginForm, type LoginFormProps } from './LoginForm.tsx';
import { useAuth } from './useAuth.ts';
import { createFakeIdp, type FakeIdp } from './test/fakeIdp.ts';
import { containsString, makeClient, reactTreeValues, renderStrict } from './test/setup.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Greeting() {
  const auth = useAuth();
  return auth.isAuthenticated ? <p>Signed in as {auth.user.profile.name}</p> : <LoginForm />;
}

function setup(props: LoginFormProps = {}, idp: FakeIdp = createFakeIdp()) {
  const client = makeClient(idp);
  const queryClient = new QueryClient();
  const view = renderStrict(
    <QueryClientProvider client={queryClient}>
      <AuthProvider client={client}>
        <LoginForm {...props} />
        <Status />
      </AuthProvider>
    </QueryClientProvider>,
  );
  const user = userEvent.setup();
  const username = screen.getByLabelText<HTMLInputElement>('Username');
  const password = screen.getByLabelText<HTMLInputElement>('Password');
  const submit = screen.getByRole('button', { name: 'Sign in' });
  const alert = screen.getByRole('alert');
  return { idp, client, queryClient, view, user, username, password, submit, alert };
}

function Status() {
  return <span data-testid="status">{useAuth((auth) => auth.status)}</span>;
}

const tokenRequests = (idp: FakeIdp) => idp.requestsTo('/token');

describe('LoginForm', () => {
  it('renders labelled fields that password managers recognise, and no error', () => {
    const { username, password, alert } = setup();
    expect(username.name).toBe('username');
    expect(username.autocomplete).toBe('username');
    expect(password.name).toBe('password');
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('current-password');
    expect(alert.textContent).toBe('');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    expect(username.getAttribute('aria-describedby')).toBeNull();
  });

  it('signs in and shows the user', async () => {
    const idp = createFakeIdp();
    const client = makeClient(idp);
    renderStrict(
      <AuthProvider client={client}>
        <Greeting />
      </AuthProvider>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'wonderland');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Signed in as Alice')).toBeTruthy();
    const [request] = tokenRequests(idp);
    expect(request?.form?.get('grant_type')).toBe('password');
    expect(request?.form?.get('username')).toBe('alice');
    // Discovery was prefetched on mount: the sign-in itself was one request.
    expect(idp.requests.map((r) => r.path)).toEqual(['/.well-known/openid-configuration', '/token']);
  });

  it('on a wrong password shows the message, clears the password, marks it invalid and focuses it', async () => {
    const onError = vi.fn();
    const { user, username, password, submit, alert, idp } = setup({ onError });
    await user.type(username, 'alice');
    await user.type(password, 'not-the-password');
    await user.click(submit);
    await waitFor(() => expect(alert.textContent).toBe('The username or password is incorrect.'));
    expect(password.value).toBe('');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-describedby')).toBe(alert.id);
    expect(username.getAttribute('aria-describedby')).toBe(alert.id);
    expect(document.activeElement).toBe(password);
    expect(username.value).toBe('alice');
    expect(tokenRequests(idp)).toHaveLength(1);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(AuthError);
    expect((onError.mock.calls[0]?.[0] as AuthError).code).toBe('invalid_grant');
  });

  it('reports empty fields without a request and focuses the first one to fix', async () => {
    const { user, username, password, submit, alert, idp } = setup();
    await user.click(submit);
    expect(alert.textContent).toBe('Enter your username. Enter your password.');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(username);

    await user.type(username, 'alice');
    await user.click(submit);
    expect(alert.textContent).toBe('Enter your password.');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    expect(username.getAttribute('aria-describedby')).toBeNull();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(alert.id);
    expect(document.activeElement).toBe(password);
    expect(tokenRequests(idp)).toHaveLength(0);
  });

  it('clears an empty-field error as soon as that field gets input', async () => {
    const { user, username, password, submit, alert } = setup();
    await user.click(submit);
    expect(alert.textContent).toBe('Enter your username. Enter your password.');

    await user.type(username, 'a');
    expect(alert.textContent).toBe('Enter your password.');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    expect(username.getAttribute('aria-describedby')).toBeNull();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(alert.id);

    // Blank input is not a username: the error stays, as it would on submit.
    await user.clear(username);
    await user.click(submit);
    expect(username.getAttribute('aria-invalid')).toBe('true');
    await user.type(username, '  ');
    expect(username.getAttribute('aria-invalid')).toBe('true');

    await user.type(username, 'alice');
    await user.type(password, 'w');
    expect(alert.textContent).toBe('');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-describedby')).toBeNull();
  });

  it('is disabled and announces progress while pending, and sends one request on a double submit', async () => {
    const idp = createFakeIdp();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    idp.tokenOverride = async () => {
      await gate;
      return undefined;
    };
    const { user, username, password, submit, view } = setup({}, idp);
    await user.type(username, 'alice');
    await user.type(password, 'wonderland');
    const form = view.container.querySelector('form');
    if (form === null) throw new Error('no form');
    act(() => {
      fireEvent.submit(form);
      fireEvent.submit(form);
    });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signingIn'));
    expect(submit).toHaveProperty('disabled', true);
    expect(submit.textContent).toBe('Signing in…');
    expect(screen.getByRole('status').textContent).toBe('Signing in…');
    expect(form.getAttribute('aria-busy')).toBe('true');
    await user.click(submit);
    await act(async () => {
      release();
      await gate;
    });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signedIn'));
    expect(tokenRequests(idp)).toHaveLength(1);
    expect(submit).toHaveProperty('disabled', false);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('keeps the password out of every state, error and cache entry after a failed and a successful attempt', async () => {
    const onError = vi.fn();
    const { user, username, password, submit, alert, view, client, queryClient } = setup({ onError });
    await user.type(username, 'alice');
    await user.type(password, 'wonderlanx');
    await user.click(submit);
    await waitFor(() => expect(alert.textContent).toBe('The username or password is incorrect.'));
    await user.type(password, 'wonderland');
    await user.click(submit);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('signedIn'));
    expect(password.value).toBe('');

    const mutations = queryClient.getMutationCache().getAll();
    expect(mutations).toHaveLength(2);
    expect(mutations.map((m) => m.state.variables)).toEqual([{ username: 'alice' }, { username: 'alice' }]);
    for (const secret of ['wonderlanx', 'wonderland']) {
      expect(containsString(mutations.map((m) => m.state), secret)).toBe(false);
      expect(containsString(queryClient.getQueryCache().getAll(), secret)).toBe(false);
      expect(containsString(onError.mock.calls, secret)).toBe(false);
      expect(containsString(client.getSnapshot(), secret)).toBe(false);
      expect(containsString(reactTreeValues(view.container), secret)).toBe(false);
    }
    // The search does find what is there: the username and the access token.
    expect(containsString(reactTreeValues(view.container), 'alice')).toBe(true);
    expect(containsString(client.getSnapshot(), client.getUser()?.access_token ?? 'none')).toBe(true);
  });
});
