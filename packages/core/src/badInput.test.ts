import { describe, expect, it } from 'vitest';
import { CLIENT_ID, ISSUER, discoveryDocument, idToken, json, makeJwt, text, tokenBody } from './test/mockFetch.ts';
import { rejection, setup } from './test/setup.ts';

type Scenario = [name: string, reply: (nowMs: number) => Response | Error | 'hang', code: string, message: string];

const scenarios: Scenario[] = [
  ['an HTML body', () => text('<html>hi</html>', 200), 'invalid_response', 'token response: body is not JSON (HTTP 200, content-type text/html)'],
  ['JSON that is not an object', () => json([1, 2]), 'invalid_response', 'token response: body must be a JSON object'],
  ['a missing access_token', () => json(tokenBody({ access_token: undefined })), 'invalid_response', 'token response: access_token must be a non-empty string'],
  ['a wrongly typed expires_in', () => json(tokenBody({ expires_in: true })), 'invalid_response', 'token response: expires_in must be a number'],
  ['an error body with a 200 status', () => json({ error: 'invalid_grant' }), 'invalid_grant', 'token response: the server answered invalid_grant'],
  ['a 500 page', () => text('<h1>Internal Server Error</h1>', 500), 'server_error', 'token response: the server failed (HTTP 500, content-type text/html)'],
  ['a closed port', () => new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }), 'network_error', `token response: could not reach ${ISSUER}/token`],
  ['a hanging server', () => 'hang', 'timeout', `token response: no response from ${ISSUER}/token within 10000 ms`],
  [
    'an id_token for another audience',
    (now) => json(tokenBody({ id_token: idToken(now, { aud: 'someone-else' }) })),
    'invalid_id_token',
    `id_token: aud must contain the client_id "${CLIENT_ID}"`,
  ],
  [
    'an id_token from another issuer',
    (now) => json(tokenBody({ id_token: idToken(now, { iss: 'https://evil.example' }) })),
    'invalid_id_token',
    `id_token: iss must be "${ISSUER}", got "https://evil.example"`,
  ],
  [
    'an expired id_token',
    (now) => json(tokenBody({ id_token: idToken(now, { exp: Math.floor(now / 1000) - 3600 }) })),
    'invalid_id_token',
    'id_token: has expired (exp is in the past)',
  ],
  ['an undecodable id_token', () => json(tokenBody({ id_token: 'abc' })), 'invalid_id_token', 'id_token: is not a decodable JWT'],
  [
    'a 429 with Retry-After',
    () => new Response('', { status: 429, headers: { 'retry-after': '30' } }),
    'temporarily_unavailable',
    'token response: the server is temporarily unavailable (HTTP 429, content-type text/plain)',
  ],
];

describe('bad input gets a clear error and nothing is lost', () => {
  it.each(scenarios)('%s', async (_name, reply, code, message) => {
    const { mock, clock, client, storage, key } = setup();
    // A session exists before the failing sign-in.
    mock.reply(json(discoveryDocument()), json(tokenBody({ id_token: idToken(clock.now()), access_token: 'old' })));
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    const before = client.getSnapshot();
    const storedBefore = storage.getItem(key);

    const answer = reply(clock.now());
    mock.reply(answer === 'hang' ? () => new Promise<Response>(() => {}) : answer);
    const pending = rejection(client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder' }));
    if (answer === 'hang') await clock.advance(10_000);
    const error = await pending;

    expect([error.code, error.message]).toEqual([code, message]);
    expect(client.getSnapshot()).toEqual({ ...before, error });
    expect(client.getUser()).toBe(before.user);
    expect(storage.getItem(key)).toBe(storedBefore);
    expect(JSON.stringify([client.getSnapshot(), error, error.message, storage.getItem(key)])).not.toContain('builder');
  });

  it('reports retryAfter from a 429', async () => {
    const { mock, client } = setup();
    mock.reply(json(discoveryDocument()), new Response('', { status: 429, headers: { 'retry-after': '30' } }));
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' }));
    expect([error.status, error.retryAfter]).toEqual([429, 30]);
  });

  it('rejects an insecure token endpoint from discovery before sending the password', async () => {
    const { mock, client } = setup();
    mock.reply(json(discoveryDocument({ token_endpoint: 'http://idp.example/token' })));
    const error = await rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' }));
    expect(error.code).toBe('insecure_endpoint');
    expect(mock.requests).toHaveLength(1);
  });

  it('aborts with the caller signal', async () => {
    const { mock, client } = setup();
    const controller = new AbortController();
    mock.reply(json(discoveryDocument()), () => new Promise<Response>(() => {}));
    const pending = rejection(client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw', signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await pending;
    expect([error.code, error.message]).toEqual(['aborted', 'token response: the request was aborted by the caller']);
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
  });

  it('accepts an id_token with several audiences and azp', async () => {
    const { mock, clock, client } = setup();
    mock.reply(json(discoveryDocument()), json(tokenBody({ id_token: idToken(clock.now(), { aud: [CLIENT_ID, 'api'], azp: CLIENT_ID }) })));
    await expect(client.signinResourceOwnerCredentials({ username: 'alice', password: 'pw' })).resolves.toMatchObject({ profile: { sub: 'alice' } });
    expect(makeJwt({}).split('.')).toHaveLength(3);
  });
});
