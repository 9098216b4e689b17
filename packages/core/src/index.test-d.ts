import { describe, expectTypeOf, it } from 'vitest';
import { createAuthClient, isAuthError, type AuthClient, type AuthError, type AuthState, type User } from './index.ts';

describe('public types', () => {
  it('createAuthClient returns an AuthClient whose getUser is synchronous', () => {
    const client = createAuthClient({ authority: 'https://idp.example', client_id: 'spa' });
    expectTypeOf(client).toEqualTypeOf<AuthClient>();
    expectTypeOf(client.getUser()?.access_token).toEqualTypeOf<string | undefined>();
    expectTypeOf(client.signinResourceOwnerCredentials).returns.toEqualTypeOf<Promise<User>>();
    expectTypeOf(client.getAccessToken).returns.toEqualTypeOf<Promise<string>>();
  });

  it('narrows the state on status', () => {
    const state = {} as AuthState;
    if (state.status === 'signedIn') expectTypeOf(state.user).toEqualTypeOf<User>();
    if (state.status === 'refreshing') expectTypeOf(state.user).toEqualTypeOf<User>();
    if (state.status === 'signedOut') expectTypeOf(state.user).toEqualTypeOf<null>();
    if (state.status === 'signingIn') expectTypeOf(state.user).toEqualTypeOf<null>();
    expectTypeOf(state.error).toEqualTypeOf<AuthError | null>();
  });

  it('narrows unknown errors with isAuthError', () => {
    const error: unknown = new Error('x');
    if (isAuthError(error, 'invalid_grant')) expectTypeOf(error.code).toBeString();
  });

  it('rejects settings without client_id and sign-in without a password', () => {
    // @ts-expect-error client_id is required
    createAuthClient({ authority: 'https://idp.example' });
    const client = createAuthClient({ authority: 'https://idp.example', client_id: 'spa' });
    // @ts-expect-error password is required
    void client.signinResourceOwnerCredentials({ username: 'alice' });
  });
});
