import { describe, expect, it } from 'vitest';
import { json, tokenBody } from './test/mockFetch.ts';
import { rejection, setup, signedIn } from './test/setup.ts';

const api = 'https://api.example/notes';

describe('client.fetch', () => {
  it('adds Authorization: Bearer and keeps the other headers', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(json({ notes: [] }));
    const response = await env.client.fetch(api, { headers: { 'x-trace': '1' } });
    expect(await response.json()).toEqual({ notes: [] });
    expect(env.mock.requests[0]!.headers.get('authorization')).toBe('Bearer at-1');
    expect(env.mock.requests[0]!.headers.get('x-trace')).toBe('1');
  });

  it('on a 401 refreshes once and retries once, replaying a Request body', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(new Response(null, { status: 401 }), json(tokenBody({ access_token: 'at-2' })), json({ ok: true }));
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
    const env = setup();
    await signedIn(env);
    env.mock.reply(new Response(null, { status: 401 }), json(tokenBody({ access_token: 'at-2' })), new Response('no', { status: 401 }));
    const response = await env.client.fetch(api);
    expect(response.status).toBe(401);
    expect(env.mock.requests).toHaveLength(3);
  });

  it('returns a 401 as is when there is no refresh token', async () => {
    const env = setup();
    await signedIn(env, { refresh_token: undefined });
    env.mock.reply(new Response(null, { status: 401 }));
    expect((await env.client.fetch(api)).status).toBe(401);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('rejects with the refresh error when the refresh after a 401 is refused', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(new Response(null, { status: 401 }), json({ error: 'invalid_grant' }, { status: 400 }));
    expect((await rejection(env.client.fetch(api))).code).toBe('invalid_grant');
    expect(env.client.getUser()).toBeNull();
  });

  it('rejects with no_session when signed out, without calling the API', async () => {
    const env = setup();
    expect((await rejection(env.client.fetch(api))).code).toBe('no_session');
    expect(env.mock.requests).toHaveLength(0);
  });
});
