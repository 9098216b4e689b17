import { describe, expect, it } from 'vitest';
import { ISSUER, discoveryDocument, json, text, tokenBody } from './test/mockFetch.ts';
import { rejection, setup } from './test/setup.ts';

describe('discovery', () => {
  it('is fetched once and shared by concurrent callers', async () => {
    const { mock, client } = setup();
    mock.reply(json(discoveryDocument()));
    const [a, b] = await Promise.all([client.getMetadata(), client.getMetadata()]);
    expect(a).toBe(b);
    expect(await client.getMetadata()).toBe(a);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.headers.get('accept')).toBe('application/json');
    expect(a).toMatchObject({ issuer: ISSUER, token_endpoint: `${ISSUER}/token`, grant_types_supported: ['password', 'refresh_token'] });
  });

  it('is not cached when it failed: the next call retries', async () => {
    const { mock, client } = setup();
    mock.reply(new TypeError('fetch failed'), json(discoveryDocument()));
    expect((await rejection(client.getMetadata())).code).toBe('network_error');
    await expect(client.getMetadata()).resolves.toMatchObject({ issuer: ISSUER });
    expect(mock.requests).toHaveLength(2);
  });

  it('accepts an issuer that differs from the authority by one trailing slash', async () => {
    const { mock, client } = setup({ authority: `${ISSUER}/` });
    mock.reply(json(discoveryDocument()));
    await expect(client.getMetadata()).resolves.toMatchObject({ issuer: ISSUER });
    expect(mock.requests[0]!.url).toBe(`${ISSUER}/.well-known/openid-configuration`);
  });

  it.each([
    [discoveryDocument({ issuer: 'https://evil.example' }), 'invalid_response', `discovery: issuer "https://evil.example" does not match authority "${ISSUER}"`],
    [discoveryDocument({ token_endpoint: undefined }), 'invalid_response', 'discovery: token_endpoint must be a non-empty string'],
    [discoveryDocument({ grant_types_supported: 'password' }), 'invalid_response', 'discovery: grant_types_supported must be an array of strings when present'],
    [
      discoveryDocument({ token_endpoint: 'http://idp.example/token' }),
      'insecure_endpoint',
      'discovery: token_endpoint: "http://idp.example/token" uses plain http on a host that is not loopback; use https (or set allowInsecureRequests for a trusted network)',
    ],
    [
      discoveryDocument({ revocation_endpoint: 'http://idp.example/revoke' }),
      'insecure_endpoint',
      'discovery: revocation_endpoint: "http://idp.example/revoke" uses plain http on a host that is not loopback; use https (or set allowInsecureRequests for a trusted network)',
    ],
  ])('rejects %j', async (document, code, message) => {
    const { mock, client } = setup();
    mock.reply(json(document));
    const error = await rejection(client.getMetadata());
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('accepts an http endpoint from discovery with allowInsecureRequests', async () => {
    const { mock, client } = setup({ allowInsecureRequests: true });
    mock.reply(json(discoveryDocument({ token_endpoint: 'http://idp.example/token' })));
    await expect(client.getMetadata()).resolves.toMatchObject({ token_endpoint: 'http://idp.example/token' });
  });

  it('fails sign-in with the discovery error and leaves the state signed out', async () => {
    const { mock, client } = setup();
    mock.reply(text('<html>Not found</html>', 404));
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' }));
    expect([error.code, error.status, error.message]).toEqual([
      'invalid_response',
      404,
      'discovery: unexpected HTTP 404, content-type text/html without an OAuth error body',
    ]);
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
    mock.reply(json(discoveryDocument()), json(tokenBody()));
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' });
    expect(client.getSnapshot().status).toBe('signedIn');
  });
});
