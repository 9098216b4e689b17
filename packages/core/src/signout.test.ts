import { describe, expect, it } from 'vitest';
import { CLIENT_ID, ISSUER, discoveryDocument, idToken, json, text, tokenBody } from './test/mockFetch.ts';
import { flush } from './test/fakeClock.ts';
import { AuthError, isAuthError } from './errors.ts';
import { rejection, setup, signedIn } from './test/setup.ts';

const ok = () => new Response(null, { status: 200 });

describe('signout', () => {
  it('clears the session at once, then revokes the refresh token and the access token (RFC 7009)', async () => {
    const env = setup({ client_secret: 's3cret' });
    await signedIn(env);
    env.mock.reply(ok(), ok());
    const pending = env.client.signout();
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
    expect(env.storage.getItem(env.key)).toBeNull();
    await pending;
    expect(env.mock.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${ISSUER}/token/revocation`,
      `POST ${ISSUER}/token/revocation`,
    ]);
    expect(Object.fromEntries(env.mock.form(0))).toEqual({ token: 'rt-1', token_type_hint: 'refresh_token' });
    expect(Object.fromEntries(env.mock.form(1))).toEqual({ token: 'at-1', token_type_hint: 'access_token' });
    expect(env.mock.requests[0]!.headers.get('authorization')).toBe(`Basic ${btoa(`${CLIENT_ID}:s3cret`)}`);
  });

  it('clears the session even when revocation fails, resolves, and reports the first failure in the state', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(text('down', 503), new TypeError('fetch failed'));
    await expect(env.client.signout()).resolves.toBeUndefined();
    expect(env.mock.requests).toHaveLength(2);
    const { error } = env.client.getSnapshot();
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
    expect(error).toBeInstanceOf(AuthError);
    expect([error?.name, error?.code, error?.status, error?.message]).toEqual([
      'AuthError',
      'revocation_failed',
      503,
      'sign-out: the session was cleared but the tokens could not be revoked: revocation: the server is temporarily unavailable (HTTP 503, content-type text/html)',
    ]);
    // The first failure (the refresh token's), not the second (the access token's network error).
    expect(error?.cause).toBeInstanceOf(AuthError);
    expect(error?.cause).toMatchObject({ code: 'temporarily_unavailable', status: 503, message: 'revocation: the server is temporarily unavailable (HTTP 503, content-type text/html)' });
    expect(isAuthError(error, 'revocation_failed')).toBe(true);
    expect(env.storage.getItem(env.key)).toBeNull();
  });

  it("copies the server's error details of the failure onto the revocation_failed error", async () => {
    const env = setup();
    await signedIn(env);
    const headers = { 'retry-after': '30' };
    env.mock.reply(json({ error: 'slow_down', error_description: 'try later', error_uri: 'https://idp.example/errors/slow' }, { status: 429, headers }), ok());
    await env.client.signout();
    const { error } = env.client.getSnapshot();
    expect(error).toMatchObject({ code: 'revocation_failed', status: 429, error_description: 'try later', error_uri: 'https://idp.example/errors/slow', retryAfter: 30 });
    expect(error?.cause).toMatchObject({ code: 'slow_down', status: 429, error_description: 'try later', error_uri: 'https://idp.example/errors/slow', retryAfter: 30 });
  });

  it('reports an OAuth error from the revocation endpoint, and a discovery failure, in the state', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(json({ error: 'unsupported_token_type' }, { status: 400 }), ok());
    await env.client.signout();
    expect(env.client.getSnapshot().error).toMatchObject({
      code: 'revocation_failed',
      status: 400,
      message: 'sign-out: the session was cleared but the tokens could not be revoked: revocation: the server answered unsupported_token_type',
      cause: { code: 'unsupported_token_type', status: 400 },
    });
    const fresh = setup();
    fresh.mock.reply(json(discoveryDocument()), json(tokenBody()));
    await fresh.client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    const restored = setup({ storage: fresh.storage });
    restored.mock.reply(new TypeError('fetch failed'));
    await restored.client.signout();
    expect(restored.client.getSnapshot().error).toMatchObject({
      code: 'revocation_failed',
      status: undefined,
      message: `sign-out: the session was cleared but the tokens could not be revoked: discovery: could not reach ${ISSUER}/.well-known/openid-configuration`,
      cause: { code: 'network_error', message: `discovery: could not reach ${ISSUER}/.well-known/openid-configuration` },
    });
  });

  it('does not report a late revocation failure over a new sign-in', async () => {
    const env = setup();
    await signedIn(env);
    let fail: () => void = () => {};
    env.mock.reply(() => new Promise<Response>((_resolve, reject) => (fail = () => reject(new TypeError('fetch failed')))));
    const out = env.client.signout();
    await flush();
    env.mock.reply(json(tokenBody({ access_token: 'bob-at' })), ok());
    const bob = await env.client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder' });
    fail();
    await out;
    expect(env.client.getSnapshot()).toEqual({ status: 'signedIn', user: bob, error: null });
  });

  it('sends nothing without a session or without a revocation endpoint', async () => {
    const env = setup();
    await env.client.signout();
    expect(env.mock.requests).toHaveLength(0);
    const noRevocation = setup({ metadata: { issuer: ISSUER, token_endpoint: `${ISSUER}/token` } });
    noRevocation.mock.reply(json({ access_token: 'at', token_type: 'Bearer', expires_in: 60 }));
    await noRevocation.client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' });
    await noRevocation.client.signout();
    expect(noRevocation.mock.requests).toHaveLength(1);
    expect(noRevocation.client.getUser()).toBeNull();
  });

  it('revokes only the access token when there is no refresh token', async () => {
    const env = setup();
    await signedIn(env, { refresh_token: undefined });
    env.mock.reply(ok());
    await env.client.signout();
    expect(env.mock.requests.map((r) => new URLSearchParams(r.body).get('token_type_hint'))).toEqual(['access_token']);
  });
});

describe('revoking tokens the client drops (best effort, RFC 7009)', () => {
  /** The tokens of the revocation requests sent, sorted. */
  const revoked = (env: ReturnType<typeof setup>): string[] =>
    env.mock.requests
      .filter((r) => r.url === `${ISSUER}/token/revocation`)
      .map((r) => new URLSearchParams(r.body).get('token') ?? '')
      .sort();

  it('revokes the tokens a refresh in flight rotated when the user signs out, before signout() resolves', async () => {
    const env = setup();
    await signedIn(env);
    let answer: (response: Response) => void = () => {};
    env.mock.reply(() => new Promise<Response>((resolve) => (answer = resolve)));
    const refreshing = rejection(env.client.refresh());
    await flush();
    env.mock.reply(ok(), ok(), ok(), ok());
    const out = env.client.signout();
    answer(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
    await out;
    expect(revoked(env)).toEqual(['at-1', 'at-2', 'rt-1', 'rt-2']);
    expect((await refreshing).code).toBe('no_session');
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
  });

  it('revokes the tokens of a sign-in superseded by a later one, or by a sign-out', async () => {
    const env = setup();
    let answerFirst: (response: Response) => void = () => {};
    env.mock.reply(json(discoveryDocument()), () => new Promise<Response>((resolve) => (answerFirst = resolve)));
    const first = rejection(env.client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    await flush();
    env.mock.reply(json(tokenBody({ access_token: 'bob-at', refresh_token: 'bob-rt' })));
    await env.client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder' });
    env.mock.reply(ok(), ok());
    answerFirst(json(tokenBody({ access_token: 'alice-at', refresh_token: 'alice-rt' })));
    expect((await first).code).toBe('aborted');
    await flush();
    expect(revoked(env)).toEqual(['alice-at', 'alice-rt']);
    expect(env.client.getUser()?.access_token).toBe('bob-at');

    let answerThird: (response: Response) => void = () => {};
    env.mock.reply(() => new Promise<Response>((resolve) => (answerThird = resolve)));
    const third = rejection(env.client.signinResourceOwnerCredentials({ username: 'carol', password: 'secret' }));
    await flush();
    env.mock.reply(ok(), ok(), ok(), ok());
    await env.client.signout();
    answerThird(json(tokenBody({ access_token: 'carol-at', refresh_token: 'carol-rt' })));
    expect((await third).code).toBe('aborted');
    await flush();
    expect(revoked(env)).toEqual(['alice-at', 'alice-rt', 'bob-at', 'bob-rt', 'carol-at', 'carol-rt']);
    expect(env.client.getUser()).toBeNull();
  });

  it('revokes the tokens of a sign-in whose id_token or userinfo check failed', async () => {
    const env = setup({ loadUserInfo: true });
    env.mock.reply(json(discoveryDocument()), json(tokenBody({ id_token: idToken(env.clock.now(), { aud: 'other' }) })), ok(), ok());
    expect((await rejection(env.client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }))).code).toBe('invalid_id_token');
    await flush();
    expect(revoked(env)).toEqual(['at-1', 'rt-1']);
    env.mock.requests.length = 0;
    env.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2', id_token: idToken(env.clock.now()) })), json({ sub: 'mallory' }), ok(), ok());
    expect((await rejection(env.client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }))).code).toBe('invalid_response');
    await flush();
    expect(revoked(env)).toEqual(['at-2', 'rt-2']);
  });

  it('revokes the tokens of a refresh whose id_token names another subject, as the session ends', async () => {
    const env = setup();
    await signedIn(env, { id_token: idToken(env.clock.now()) });
    env.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2', id_token: idToken(env.clock.now(), { sub: 'bob' }) })), ok(), ok());
    expect((await rejection(env.client.refresh())).code).toBe('invalid_id_token');
    await flush();
    expect(revoked(env)).toEqual(['at-2', 'rt-2']);
    expect(env.client.getUser()).toBeNull();
  });
});
