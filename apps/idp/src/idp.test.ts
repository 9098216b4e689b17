import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CLIENTS, TEST_USERS, startIdp, type RunningIdp } from './index.ts';
import { claimsOf, getJson, postForm, signInAlice, str } from './testHelpers.ts';

let idp: RunningIdp;

beforeAll(async () => {
  idp = await startIdp({ port: 0, accessTokenTtl: 120 });
});

afterAll(async () => {
  await idp.close();
});

describe('discovery', () => {
  it('advertises the password and refresh_token grants and the token, revocation, introspection and userinfo endpoints', async () => {
    const { status, body } = await getJson(`${idp.url}/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body['issuer']).toBe(idp.issuer);
    expect(idp.issuer).toBe(`http://127.0.0.1:${String(idp.port)}`);
    expect(body['grant_types_supported']).toEqual(expect.arrayContaining(['password', 'refresh_token']));
    expect(body).toMatchObject({
      token_endpoint: `${idp.issuer}/token`,
      revocation_endpoint: `${idp.issuer}/token/revocation`,
      introspection_endpoint: `${idp.issuer}/token/introspection`,
      userinfo_endpoint: `${idp.issuer}/me`,
    });
    expect(body['scopes_supported']).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'offline_access']));
  });
});

describe('password grant (RFC 6749 §4.3)', () => {
  it('issues an access token, a refresh token for offline_access, and an id_token with profile claims', async () => {
    const { status, body, headers } = await signInAlice(idp);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: 'openid profile email offline_access' });
    expect(str(body, 'access_token').length).toBeGreaterThan(20);
    expect(str(body, 'refresh_token').length).toBeGreaterThan(20);

    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    const { payload } = await jwtVerify(str(body, 'id_token'), jwks, { issuer: idp.issuer, audience: 'ropc-kit-demo' });
    expect(payload).toMatchObject({
      sub: 'user-alice',
      name: 'Alice Liddell',
      email: 'alice@example.com',
      preferred_username: 'alice',
    });
  });

  it('issues no refresh token without offline_access, and only the claims of the granted scopes', async () => {
    const { status, body } = await signInAlice(idp, 'openid email');
    expect(status).toBe(200);
    expect(body['refresh_token']).toBeUndefined();
    expect(body['scope']).toBe('openid email');
    const claims = claimsOf(str(body, 'id_token'));
    expect(claims).toMatchObject({ sub: 'user-alice', email: 'alice@example.com' });
    expect(claims['name']).toBeUndefined();
  });

  it('rejects a wrong password with a generic invalid_grant', async () => {
    const wrong = await postForm(idp, '/token', {
      grant_type: 'password',
      client_id: 'ropc-kit-demo',
      username: 'alice',
      password: 'not-wonderland',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'invalid username or password' });

    // An unknown user gets the very same answer: nothing tells whether the account exists.
    const unknown = await postForm(idp, '/token', {
      grant_type: 'password',
      client_id: 'ropc-kit-demo',
      username: 'nobody',
      password: 'wonderland',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each([
    ['a disabled account', 'mallory', 'locked-out', (u: (typeof TEST_USERS)[number]) => u.disabled === true, 'account is disabled'],
    ['an account whose password has expired', 'carol', 'expired-password', (u: (typeof TEST_USERS)[number]) => u.passwordExpired === true, 'password has expired'],
  ])('rejects the right password of %s with its state', async (_what, username, password, isSeeded, description) => {
    expect(TEST_USERS.find(isSeeded)?.username).toBe(username);
    const { status, body } = await postForm(idp, '/token', { grant_type: 'password', client_id: 'ropc-kit-demo', username, password });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: description });
  });

  it('answers a wrong password for an expired or disabled account generically, revealing nothing about the account', async () => {
    for (const username of ['carol', 'mallory']) {
      const { status, body } = await postForm(idp, '/token', {
        grant_type: 'password',
        client_id: 'ropc-kit-demo',
        username,
        password: 'not-the-password',
      });
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'invalid username or password' });
    }
  });

  it('requires username and password, and only allows registered scopes', async () => {
    const missing = await postForm(idp, '/token', { grant_type: 'password', client_id: 'ropc-kit-demo', username: 'alice' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'invalid_request', error_description: "missing required parameter 'password'" });

    const scope = await signInAlice(idp, 'openid admin');
    expect(scope.status).toBe(400);
    expect(scope.body).toMatchObject({ error: 'invalid_scope', error_description: 'requested scope is not allowed for this client' });
  });
});

describe('client authentication (RFC 6749 §2.3.1)', () => {
  const bobParams = { grant_type: 'password', username: 'bob', password: 'builder', scope: 'openid profile' };

  it('accepts client_secret_basic and client_secret_post for their clients', async () => {
    const basic = await postForm(idp, '/token', bobParams, TEST_CLIENTS.basic);
    expect(basic.status).toBe(200);
    expect(basic.body['token_type']).toBe('Bearer');

    const post = await postForm(idp, '/token', { ...bobParams, ...TEST_CLIENTS.post });
    expect(post.status).toBe(200);
    expect(post.body['token_type']).toBe('Bearer');
  });

  it('rejects a bad secret with invalid_client (401), for basic and post', async () => {
    const basic = await postForm(idp, '/token', bobParams, { ...TEST_CLIENTS.basic, client_secret: 'wrong' });
    expect(basic.status).toBe(401);
    expect(basic.body['error']).toBe('invalid_client');

    const post = await postForm(idp, '/token', { ...bobParams, ...TEST_CLIENTS.post, client_secret: 'wrong' });
    expect(post.status).toBe(401);
    expect(post.body['error']).toBe('invalid_client');
  });

  it('rejects a confidential client that sends no secret, and an unknown client', async () => {
    const noSecret = await postForm(idp, '/token', { ...bobParams, client_id: TEST_CLIENTS.basic.client_id });
    expect(noSecret.status).toBe(401);
    expect(noSecret.body['error']).toBe('invalid_client');

    const unknown = await postForm(idp, '/token', { ...bobParams, client_id: 'no-such-client' });
    expect(unknown.status).toBe(401);
    expect(unknown.body['error']).toBe('invalid_client');
  });
});

describe('CORS', () => {
  it('allows loopback origins on the token endpoint by default and refuses others', async () => {
    const allowed = await fetch(`${idp.url}/token`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'ropc-kit-demo', username: 'bob', password: 'builder' }),
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

    const refused = await fetch(`${idp.url}/token`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'ropc-kit-demo', username: 'bob', password: 'builder' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('startIdp', () => {
  it('records requests with grant type and client, never a password', async () => {
    idp.clearRequests();
    expect(idp.requests).toHaveLength(0);
    await signInAlice(idp);
    await postForm(idp, '/token', { grant_type: 'password', username: 'bob', password: 'builder' }, TEST_CLIENTS.basic);
    await getJson(`${idp.url}/.well-known/openid-configuration?x=1`);
    expect(idp.requests).toEqual([
      { method: 'POST', path: '/token', grantType: 'password', clientId: 'ropc-kit-demo' },
      { method: 'POST', path: '/token', grantType: 'password', clientId: 'ropc-kit-basic' },
      { method: 'GET', path: '/.well-known/openid-configuration' },
    ]);
    const recorded = JSON.stringify(idp.requests);
    for (const secret of ['wonderland', 'builder', TEST_CLIENTS.basic.client_secret]) {
      expect(recorded).not.toContain(secret);
    }
  });

  it('rejects with a clear error when the port is in use', async () => {
    await expect(startIdp({ port: idp.port })).rejects.toThrow(
      `IdP could not start: port ${String(idp.port)} on 127.0.0.1 is already in use`,
    );
  });

  it('uses a given issuer and stops listening on close', async () => {
    const other = await startIdp({ issuer: 'http://localhost:9999/custom' });
    const { body } = await getJson(`${other.url}/.well-known/openid-configuration`);
    expect(body['issuer']).toBe('http://localhost:9999/custom');
    await other.close();
    await expect(fetch(`${other.url}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
