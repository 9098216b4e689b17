import { describe, expect, it } from 'vitest';
import { ISSUER, discoveryDocument, idToken, json, tokenBody } from './test/mockFetch.ts';
import { rejection, setup } from './test/setup.ts';

describe('loadUserInfo', () => {
  it('fetches userinfo with the access token and merges it into the profile', async () => {
    const { mock, clock, client } = setup({ loadUserInfo: true });
    mock.reply(json(discoveryDocument()), json(tokenBody({ id_token: idToken(clock.now()) })), json({ sub: 'alice', email: 'alice@example.com', name: 'Alice L.' }));
    const user = await client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' });
    expect(mock.requests[2]).toMatchObject({ method: 'GET', url: `${ISSUER}/me` });
    expect(mock.requests[2]!.headers.get('authorization')).toBe('Bearer at-1');
    expect(user.profile).toMatchObject({ sub: 'alice', email: 'alice@example.com', name: 'Alice L.', iss: ISSUER });
  });

  it('rejects a userinfo sub that differs from the id_token sub, leaving the state unchanged', async () => {
    const { mock, clock, client } = setup({ loadUserInfo: true });
    mock.reply(json(discoveryDocument()), json(tokenBody({ id_token: idToken(clock.now()) })), json({ sub: 'mallory' }));
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' }));
    expect([error.code, error.message]).toEqual(['invalid_response', 'userinfo: sub does not match the id_token sub']);
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
  });

  it('reports a refused access token from the userinfo challenge', async () => {
    const { mock, client } = setup({ loadUserInfo: true });
    mock.reply(
      json(discoveryDocument()),
      json(tokenBody()),
      new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } }),
    );
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' }));
    expect([error.code, error.status]).toEqual(['invalid_token', 401]);
  });

  it('rejects when the provider has no userinfo endpoint, before sending the password', async () => {
    const { mock, client } = setup({ loadUserInfo: true });
    mock.reply(json(discoveryDocument({ userinfo_endpoint: undefined })), json(tokenBody()));
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' }));
    expect(error.message).toBe('userinfo: loadUserInfo is set but the provider has no userinfo_endpoint');
    expect(mock.requests).toHaveLength(1);
  });
});
