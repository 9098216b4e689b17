import { describe, expect, it } from 'vitest';
import { json, text, tokenBody } from './test/mockFetch.ts';
import { setup, signedIn } from './test/setup.ts';

describe('background renewal', () => {
  it('runs no timer while nobody subscribes (a client dropped by StrictMode stays idle)', async () => {
    const env = setup();
    await signedIn(env);
    expect(env.clock.pending()).toBe(0);
    await env.clock.advance(400_000);
    expect(env.mock.requests).toHaveLength(0);
    expect(env.client.getSnapshot().status).toBe('signedIn');
  });

  it('refreshes refreshMargin seconds before expiry while subscribed, and stops on unsubscribe', async () => {
    const env = setup();
    await signedIn(env);
    const unsubscribe = env.client.subscribe(() => {});
    await env.clock.advance(239_000);
    expect(env.mock.requests).toHaveLength(0);
    env.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
    await env.clock.advance(1_000);
    expect(env.mock.requests).toHaveLength(1);
    expect(env.client.getUser()?.access_token).toBe('at-2');
    unsubscribe();
    expect(env.clock.pending()).toBe(0);
    await env.clock.advance(600_000);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('retries with back-off after transient failures, then clears the error', async () => {
    const env = setup();
    await signedIn(env);
    env.client.subscribe(() => {});
    env.mock.reply(new TypeError('fetch failed'), text('down', 502));
    await env.clock.advance(240_000);
    expect(env.mock.requests).toHaveLength(1);
    expect(env.client.getSnapshot()).toMatchObject({ status: 'signedIn', error: { code: 'network_error' } });
    await env.clock.advance(1_000); // first back-off: 1 s
    expect(env.mock.requests).toHaveLength(2);
    expect(env.client.getSnapshot().error?.code).toBe('server_error');
    env.mock.reply(json(tokenBody({ access_token: 'at-2' })));
    await env.clock.advance(1_999); // second back-off: 2 s
    expect(env.mock.requests).toHaveLength(2);
    await env.clock.advance(1);
    expect(env.mock.requests).toHaveLength(3);
    expect(env.client.getSnapshot()).toMatchObject({ status: 'signedIn', error: null, user: { access_token: 'at-2' } });
  });

  it('getAccessToken keeps the still-valid token without a request until the back-off has passed', async () => {
    const env = setup();
    await signedIn(env);
    await env.clock.advance(250_000); // inside the 60 s margin
    env.mock.reply(json({ error: 'server_error' }, { status: 500 }));
    for (let i = 0; i < 5; i += 1) await expect(env.client.getAccessToken()).resolves.toBe('at-1');
    expect(env.mock.requests).toHaveLength(1);
    await env.clock.advance(999);
    await expect(env.client.getAccessToken()).resolves.toBe('at-1');
    expect(env.mock.requests).toHaveLength(1);
    await env.clock.advance(1);
    env.mock.reply(json(tokenBody({ access_token: 'at-2' })));
    await expect(env.client.getAccessToken()).resolves.toBe('at-2');
    expect(env.mock.requests).toHaveLength(2);
  });

  it('waits for Retry-After before retrying', async () => {
    const env = setup();
    await signedIn(env);
    env.client.subscribe(() => {});
    env.mock.reply(new Response('', { status: 503, headers: { 'retry-after': '20' } }));
    await env.clock.advance(240_000);
    expect(env.client.getSnapshot().error).toMatchObject({ code: 'temporarily_unavailable', retryAfter: 20 });
    env.mock.reply(json(tokenBody({ access_token: 'at-2' })));
    await env.clock.advance(19_999);
    expect(env.mock.requests).toHaveLength(1);
    await env.clock.advance(1);
    expect(env.mock.requests).toHaveLength(2);
  });

  it('ends the session when the access token expires without a successful refresh', async () => {
    const env = setup();
    await signedIn(env);
    const seen: string[] = [];
    env.client.subscribe(() => seen.push(env.client.getSnapshot().status));
    env.mock.reply(...Array.from({ length: 20 }, () => new TypeError('fetch failed')));
    await env.clock.advance(299_000);
    expect(env.client.getSnapshot().status).toBe('signedIn');
    await env.clock.advance(1_000);
    const state = env.client.getSnapshot();
    expect(state).toMatchObject({ status: 'signedOut', user: null, error: { code: 'network_error' } });
    expect(env.storage.getItem(env.key)).toBeNull();
    expect(env.clock.pending()).toBe(0);
    // Attempts at 240, 241, 243, 247, 255 and 271 s (back-off 1, 2, 4, 8, 16 s), the last one at expiry (300 s).
    expect(env.mock.requests).toHaveLength(7);
    expect(seen.at(-1)).toBe('signedOut');
  });

  it('ends a session without a refresh token at expiry', async () => {
    const env = setup();
    await signedIn(env, { refresh_token: undefined });
    env.client.subscribe(() => {});
    await env.clock.advance(299_999);
    expect(env.client.getSnapshot().status).toBe('signedIn');
    await env.clock.advance(1);
    expect(env.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
    expect(env.mock.requests).toHaveLength(0);
  });

  it('refreshes a restored, already expired session right away when subscribed', async () => {
    const first = setup();
    await signedIn(first);
    await first.clock.advance(400_000);
    const env = setup({ storage: first.storage, now: first.clock.now, timers: first.clock.timers, fetch: first.mock.fetch });
    expect(env.client.getSnapshot().status).toBe('signedIn');
    first.mock.reply(json({ issuer: 'https://idp.example', token_endpoint: 'https://idp.example/token' }), json(tokenBody({ access_token: 'at-2' })));
    env.client.subscribe(() => {});
    await first.clock.advance(0);
    expect(env.client.getUser()?.access_token).toBe('at-2');
  });

  it('runs no timer for a refreshable session with automaticRefresh off', async () => {
    const env = setup({ automaticRefresh: false });
    await signedIn(env);
    env.client.subscribe(() => {});
    expect(env.clock.pending()).toBe(0);
  });

  it('stops everything on destroy', async () => {
    const env = setup();
    await signedIn(env);
    let calls = 0;
    env.client.subscribe(() => (calls += 1));
    env.client.destroy();
    expect(env.clock.pending()).toBe(0);
    await expect(env.client.getAccessToken()).rejects.toThrow('getAccessToken: this client was destroyed; create a new one');
    expect(calls).toBe(0);
  });
});

describe('renewal timing', () => {
  it('never renews before half the token lifetime, even with a margin longer than the lifetime', async () => {
    const env = setup({ refreshMargin: 600 });
    await signedIn(env, { expires_in: 30 });
    env.client.subscribe(() => {});
    await expect(env.client.getAccessToken()).resolves.toBe('at-1');
    await env.clock.advance(14_999);
    expect(env.mock.requests).toHaveLength(0);
    env.mock.reply(json(tokenBody({ access_token: 'at-2', expires_in: 30 })));
    await env.clock.advance(1);
    expect(env.mock.requests).toHaveLength(1);
    await env.clock.advance(14_999);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('keeps background refreshes a second apart even when the server grants no lifetime at all', async () => {
    const env = setup();
    await signedIn(env, { expires_in: 0 });
    env.client.subscribe(() => {});
    env.mock.reply(...Array.from({ length: 5 }, (_, i) => json(tokenBody({ access_token: `at-${i + 2}`, expires_in: 0 }))));
    await env.clock.advance(999);
    expect(env.mock.requests).toHaveLength(0);
    await env.clock.advance(1_500);
    expect(env.mock.requests).toHaveLength(2);
    expect(env.client.getUser()?.access_token).toBe('at-3');
  });

  it('sends one background refresh per second at most for a server granting expires_in 0 (no tight loop)', async () => {
    const env = setup();
    await signedIn(env, { expires_in: 0 });
    let n = 1;
    const answer = () => json(tokenBody({ access_token: `at-${(n += 1)}`, refresh_token: `rt-${n}`, expires_in: 0 }));
    env.mock.reply(...Array.from({ length: 200 }, () => answer));
    env.client.subscribe(() => {});
    await env.clock.advance(10);
    expect(env.mock.requests).toHaveLength(0);
    await env.clock.advance(59_990);
    expect(env.mock.requests).toHaveLength(60);
    expect(env.client.getSnapshot().status).toBe('signedIn');
  });

  it('shows refreshing while a refresh is in flight and signedIn after, even when adopting synchronously', async () => {
    const env = setup();
    await signedIn(env);
    env.mock.reply(json(tokenBody({ access_token: 'at-2' })));
    const pending = env.client.refresh();
    expect(env.client.getSnapshot().status).toBe('refreshing');
    await pending;
    expect(env.client.getSnapshot().status).toBe('signedIn');
  });
});
