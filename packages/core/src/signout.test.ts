import { describe, expect, it } from 'vitest';
import { CLIENT_ID, ISSUER, json, text } from './test/mockFetch.ts';
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

  it('clears the session even when revocation fails, and rejects with the first failure', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(text('down', 503), new TypeError('fetch failed'));
    const error = await rejection(env.client.signout());
    expect([error.code, error.message]).toEqual(['temporarily_unavailable', 'revocation: the server is temporarily unavailable (HTTP 503, content-type text/html)']);
    expect(env.mock.requests).toHaveLength(2);
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
    expect(env.storage.getItem(env.key)).toBeNull();
  });

  it('reports an OAuth error from the revocation endpoint', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(json({ error: 'unsupported_token_type' }, { status: 400 }), ok());
    expect((await rejection(env.client.signout())).code).toBe('unsupported_token_type');
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
