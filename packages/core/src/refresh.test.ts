import { describe, expect, it } from 'vitest';
import { CLIENT_ID, ISSUER, idToken, json, text, tokenBody } from './test/mockFetch.ts';
import { rejection, setup, signedIn, storedUser } from './test/setup.ts';
import type { AuthStatus } from './types.ts';

describe('refresh', () => {
  it('sends the refresh grant (RFC 6749 §6) and replaces a rotated refresh token', async () => {
    const env = setup();
    const { mock, client, clock, storage, key } = env;
    await signedIn(env);
    const statuses: AuthStatus[] = [];
    client.subscribe(() => statuses.push(client.getSnapshot().status));
    mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2', scope: undefined })));
    await clock.advance(1000);
    const user = await client.refresh();
    expect(Object.fromEntries(mock.form(0))).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-1', client_id: CLIENT_ID });
    expect(mock.requests[0]!.url).toBe(`${ISSUER}/token`);
    expect(user).toMatchObject({ access_token: 'at-2', refresh_token: 'rt-2', scope: 'openid profile offline_access' });
    expect(user.expires_at).toBe(Math.floor(clock.now() / 1000) + 300);
    expect(client.getSnapshot()).toEqual({ status: 'signedIn', user, error: null });
    expect(statuses).toEqual(['refreshing', 'signedIn']);
    expect(storedUser(storage.getItem(key)).refresh_token).toBe('rt-2');
  });

  it('uses defaultExpiresIn for a refresh response without expires_in too', async () => {
    const env = setup({ defaultExpiresIn: 900 });
    await signedIn(env);
    const { expires_in: _omitted, ...body } = tokenBody({ access_token: 'at-2' });
    env.mock.reply(json(body));
    const user = await env.client.refresh();
    expect(user.expires_at).toBe(Math.floor(env.clock.now() / 1000) + 900);
  });

  it('sends extraTokenParams and confidential client credentials with the refresh grant too', async () => {
    const env = setup({ extraTokenParams: { audience: 'api' }, client_secret: 's3cret', client_authentication: 'client_secret_post' });
    await signedIn(env);
    env.mock.reply(json(tokenBody({ access_token: 'at-2' })));
    await env.client.refresh();
    expect(Object.fromEntries(env.mock.form(0))).toEqual({
      audience: 'api',
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: CLIENT_ID,
      client_secret: 's3cret',
    });
  });

  it('keeps the refresh token when the server does not rotate it, and the profile', async () => {
    const env = setup();
    const before = await signedIn(env, { id_token: idToken(env.clock.now()) });
    env.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: undefined })));
    const user = await env.client.refresh();
    expect(user).toMatchObject({ refresh_token: 'rt-1', profile: { sub: 'alice', name: 'Alice' } });
    expect(user.profile).toBe(before.profile); // No new claims: the same object, so bindings see the same session.
    expect(user.id_token).toBe(env.client.getUser()?.id_token);
  });

  it('shares one request between concurrent refresh() and getAccessToken() calls', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
    const [a, b] = await Promise.all([env.client.refresh(), env.client.refresh()]);
    expect(a).toBe(b);
    expect(env.mock.requests).toHaveLength(1);

    await env.clock.advance(250_000); // within the 60 s margin of expiry
    env.mock.reply(json(tokenBody({ access_token: 'at-3', refresh_token: 'rt-3' })));
    const tokens = await Promise.all([env.client.getAccessToken(), env.client.getAccessToken(), env.client.refresh()]);
    expect(tokens.slice(0, 2)).toEqual(['at-3', 'at-3']);
    expect(env.mock.requests).toHaveLength(2);
    expect(env.mock.form(1).get('refresh_token')).toBe('rt-2');
  });

  it('ends the session on invalid_grant: signed out, error kept, storage cleared', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(json({ error: 'invalid_grant', error_description: 'grant request is invalid' }, { status: 400 }));
    const error = await rejection(env.client.refresh());
    expect([error.code, error.error_description]).toEqual(['invalid_grant', 'grant request is invalid']);
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
    expect(env.storage.getItem(env.key)).toBeNull();
  });

  it('ends the session when the new id_token is for another user', async () => {
    const env = setup();
    await signedIn(env, { id_token: idToken(env.clock.now()) });
    env.mock.reply(json(tokenBody({ id_token: idToken(env.clock.now(), { sub: 'mallory' }) })));
    const error = await rejection(env.client.refresh());
    expect([error.code, error.message]).toEqual(['invalid_id_token', 'id_token: sub differs from the signed-in user']);
    expect(env.client.getSnapshot().status).toBe('signedOut');
  });

  it.each([
    ['a network error', () => new TypeError('fetch failed'), 'network_error'],
    ['a 503', () => text('busy', 503), 'temporarily_unavailable'],
    ['a 500 with an OAuth body', () => json({ error: 'server_error' }, { status: 500 }), 'server_error'],
    ['a broken body', () => text('<html>', 200), 'invalid_response'],
  ])('keeps the user after %s, with the error in the state', async (_name, reply, code) => {
    const env = setup();
    const user = await signedIn(env);
    env.mock.reply(reply());
    const error = await rejection(env.client.refresh());
    expect(error.code).toBe(code);
    expect(env.client.getSnapshot()).toEqual({ status: 'signedIn', user, error });
    expect(env.storage.getItem(env.key)).not.toBeNull();
  });

  it('rejects with no_session without a user or a refresh token', async () => {
    const env = setup();
    expect((await rejection(env.client.refresh())).message).toBe('refresh: no user is signed in');
    await signedIn(env, { refresh_token: undefined });
    const error = await rejection(env.client.refresh());
    expect([error.code, error.message]).toEqual(['no_session', 'refresh: the session has no refresh token (ask for the offline_access scope)']);
    expect(env.mock.requests).toHaveLength(0);
  });

  it('drops a refresh result that arrives after a sign-out', async () => {
    const env = setup();
    await signedIn(env);
    let answer: (response: Response) => void = () => {};
    env.mock.reply(() => new Promise<Response>((resolve) => (answer = resolve)));
    const pending = rejection(env.client.refresh());
    await new Promise((resolve) => setTimeout(resolve, 5));
    env.mock.reply(...Array.from({ length: 4 }, () => new Response(null, { status: 200 })));
    const out = env.client.signout(); // It waits for the refresh in flight, to revoke its tokens too.
    answer(json(tokenBody({ access_token: 'late' })));
    await out;
    expect((await pending).message).toBe('refresh: the session ended while refreshing');
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
    expect(env.storage.getItem(env.key)).toBeNull();
  });
});

describe('getAccessToken', () => {
  it('returns the current token without a request while it is fresh', async () => {
    const env = setup();
    await signedIn(env);
    await expect(env.client.getAccessToken()).resolves.toBe('at-1');
    expect(env.mock.requests).toHaveLength(0);
  });

  it('refreshes first when the token expires within the margin', async () => {
    const env = setup({ refreshMargin: 30 });
    await signedIn(env);
    await env.clock.advance(269_000);
    await expect(env.client.getAccessToken()).resolves.toBe('at-1');
    await env.clock.advance(2_000);
    env.mock.reply(json(tokenBody({ access_token: 'at-2' })));
    await expect(env.client.getAccessToken()).resolves.toBe('at-2');
  });

  it('returns the still-valid token when the refresh fails transiently', async () => {
    const env = setup();
    await signedIn(env);
    await env.clock.advance(250_000);
    env.mock.reply(new TypeError('fetch failed'));
    await expect(env.client.getAccessToken()).resolves.toBe('at-1');
    expect(env.client.getSnapshot().error?.code).toBe('network_error');
  });

  it('rejects with the failure once the token has expired, ending the session', async () => {
    const env = setup();
    await signedIn(env);
    await env.clock.advance(301_000);
    env.mock.reply(new TypeError('fetch failed'));
    const error = await rejection(env.client.getAccessToken());
    expect(error.code).toBe('network_error');
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
  });

  it('rejects with no_session when signed out, or expired without a refresh token', async () => {
    const env = setup();
    expect((await rejection(env.client.getAccessToken())).message).toBe('getAccessToken: no user is signed in');
    await signedIn(env, { refresh_token: undefined });
    await env.clock.advance(299_000);
    await expect(env.client.getAccessToken()).resolves.toBe('at-1');
    await env.clock.advance(1_000);
    const error = await rejection(env.client.getAccessToken());
    expect([error.code, error.message]).toEqual(['no_session', 'getAccessToken: the access token has expired and there is no refresh token']);
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
  });
});
