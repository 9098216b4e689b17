import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { AuthError, type User } from '@ropc-kit/core';
import { AuthProvider } from './AuthProvider.tsx';
import { useAuth } from './useAuth.ts';
import { useLoginForm, type UseLoginFormOptions } from './useLoginForm.ts';
import { createFakeIdp, type FakeIdp } from './test/fakeIdp.ts';
import { makeClient, renderStrict } from './test/setup.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/**
 * A form of the app's own markup, built only from the hook: the alert first, then a
 * `role="group"` whose labels wrap their inputs, a caps-lock hint, and buttons with the
 * app's own texts. Nothing of `LoginForm` is used.
 */
function CustomForm(props: UseLoginFormOptions): ReactElement {
  const form = useLoginForm({
    ...props,
    texts: { usernameLabel: 'Login name', passwordLabel: 'Secret', submit: 'Enter', submitting: 'Entering…' },
  });
  const { ids, texts } = form;
  return (
    <form {...form.formProps} aria-label="Custom sign-in">
      <div {...form.alertProps} className="custom-alert">
        {form.message}
      </div>
      <div role="group" aria-label="Credentials">
        <label>
          {texts.usernameLabel}
          <input {...form.usernameProps} />
        </label>
        <label>
          {texts.passwordLabel}
          <input {...form.passwordProps} />
        </label>
        <button {...form.toggleProps}>{form.showPassword ? 'Conceal' : 'Reveal'}</button>
        {form.capsLockOn ? <span id={ids.capsLock}>{texts.capsLockOn}</span> : null}
        <button {...form.submitProps}>{form.isPending ? texts.submitting : texts.submit}</button>
      </div>
      <div {...form.statusProps}>{form.isPending ? texts.submitting : null}</div>
    </form>
  );
}

function Session() {
  return <p data-testid="session">{useAuth((auth) => (auth.isAuthenticated ? `signed in as ${auth.user.profile.name}` : auth.status))}</p>;
}

function setup(options: UseLoginFormOptions = {}, idp: FakeIdp = createFakeIdp()) {
  const client = makeClient(idp);
  renderStrict(
    <AuthProvider client={client}>
      <CustomForm {...options} />
      <Session />
    </AuthProvider>,
  );
  const group = screen.getByRole('group', { name: 'Credentials' });
  return {
    idp,
    client,
    user: userEvent.setup(),
    group,
    username: screen.getByLabelText<HTMLInputElement>('Login name'),
    password: screen.getByLabelText<HTMLInputElement>('Secret'),
    submit: screen.getByRole('button', { name: 'Enter' }),
    alert: screen.getByRole('alert'),
  };
}

const tokenRequests = (idp: FakeIdp) => idp.requestsTo('/token');

describe('useLoginForm in a custom form', () => {
  it('wires the app markup: labels, autocomplete names, toggle and no error at first', async () => {
    const { user, group, username, password, alert } = setup();
    expect(group.contains(username) && group.contains(password)).toBe(true);
    expect([username.name, username.autocomplete]).toEqual(['username', 'username']);
    expect([password.name, password.autocomplete, password.type]).toEqual(['password', 'current-password', 'password']);
    expect(alert.textContent).toBe('');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-describedby')).toBeNull();

    const toggle = screen.getByRole('button', { name: 'Reveal' });
    expect(toggle.getAttribute('type')).toBe('button');
    expect(toggle.getAttribute('aria-controls')).toBe(password.id);
    await user.click(toggle);
    expect(password.type).toBe('text');
    await user.click(screen.getByRole('button', { name: 'Conceal' }));
    expect(password.type).toBe('password');
  });

  it('signs in: one password-grant request, pending state, onSuccess with the user, password cleared', async () => {
    const idp = createFakeIdp();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    idp.tokenOverride = async () => {
      await gate;
      return undefined;
    };
    const onSuccess = vi.fn<(user: User) => void>();
    const { user, username, password, submit, alert } = setup({ onSuccess }, idp);
    await user.type(username, 'alice');
    await user.type(password, 'wonderland');
    await user.click(submit);

    await waitFor(() => expect(submit).toHaveProperty('disabled', true));
    expect(submit.textContent).toBe('Entering…');
    expect(screen.getByRole('status').textContent).toBe('Entering…');
    expect(screen.getByRole('form', { name: 'Custom sign-in' }).getAttribute('aria-busy')).toBe('true');
    release();

    await waitFor(() => expect(screen.getByTestId('session').textContent).toBe('signed in as Alice'));
    // The store notifies before the mutation settles: wait for the form to leave its pending state.
    await waitFor(() => expect(submit).toHaveProperty('disabled', false));
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0].profile.sub).toBe('alice-sub');
    const requests = tokenRequests(idp);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.form?.get('grant_type')).toBe('password');
    expect(requests[0]?.form?.get('username')).toBe('alice');
    expect(requests[0]?.form?.get('password')).toBe('wonderland');
    expect(password.value).toBe('');
    expect(alert.textContent).toBe('');
    expect(submit.textContent).toBe('Enter');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('on a wrong password: alert text, aria-invalid on the password, both fields described by the alert, focus on the cleared password', async () => {
    const onError = vi.fn<(error: Error) => void>();
    const { user, username, password, submit, alert, idp } = setup({ onError });
    await user.type(username, 'alice');
    await user.type(password, 'not-the-password');
    await user.click(submit);

    await waitFor(() => expect(alert.textContent).toBe('The username or password is incorrect.'));
    expect(alert.id).not.toBe('');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-describedby')).toBe(alert.id);
    expect(username.getAttribute('aria-describedby')).toBe(alert.id);
    expect(document.activeElement).toBe(password);
    expect(password.value).toBe('');
    expect(username.value).toBe('alice');
    expect(screen.getByTestId('session').textContent).toBe('signedOut');
    expect(tokenRequests(idp)).toHaveLength(1);
    expect(onError).toHaveBeenCalledTimes(1);
    const error = onError.mock.calls[0]?.[0];
    expect(error).toBeInstanceOf(AuthError);
    expect(error instanceof AuthError ? error.code : null).toBe('invalid_grant');

    // The caps-lock hint joins the description while Caps Lock is on.
    await user.keyboard('{CapsLock}');
    await user.type(password, 'X');
    const capsLock = screen.getByText('Caps Lock is on.');
    expect(password.getAttribute('aria-describedby')).toBe(`${capsLock.id} ${alert.id}`);
  });

  it('reports empty fields without a request, focusing the first field to fix', async () => {
    const onError = vi.fn();
    const { user, username, password, submit, alert, idp } = setup({ onError });
    await user.click(submit);
    expect(alert.textContent).toBe('Enter your username. Enter your password.');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(username.getAttribute('aria-describedby')).toBe(alert.id);
    expect(password.getAttribute('aria-describedby')).toBe(alert.id);
    expect(document.activeElement).toBe(username);

    // A blank username is empty; only the empty field is marked and described.
    await user.type(username, '   ');
    await user.type(password, 'wonderland');
    await user.click(submit);
    expect(alert.textContent).toBe('Enter your username.');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-describedby')).toBeNull();
    expect(document.activeElement).toBe(username);
    // Not an attempt: the typed password stays.
    expect(password.value).toBe('wonderland');

    await user.clear(username);
    await user.type(username, 'alice');
    await user.clear(password);
    await user.click(submit);
    expect(alert.textContent).toBe('Enter your password.');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(password);

    expect(tokenRequests(idp)).toHaveLength(0);
    expect(onError).not.toHaveBeenCalled();
    expect(screen.getByTestId('session').textContent).toBe('signedOut');
  });
});
