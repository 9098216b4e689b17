import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CLIENTS, startIdp, type RunningIdp } from './index.ts';
import { claimsOf, getJson, postForm, signInAlice, str } from './testHelpers.ts';

let idp: RunningIdp;

beforeAll(async () => {
  idp = await startIdp({ port: 0 });
});

afterAll(async () => {
  await idp.close();
});

function refresh(refreshToken: string, client: Record<string, string> = { client_id: 'ropc-kit-demo' }) {
  return postForm(idp, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken, ...client });
}

describe('refresh_token grant (RFC 6749 §6)', () => {
  it('rotates the refresh token on every use and keeps the profile in the new id_token', async () => {
    const first = await signInAlice(idp);
    const rt1 = str(first.body, 'refresh_token');

    const second = await refresh(rt1);
    expect(second.status).toBe(200);
    const rt2 = str(second.body, 'refresh_token');
    expect(rt2).not.toBe(rt1);
    expect(str(second.body, 'access_token')).not.toBe(str(first.body, 'access_token'));
    expect(second.body['scope']).toBe('openid profile email offline_access');
    const claims = claimsOf(str(second.body, 'id_token'));
    expect(claims).toMatchObject({ sub: 'user-alice', name: 'Alice Liddell' });

    const third = await refresh(rt2);
    expect(third.status).toBe(200);
    expect(str(third.body, 'refresh_token')).not.toBe(rt2);
  });

  it('rejects reuse of a rotated refresh token with invalid_grant and revokes the whole grant', async () => {
    const first = await signInAlice(idp);
    const rt1 = str(first.body, 'refresh_token');
    const second = await refresh(rt1);
    expect(second.status).toBe(200);

    const reuse = await refresh(rt1);
    expect(reuse.status).toBe(400);
    expect(reuse.body['error']).toBe('invalid_grant');

    // Reuse signals theft: the token issued by the rotation is revoked too.
    const afterReuse = await refresh(str(second.body, 'refresh_token'));
    expect(afterReuse.status).toBe(400);
    expect(afterReuse.body['error']).toBe('invalid_grant');
  });

  it('rejects a refresh token presented by another client', async () => {
    const first = await signInAlice(idp);
    const stolen = await refresh(str(first.body, 'refresh_token'), { ...TEST_CLIENTS.post });
    expect(stolen.status).toBe(400);
    expect(stolen.body['error']).toBe('invalid_grant');
  });

  it('keeps each instance\'s tokens to itself', async () => {
    const first = await signInAlice(idp);
    const other = await startIdp();
    try {
      const elsewhere = await postForm(other, '/token', {
        grant_type: 'refresh_token',
        refresh_token: str(first.body, 'refresh_token'),
        client_id: 'ropc-kit-demo',
      });
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body['error']).toBe('invalid_grant');
    } finally {
      await other.close();
    }
  });

  it('refreshes for a confidential client with client_secret_basic', async () => {
    const first = await postForm(
      idp,
      '/token',
      { grant_type: 'password', username: 'bob', password: 'builder', scope: 'openid offline_access' },
      TEST_CLIENTS.basic,
    );
    const next = await postForm(
      idp,
      '/token',
      { grant_type: 'refresh_token', refresh_token: str(first.body, 'refresh_token') },
      TEST_CLIENTS.basic,
    );
    expect(next.status).toBe(200);
    expect(next.body['scope']).toBe('openid offline_access');
  });
});

describe('revocation (RFC 7009)', () => {
  it('revoking the refresh token makes the next refresh fail with invalid_grant', async () => {
    const first = await signInAlice(idp);
    const revoked = await postForm(idp, '/token/revocation', {
      token: str(first.body, 'refresh_token'),
      token_type_hint: 'refresh_token',
      client_id: 'ropc-kit-demo',
    });
    expect(revoked.status).toBe(200);

    const next = await refresh(str(first.body, 'refresh_token'));
    expect(next.status).toBe(400);
    expect(next.body['error']).toBe('invalid_grant');
  });

  it('refuses to revoke a token issued to another client', async () => {
    const first = await signInAlice(idp);
    const refreshToken = str(first.body, 'refresh_token');
    const other = await postForm(idp, '/token/revocation', { token: refreshToken }, TEST_CLIENTS.basic);
    expect(other.status).toBe(400);
    expect(other.body).toEqual({
      error: 'invalid_request',
      error_description: 'client is not authorized to revoke the presented token',
    });
    expect((await refresh(refreshToken)).status).toBe(200);
  });

  it('revoking the access token makes userinfo reject it', async () => {
    const first = await signInAlice(idp);
    const accessToken = str(first.body, 'access_token');
    expect((await getJson(`${idp.url}/me`, accessToken)).status).toBe(200);

    const revoked = await postForm(idp, '/token/revocation', {
      token: accessToken,
      token_type_hint: 'access_token',
      client_id: 'ropc-kit-demo',
    });
    expect(revoked.status).toBe(200);

    const after = await getJson(`${idp.url}/me`, accessToken);
    expect(after.status).toBe(401);
    expect(after.body['error']).toBe('invalid_token');
  });
});

describe('userinfo (OpenID Connect Core §5.3)', () => {
  it('returns sub, name and email for the granted scopes', async () => {
    const first = await signInAlice(idp);
    const { status, body } = await getJson(`${idp.url}/me`, str(first.body, 'access_token'), 'http://localhost:5173');
    expect(status).toBe(200);
    expect(body).toEqual({
      sub: 'user-alice',
      name: 'Alice Liddell',
      preferred_username: 'alice',
      email: 'alice@example.com',
      email_verified: true,
    });
  });

  it('rejects a request without a token', async () => {
    const { status, headers } = await getJson(`${idp.url}/me`);
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Bearer /);
  });
});
