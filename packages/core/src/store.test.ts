import { describe, expect, it } from 'vitest';
import { discoveryDocument, json, tokenBody } from './test/mockFetch.ts';
import { flush } from './test/fakeClock.ts';
import { rejection, setup, signedIn, storedUser } from './test/setup.ts';

describe('the store', () => {
  it('keeps the same snapshot object until something changes', async () => {
    const env = setup();
    const first = env.client.getSnapshot();
    expect(env.client.getSnapshot()).toBe(first);
    await signedIn(env);
    const second = env.client.getSnapshot();
    expect(second).not.toBe(first);
    expect(env.client.getSnapshot()).toBe(second);
    expect(Object.isFrozen(second) && Object.isFrozen(second.user)).toBe(true);
  });

  it('serves a signed-out server snapshot with a stable identity', async () => {
    const env = setup();
    await signedIn(env);
    const server = env.client.getServerSnapshot();
    expect(server).toEqual({ status: 'signedOut', user: null, error: null });
    expect(env.client.getServerSnapshot()).toBe(server);
  });

  it('notifies each listener once per change, and not after unsubscribe', async () => {
    const env = setup();
    let a = 0;
    let b = 0;
    const stopA = env.client.subscribe(() => (a += 1));
    env.client.subscribe(() => (b += 1));
    await signedIn(env); // signingIn, signedIn
    stopA();
    env.mock.reply(json(tokenBody({ access_token: 'at-2' })));
    await env.client.refresh(); // refreshing, signedIn
    expect([a, b]).toEqual([2, 4]);
  });

  it('does not notify when a sign-out changes nothing', async () => {
    const env = setup();
    let calls = 0;
    env.client.subscribe(() => (calls += 1));
    await env.client.signout();
    expect(calls).toBe(0);
  });

  it('ignores subscriptions after destroy', () => {
    const env = setup();
    env.client.destroy();
    const unsubscribe = env.client.subscribe(() => {
      throw new Error('must not be called');
    });
    expect(typeof unsubscribe).toBe('function');
    expect(env.clock.pending()).toBe(0);
  });

  it('persists nothing and changes no state after destroy, even when a sign-in in flight lands', async () => {
    const env = setup();
    let answer: (response: Response) => void = () => {};
    env.mock.reply(json(discoveryDocument()), () => new Promise<Response>((resolve) => (answer = resolve)));
    const pending = rejection(env.client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' }));
    await flush();
    env.client.destroy();
    answer(json(tokenBody()));
    const error = await pending;
    expect([error.code, error.message]).toEqual(['aborted', 'signinResourceOwnerCredentials: the client was destroyed']);
    expect(env.storage.getItem(env.key)).toBeNull();
    expect(env.client.getUser()).toBeNull();
  });

  it('persists nothing after destroy when a refresh in flight lands', async () => {
    const env = setup();
    await signedIn(env);
    let answer: (response: Response) => void = () => {};
    env.mock.reply(() => new Promise<Response>((resolve) => (answer = resolve)));
    const pending = rejection(env.client.refresh());
    await flush();
    const before = env.client.getSnapshot();
    env.client.destroy();
    answer(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
    const error = await pending;
    expect([error.code, error.message]).toEqual(['aborted', 'refresh: the client was destroyed']);
    expect(storedUser(env.storage.getItem(env.key)).access_token).toBe('at-1');
    expect(env.client.getSnapshot()).toBe(before);
  });
});
