import { describe, expect, it } from 'vitest';
import { createAuthClient } from './authClient.ts';
import type { AuthClientSettings } from './types.ts';

function mistake(settings: unknown): string {
  try {
    createAuthClient(settings as AuthClientSettings);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as TypeError).message;
  }
  throw new Error('expected a TypeError');
}

const ok = { authority: 'https://idp.example', client_id: 'spa' };

describe('createAuthClient settings', () => {
  it('accepts https, loopback http and opted-in http', () => {
    expect(() => createAuthClient(ok)).not.toThrow();
    for (const authority of ['http://localhost:4000', 'http://LOCALHOST:4000', 'http://127.0.0.1:4000', 'http://127.1.2.3', 'http://[::1]:4000']) {
      expect(() => createAuthClient({ ...ok, authority })).not.toThrow();
    }
    expect(() => createAuthClient({ ...ok, authority: 'http://idp.internal', allowInsecureRequests: true })).not.toThrow();
    expect(() => createAuthClient({ ...ok, apiOrigins: ['https://api.example/', 'http://127.0.0.1:4001', 'HTTPS://API.EXAMPLE:443'] })).not.toThrow();
    expect(() => createAuthClient({ ...ok, apiOrigins: ['http://api.internal'], allowInsecureRequests: true })).not.toThrow();
  });

  it.each([
    [undefined, 'createAuthClient: settings must be an object'],
    [{ authority: 'https://idp.example' }, 'createAuthClient: client_id is required: pass the client id your provider registered for this app'],
    [{ client_id: 'spa' }, 'createAuthClient: pass authority (the issuer URL, used for discovery) or metadata (issuer and token_endpoint)'],
    [
      { ...ok, authority: 'http://idp.example' },
      'createAuthClient: authority "http://idp.example" uses plain http on a host that is not loopback; use https (or set allowInsecureRequests for a trusted network)',
    ],
    [{ ...ok, authority: 'idp.example' }, 'createAuthClient: authority "idp.example" is not an absolute URL'],
    ...['http://app.localhost', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example', 'http://0.0.0.0'].map((authority): [unknown, string] => [
      { ...ok, authority },
      `createAuthClient: authority "${authority}" uses plain http on a host that is not loopback; use https (or set allowInsecureRequests for a trusted network)`,
    ]),
    [{ ...ok, authority: 'ftp://idp.example' }, 'createAuthClient: authority "ftp://idp.example" must use https'],
    [
      { client_id: 'spa', metadata: { issuer: 'https://a', token_endpoint: 'http://10.0.0.1/token' } },
      'createAuthClient: metadata.token_endpoint "http://10.0.0.1/token" uses plain http on a host that is not loopback; use https (or set allowInsecureRequests for a trusted network)',
    ],
    [{ client_id: 'spa', metadata: { token_endpoint: 'https://a/token' } }, 'createAuthClient: metadata.issuer must be a non-empty string'],
    [
      { client_id: 'spa', metadata: { issuer: 'https://a', token_endpoint: 'https://a/token' }, loadUserInfo: true },
      'createAuthClient: loadUserInfo needs metadata.userinfo_endpoint',
    ],
    [{ ...ok, client_authentication: 'client_secret_post' }, "createAuthClient: client_authentication is 'client_secret_post' but client_secret is missing"],
    [{ ...ok, client_secret: 's', client_authentication: 'private_key_jwt' }, "createAuthClient: client_authentication must be 'client_secret_basic' or 'client_secret_post', got private_key_jwt"],
    [{ ...ok, client_secret: '' }, 'createAuthClient: client_secret must be a non-empty string when given'],
    [{ ...ok, storage: 'cookie' }, "createAuthClient: storage must be 'memory', 'session', 'local' or an object with getItem, setItem and removeItem"],
    [{ ...ok, storage: { getItem() {} } }, "createAuthClient: storage must be 'memory', 'session', 'local' or an object with getItem, setItem and removeItem"],
    [{ ...ok, timeout: 0 }, 'createAuthClient: timeout must be a positive number, got 0'],
    [{ ...ok, refreshMargin: -1 }, 'createAuthClient: refreshMargin must be a non-negative number, got -1'],
    [{ ...ok, defaultExpiresIn: 0 }, 'createAuthClient: defaultExpiresIn must be a positive number, got 0'],
    [{ ...ok, clockSkew: Number.NaN }, 'createAuthClient: clockSkew must be a non-negative number, got NaN'],
    [{ ...ok, extraTokenParams: { audience: 1 } }, 'createAuthClient: extraTokenParams.audience must be a string'],
    [{ ...ok, fetch: 'fetch' }, 'createAuthClient: fetch must be a function'],
    [{ ...ok, apiOrigins: 'https://api.example' }, 'createAuthClient: apiOrigins must be an array of origins like "https://api.example.com"'],
    [{ ...ok, apiOrigins: ['https://api.example/v1'] }, 'createAuthClient: apiOrigins entries must be origins (scheme, host, port) like "https://api.example.com", got "https://api.example/v1"'],
    [{ ...ok, apiOrigins: ['api.example'] }, 'createAuthClient: apiOrigins entries must be origins (scheme, host, port) like "https://api.example.com", got "api.example"'],
    [
      { ...ok, apiOrigins: ['http://api.example'] },
      'createAuthClient: apiOrigins entry "http://api.example" uses plain http on a host that is not loopback; use https (or set allowInsecureRequests for a trusted network)',
    ],
  ])('throws a TypeError for %j', (settings, message) => {
    expect(mistake(settings)).toBe(message);
  });

  it('touches no storage when the storage kind is local or session outside a browser', () => {
    const client = createAuthClient({ ...ok, storage: 'local' });
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
  });
});
