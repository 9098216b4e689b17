import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startIdp, type RunningApi, type RunningIdp } from './index.ts';
import { getJson, postForm, signInAlice, str } from './testHelpers.ts';

const INVALID_TOKEN = 'Bearer error="invalid_token", error_description="The access token is expired, revoked or invalid"';
const DEMO_ORIGIN = 'http://localhost:5173';

let idp: RunningIdp;
let api: RunningApi;

beforeAll(async () => {
  idp = await startIdp({ port: 0 });
  api = await startApi({ idp, port: 0, corsOrigins: [DEMO_ORIGIN] });
});

afterAll(async () => {
  await Promise.all([api.close(), idp.close()]);
});

describe('protected API (RFC 6750, verified by RFC 7662 introspection)', () => {
  it('returns the notes and identity of the token subject for a valid token', async () => {
    const { body: tokens } = await signInAlice(idp);
    const accessToken = str(tokens, 'access_token');

    const notes = await getJson(`${api.url}/api/notes`, accessToken, DEMO_ORIGIN);
    expect(notes.status).toBe(200);
    expect(notes.headers.get('access-control-allow-origin')).toBe(DEMO_ORIGIN);
    expect(notes.body).toEqual({
      sub: 'user-alice',
      notes: ['Follow the white rabbit', 'Tea party at six', 'Curiouser and curiouser'],
    });

    const me = await getJson(`${api.url}/api/me`, accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ sub: 'user-alice', name: 'Alice Liddell', client_id: 'ropc-kit-demo' });
  });

  it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
    const { status, headers, body } = await getJson(`${api.url}/api/notes`);
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer');
    expect(body['error']).toBe('missing_token');
  });

  it('answers 401 invalid_token for an unknown token and for a refresh token', async () => {
    const unknown = await getJson(`${api.url}/api/notes`, 'not-a-real-token');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe(INVALID_TOKEN);

    const { body: tokens } = await signInAlice(idp);
    const refreshToken = await getJson(`${api.url}/api/notes`, str(tokens, 'refresh_token'));
    expect(refreshToken.status).toBe(401);
    expect(refreshToken.headers.get('www-authenticate')).toBe(INVALID_TOKEN);
  });

  it('answers 401 invalid_token for a revoked token', async () => {
    const { body: tokens } = await signInAlice(idp);
    const accessToken = str(tokens, 'access_token');
    expect((await getJson(`${api.url}/api/notes`, accessToken)).status).toBe(200);

    const revoked = await postForm(idp, '/token/revocation', { token: accessToken, client_id: 'ropc-kit-demo' });
    expect(revoked.status).toBe(200);

    const after = await getJson(`${api.url}/api/notes`, accessToken, DEMO_ORIGIN);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toBe(INVALID_TOKEN);
    expect(after.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate');
    expect(after.body).toEqual({ error: 'invalid_token', error_description: 'the access token is expired, revoked or invalid' });
  });

  it('answers 401 invalid_token once the access token has expired', async () => {
    // A separate IdP with two-second tokens, so the other tests never race the clock.
    const shortIdp = await startIdp({ accessTokenTtl: 2 });
    const shortApi = await startApi({ idp: shortIdp });
    try {
      const { body: tokens } = await signInAlice(shortIdp);
      expect(tokens['expires_in']).toBe(2);
      // At least one second of validity is left here (expiry is counted in whole seconds).
      expect((await getJson(`${shortApi.url}/api/notes`, str(tokens, 'access_token'))).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 3100));

      const after = await getJson(`${shortApi.url}/api/notes`, str(tokens, 'access_token'));
      expect(after.status).toBe(401);
      expect(after.headers.get('www-authenticate')).toBe(INVALID_TOKEN);
    } finally {
      await Promise.all([shortApi.close(), shortIdp.close()]);
    }
  });

  it('answers a CORS preflight for the Authorization header from an allowed origin only', async () => {
    const preflight = await fetch(`${api.url}/api/notes`, {
      method: 'OPTIONS',
      headers: { origin: DEMO_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(DEMO_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');

    const other = await fetch(`${api.url}/api/notes`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:9999', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('records each request with its status, and 404s unknown paths', async () => {
    const before = api.requests.length;
    const missing = await getJson(`${api.url}/api/nothing?q=1`);
    expect(missing.status).toBe(404);
    expect(api.requests.slice(before)).toEqual([{ method: 'GET', path: '/api/nothing', status: 404 }]);
  });

  it('rejects with a clear error when its port is in use', async () => {
    await expect(startApi({ idp, port: api.port })).rejects.toThrow(
      `API could not start: port ${String(api.port)} on 127.0.0.1 is already in use`,
    );
  });

  it('answers 503 when the IdP cannot be reached', async () => {
    const orphan = await startApi({ idp: { issuer: 'http://127.0.0.1:1' } });
    try {
      const { status, body } = await getJson(`${orphan.url}/api/notes`, 'some-token');
      expect(status).toBe(503);
      expect(body['error']).toBe('temporarily_unavailable');
    } finally {
      await orphan.close();
    }
  });
});
