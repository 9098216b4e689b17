import { TEST_CLIENTS, TEST_USERS, startIdp, type RunningIdp } from '@ropc-kit/idp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthClient } from './authClient.ts';
import { serializeSession } from './session.ts';
import { createMemoryStorage } from './storage.ts';
import { rejection } from './test/setup.ts';
import type { AuthClientSettings, User } from './types.ts';

let idp: RunningIdp;

beforeAll(async () => {
  idp = await startIdp({ port: 0 });
});

afterAll(async () => {
  await idp.close();
});

beforeEach(() => {
  idp.clearRequests();
});

const alice = TEST_USERS.find((u) => u.username === 'alice')!;
const disabled = TEST_USERS.find((u) => u.disabled === true)!;

function client(settings: Partial<AuthClientSettings> = {}) {
  return createAuthClient({ authority: idp.issuer, client_id: TEST_CLIENTS.public.client_id, ...settings });
}

/** A second client holding `user`, as another device or an attacker replaying old tokens would. */
function holding(user: User, settings: Partial<AuthClientSettings> = {}) {
  const storage = createMemoryStorage();
  const client_id = settings.client_id ?? TEST_CLIENTS.public.client_id;
  storage.setItem(`ropc-kit:${client_id}`, serializeSession(client_id, user));
  return client({ storage, ...settings });
}

const signIn = (c: ReturnType<typeof client>, username = alice.username, password = alice.password) =>
  c.signinResourceOwnerCredentials({ username, password });

const grants = () => idp.requests.filter((r) => r.path.endsWith('/token')).map((r) => r.grantType);

describe('against apps/idp over real HTTP', () => {
  it('signs in with the password grant and validates the id_token', async () => {
    const c = client();
    const user = await signIn(c);
    expect(user).toMatchObject({ token_type: 'Bearer', profile: { sub: alice.sub, name: alice.name, iss: idp.issuer } });
    expect(user.refresh_token).toEqual(expect.any(String));
    expect(user.id_token).toEqual(expect.any(String));
    expect(user.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'offline_access']));
    expect(c.getSnapshot().status).toBe('signedIn');
    expect(idp.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /.well-known/openid-configuration', 'POST /token']);
  });

  it('costs exactly one request to sign in after getMetadata() prefetched discovery', async () => {
    const c = client();
    await c.getMetadata();
    idp.clearRequests();
    await signIn(c);
    expect(idp.requests).toEqual([{ method: 'POST', path: '/token', grantType: 'password', clientId: TEST_CLIENTS.public.client_id }]);
  });

  it('rejects a wrong password with invalid_grant and stays signed out', async () => {
    const c = client();
    const error = await rejection(signIn(c, alice.username, 'not-the-password'));
    expect([error.code, error.status, error.error_description]).toEqual(['invalid_grant', 400, 'invalid username or password']);
    expect(c.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
    expect(JSON.stringify(error)).not.toContain('not-the-password');
  });

  it('rejects a disabled account with invalid_grant and a clear description', async () => {
    const error = await rejection(signIn(client(), disabled.username, disabled.password));
    expect([error.code, error.error_description]).toEqual(['invalid_grant', 'account is disabled']);
    expect(error.message).not.toContain(disabled.password);
  });

  it.each([
    ['client_secret_basic', TEST_CLIENTS.basic],
    ['client_secret_post', TEST_CLIENTS.post],
  ] as const)('authenticates a confidential client with %s, and rejects a bad secret', async (method, registered) => {
    const good = client({ client_id: registered.client_id, client_secret: registered.client_secret, client_authentication: method });
    await expect(signIn(good)).resolves.toMatchObject({ profile: { sub: alice.sub } });
    const bad = client({ client_id: registered.client_id, client_secret: 'wrong-secret', client_authentication: method });
    const error = await rejection(signIn(bad));
    expect([error.code, error.status]).toEqual(['invalid_client', 401]);
  });

  it('refreshes with rotation, keeping the subject', async () => {
    const c = client();
    const first = await signIn(c);
    const second = await c.refresh();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.profile.sub).toBe(alice.sub);
    expect(c.getUser()).toBe(second);
  });

  it('ends the session of whoever reuses a rotated refresh token', async () => {
    const c = client();
    const first = await signIn(c);
    await c.refresh();
    const replay = holding(first);
    const error = await rejection(replay.refresh());
    expect(error.code).toBe('invalid_grant');
    expect(replay.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
  });

  it('revokes on signout, after which the old refresh token fails', async () => {
    const c = client();
    const user = await signIn(c);
    idp.clearRequests();
    await c.signout();
    expect(idp.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /token/revocation', 'POST /token/revocation']);
    expect(c.getUser()).toBeNull();
    const error = await rejection(holding(user).refresh());
    expect(error.code).toBe('invalid_grant');
  });

  it('loads userinfo and merges it into the profile', async () => {
    const c = client({ loadUserInfo: true, scope: 'openid profile email offline_access' });
    const user = await signIn(c);
    expect(user.profile).toMatchObject({ sub: alice.sub, email: alice.email, name: alice.name });
    expect(idp.requests.map((r) => r.path)).toEqual(['/.well-known/openid-configuration', '/token', '/me']);
  });

  it('shares one refresh between concurrent callers', async () => {
    let offset = 0;
    const c = client({ now: () => Date.now() + offset });
    await signIn(c);
    offset = 280_000; // 20 s before the 300 s token expires: inside the 60 s margin, getAccessToken refreshes
    idp.clearRequests();
    const results = await Promise.all([c.getAccessToken(), c.getAccessToken(), c.refresh(), c.getAccessToken(), c.refresh()]);
    expect(grants()).toEqual(['refresh_token']);
    expect(new Set(results.map((r) => (typeof r === 'string' ? r : r.access_token))).size).toBe(1);
  });

  it('calls a protected endpoint with client.fetch', async () => {
    const c = client({ apiOrigins: [new URL(idp.issuer).origin] });
    await signIn(c);
    const { userinfo_endpoint } = await c.getMetadata();
    const response = await c.fetch(userinfo_endpoint ?? '');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sub: alice.sub });
  });

  it('renews in the background before a short-lived token expires', async () => {
    const shortLived = await startIdp({ port: 0, accessTokenTtl: 2 });
    try {
      const c = createAuthClient({ authority: shortLived.issuer, client_id: TEST_CLIENTS.public.client_id, refreshMargin: 1 });
      const first = await signIn(c);
      const renewed = new Promise<User>((resolve) => {
        const stop = c.subscribe(() => {
          const user = c.getUser();
          if (user !== null && user !== first && c.getSnapshot().status === 'signedIn') {
            stop();
            resolve(user);
          }
        });
      });
      const user = await renewed;
      expect(user.access_token).not.toBe(first.access_token);
      expect(shortLived.requests.filter((r) => r.grantType === 'refresh_token')).toHaveLength(1);
    } finally {
      await shortLived.close();
    }
  });
});

describe('a closed port', () => {
  it('fails with network_error', async () => {
    const gone = await startIdp({ port: 0 });
    const issuer = gone.issuer;
    await gone.close();
    const error = await rejection(createAuthClient({ authority: issuer, client_id: 'x' }).getMetadata());
    expect(error.code).toBe('network_error');
  });
});
