import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from './errors.ts';
import { json, tokenBody } from './test/mockFetch.ts';
import { rejection, setup, signedIn } from './test/setup.ts';

const api = 'https://api.example/notes';
const apiOrigins = ['https://api.example'];

afterEach(() => vi.unstubAllGlobals());

/** A 401 with the given WWW-Authenticate challenge (none when null). */
function unauthorized(challenge: string | null, status = 401): Response {
  return new Response(null, { status, headers: challenge === null ? {} : { 'www-authenticate': challenge } });
}

describe('client.fetch', () => {
  it('adds Authorization: Bearer and keeps the other headers', async () => {
    const env = setup({ apiOrigins });
    await signedIn(env);
    env.mock.reply(json({ notes: [] }));
    const response = await env.client.fetch(api, { headers: { 'x-trace': '1' } });
    expect(await response.json()).toEqual({ notes: [] });
    expect(env.mock.requests[0]!.headers.get('authorization')).toBe('Bearer at-1');
    expect(env.mock.requests[0]!.headers.get('x-trace')).toBe('1');
  });

  it('on a 401 refreshes once and retries once, replaying a Request body', async () => {
    const env = setup({ apiOrigins });
    await signedIn(env);
    env.mock.reply(unauthorized('Bearer error="invalid_token"'), json(tokenBody({ access_token: 'at-2' })), json({ ok: true }));
    const request = new Request(api, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    const response = await env.client.fetch(request);
    expect(response.status).toBe(200);
    expect(env.mock.requests.map((r) => r.headers.get('authorization') ?? r.url)).toEqual([
      'Bearer at-1',
      'https://idp.example/token',
      'Bearer at-2',
    ]);
    expect(env.mock.requests[2]!.headers.get('content-type')).toBe('text/plain');
  });

  it('returns a second 401 to the caller', async () => {
    const env = setup({ apiOrigins });
    await signedIn(env);
    env.mock.reply(new Response(null, { status: 401 }), json(tokenBody({ access_token: 'at-2' })), new Response('no', { status: 401 }));
    const response = await env.client.fetch(api);
    expect(response.status).toBe(401);
    expect(env.mock.requests).toHaveLength(3);
  });

  it('returns a 401 as is when there is no refresh token', async () => {
    const env = setup({ apiOrigins });
    await signedIn(env, { refresh_token: undefined });
    env.mock.reply(new Response(null, { status: 401 }));
    expect((await env.client.fetch(api)).status).toBe(401);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('rejects with the refresh error when the refresh after a 401 is refused', async () => {
    const env = setup({ apiOrigins });
    await signedIn(env);
    env.mock.reply(new Response(null, { status: 401 }), json({ error: 'invalid_grant' }, { status: 400 }));
    expect((await rejection(env.client.fetch(api))).code).toBe('invalid_grant');
    expect(env.client.getUser()).toBeNull();
  });

  it('rejects with no_session when signed out, without calling the API', async () => {
    const env = setup({ apiOrigins });
    expect((await rejection(env.client.fetch(api))).code).toBe('no_session');
    expect(env.mock.requests).toHaveLength(0);
  });

  it.each([
    ['Bearer error="insufficient_scope", scope="notes:write"', 401],
    ['Bearer realm="api"', 401],
    ['Basic realm="api"', 401],
    ['Bearer error="insufficient_scope"', 403],
  ])('returns %s (HTTP %i) as is, without a refresh (RFC 6750 §3.1)', async (challenge, status) => {
    const env = setup({ apiOrigins });
    await signedIn(env);
    env.mock.reply(unauthorized(challenge, status));
    expect((await env.client.fetch(api)).status).toBe(status);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('refreshes and retries on a 401 with error="invalid_token" among several challenges', async () => {
    const env = setup({ apiOrigins });
    await signedIn(env);
    env.mock.reply(unauthorized('Basic realm="x", Bearer realm="api", error="invalid_token"'), json(tokenBody({ access_token: 'at-2' })), json({}));
    expect((await env.client.fetch(api)).status).toBe(200);
    expect(env.mock.requests.map((r) => r.headers.get('authorization') ?? r.url)).toEqual(['Bearer at-1', 'https://idp.example/token', 'Bearer at-2']);
  });
});

describe('client.fetch: where the access token may go', () => {
  const notAllowed = (origin: string) =>
    `client.fetch: ${origin} is not in apiOrigins; add it to the apiOrigins setting to send the access token there`;

  it('rejects a request to another origin with origin_not_allowed, sending nothing', async () => {
    const env = setup({ apiOrigins });
    await signedIn(env);
    const error: unknown = await env.client.fetch('https://third-party.example/api').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'origin_not_allowed', message: notAllowed('https://third-party.example') });
    await expect(env.client.fetch(new Request('https://api.example.evil/x'))).rejects.toThrow(notAllowed('https://api.example.evil'));
    expect(env.mock.requests).toHaveLength(0);
  });

  it("defaults to the page's own origin, and to none without a page", async () => {
    const env = setup();
    await signedIn(env);
    await expect(env.client.fetch(api)).rejects.toThrow(notAllowed('https://api.example'));
    vi.stubGlobal('location', new URL('https://app.example/profile'));
    env.mock.reply(json({}), json({}));
    await env.client.fetch('/api/notes');
    await env.client.fetch(new URL('https://app.example/api/me'));
    expect(env.mock.requests.map((r) => `${r.url} ${r.headers.get('authorization')}`)).toEqual([
      '/api/notes Bearer at-1',
      'https://app.example/api/me Bearer at-1',
    ]);
    await expect(env.client.fetch(api)).rejects.toThrow(notAllowed('https://api.example'));
  });

  it('refuses plain http on a host that is not loopback with insecure_endpoint, unless allowInsecureRequests', async () => {
    vi.stubGlobal('location', new URL('http://app.example/'));
    const env = setup();
    await signedIn(env);
    const error: unknown = await env.client.fetch('/api/notes').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      code: 'insecure_endpoint',
      message: 'client.fetch: "http://app.example/api/notes" uses plain http on a host that is not loopback; use https (or set allowInsecureRequests for a trusted network)',
    });
    expect(env.mock.requests).toHaveLength(0);
    const insecure = setup({ allowInsecureRequests: true });
    await signedIn(insecure);
    insecure.mock.reply(json({}));
    expect((await insecure.client.fetch('/api/notes')).status).toBe(200);
    const loopback = setup({ apiOrigins: ['http://127.0.0.1:4001'] });
    await signedIn(loopback);
    loopback.mock.reply(json({}));
    expect((await loopback.client.fetch('http://127.0.0.1:4001/api/notes')).status).toBe(200);
  });
});
