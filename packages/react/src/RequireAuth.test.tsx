import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { AuthProvider } from './AuthProvider.tsx';
import { RequireAuth, withAuthenticationRequired } from './RequireAuth.tsx';
import { createFakeIdp } from './test/fakeIdp.ts';
import { makeClient, renderStrict } from './test/setup.tsx';

afterEach(cleanup);

describe('RequireAuth', () => {
  it('shows the LoginForm while signed out, the children once signed in, and the form again after sign-out', async () => {
    const client = makeClient(createFakeIdp());
    renderStrict(
      <AuthProvider client={client}>
        <RequireAuth>
          <p>secret page</p>
        </RequireAuth>
      </AuthProvider>,
    );
    expect(screen.queryByText('secret page')).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'wonderland');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('secret page')).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    await act(() => client.signout());
    expect(screen.queryByText('secret page')).toBeNull();
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('renders a custom fallback', () => {
    renderStrict(
      <AuthProvider client={makeClient(createFakeIdp())}>
        <RequireAuth fallback={<a href="/login">Please sign in</a>}>
          <p>secret page</p>
        </RequireAuth>
      </AuthProvider>,
    );
    expect(screen.getByRole('link', { name: 'Please sign in' })).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });
});

describe('withAuthenticationRequired', () => {
  function Settings({ section }: { section: string }) {
    return <p>settings: {section}</p>;
  }

  it('wraps a component, passing its props, with a display name', async () => {
    const Protected = withAuthenticationRequired(Settings, { fallback: <p>signed out</p> });
    expect(Protected.displayName).toBe('withAuthenticationRequired(Settings)');
    const client = makeClient(createFakeIdp());
    renderStrict(
      <AuthProvider client={client}>
        <Protected section="privacy" />
      </AuthProvider>,
    );
    expect(screen.getByText('signed out')).toBeTruthy();
    await act(() => client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    expect(screen.getByText('settings: privacy')).toBeTruthy();
  });
});
