import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuthClient } from './authClient.ts';
import { createMemoryStorage } from './storage.ts';
import { createFakeClock } from './test/fakeClock.ts';
import { CLIENT_ID, ISSUER, createMockFetch, discoveryDocument, json, tokenBody } from './test/mockFetch.ts';
import { rejection, storedUser } from './test/setup.ts';
import type { StorageLike } from './types.ts';

const KEY = `ropc-kit:${CLIENT_ID}`;

/** A Web Locks stand-in: one exclusive lock per name, granted in request order. */
function createLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const names: string[] = [];
  const locks = {
    request(name: string, callback: () => Promise<unknown>) {
      names.push(name);
      const run = (tails.get(name) ?? Promise.resolve()).then(() => callback());
      tails.set(name, run.catch(() => {}));
      return run;
    },
    query: () => Promise.resolve({ held: [], pending: [] }),
  };
  return { locks: locks as unknown as LockManager, names };
}

let win: EventTarget;
let shared: StorageLike;

/** What a browser does in the other tabs after a localStorage write. */
function storageEvent(key: string | null = KEY): void {
  win.dispatchEvent(Object.assign(new Event('storage'), { key }));
}

beforeEach(() => {
  win = new EventTarget();
  shared = createMemoryStorage();
  vi.stubGlobal('window', win);
  vi.stubGlobal('localStorage', shared);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function tab(clock = createFakeClock(), locks: LockManager | null = null) {
  const mock = createMockFetch();
  const client = createAuthClient({
    authority: ISSUER,
    client_id: CLIENT_ID,
    storage: 'local',
    fetch: mock.fetch,
    now: clock.now,
    timers: clock.timers,
    locks,
  });
  return { mock, client, clock };
}

async function signIn(t: ReturnType<typeof tab>, access_token = 'at-1') {
  t.mock.reply(json(discoveryDocument()), json(tokenBody({ access_token })));
  await t.client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
}

describe('cross-tab with storage: local', () => {
  it('propagates sign-in and sign-out to a subscribed tab through the storage event', async () => {
    const a = tab();
    const b = tab(a.clock);
    const seen: string[] = [];
    b.client.subscribe(() => seen.push(b.client.getSnapshot().status));
    await signIn(a);
    storageEvent();
    expect(b.client.getUser()).toEqual(a.client.getUser());
    a.mock.reply(new Response(null, { status: 200 }), new Response(null, { status: 200 }));
    await a.client.signout();
    storageEvent();
    expect(b.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
    expect(seen).toEqual(['signedIn', 'signedOut']);
    expect(b.mock.requests).toHaveLength(0);
  });

  it('ignores events for other keys, listens only while subscribed, and catches up on subscribe', async () => {
    const a = tab();
    const b = tab(a.clock);
    await signIn(a);
    storageEvent('something-else');
    storageEvent();
    expect(b.client.getUser()).toBeNull(); // not subscribed: no listener
    const unsubscribe = b.client.subscribe(() => {});
    expect(b.client.getUser()?.access_token).toBe('at-1');
    unsubscribe();
    shared.removeItem(KEY);
    storageEvent();
    expect(b.client.getUser()?.access_token).toBe('at-1');
    b.client.subscribe(() => {});
    expect(b.client.getUser()).toBeNull();
  });

  it('does not abort a sign-in in flight when storage changes; a failure returns to what the other tab left', async () => {
    const b = tab();
    const a = tab(b.clock);
    const stop = b.client.subscribe(() => {});
    await signIn(a, 'at-old'); // No storage event reaches b.
    let answer: (response: Response) => void = () => {};
    b.mock.reply(json(discoveryDocument()), () => new Promise<Response>((resolve) => (answer = resolve)));
    const pending = rejection(b.client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder' }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Subscriber churn (a re-mount) re-reads storage, which still holds the old session.
    stop();
    b.client.subscribe(() => {});
    expect(b.client.getSnapshot().status).toBe('signingIn');
    // Another tab signs out meanwhile.
    shared.removeItem(KEY);
    storageEvent();
    expect(b.client.getSnapshot().status).toBe('signingIn');
    answer(json({ error: 'invalid_grant' }, { status: 400 }));
    const error = await pending;
    expect(b.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
  });

  it('handles localStorage.clear() in another tab (key null)', async () => {
    const a = tab();
    const b = tab(a.clock);
    await signIn(a);
    b.client.subscribe(() => {});
    shared.removeItem(KEY);
    storageEvent(null);
    expect(b.client.getUser()).toBeNull();
  });

  it('refreshes once for two tabs: the second takes the lock, re-reads storage and adopts', async () => {
    const { locks, names } = createLocks();
    const a = tab(createFakeClock(), locks);
    await signIn(a);
    const b = tab(a.clock, locks);
    expect(b.client.getUser()?.access_token).toBe('at-1');
    a.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
    const [fromA, fromB] = await Promise.all([a.client.refresh(), b.client.refresh()]);
    expect(a.mock.requests.filter((r) => r.method === 'POST')).toHaveLength(2); // sign-in + one refresh
    expect(b.mock.requests).toHaveLength(0);
    expect(fromB).toEqual(fromA);
    expect(b.client.getUser()?.refresh_token).toBe('rt-2');
    expect(names).toEqual([`ropc-kit:refresh:${KEY}`, `ropc-kit:refresh:${KEY}`]);
  });

  it('refreshes with the rotated token from storage when the stored token is about to expire too', async () => {
    const { locks } = createLocks();
    const a = tab(createFakeClock(), locks);
    await signIn(a);
    const b = tab(a.clock, locks);
    a.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2', expires_in: 0 })));
    await a.client.refresh();
    b.mock.reply(json(discoveryDocument()), json(tokenBody({ access_token: 'at-3', refresh_token: 'rt-3' })));
    await b.client.refresh();
    expect(b.mock.form(1).get('refresh_token')).toBe('rt-2');
  });

  it('adopts tokens another tab refreshed, even without locks, and ends signedIn', async () => {
    const a = tab();
    await signIn(a);
    const b = tab(a.clock);
    a.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
    await a.client.refresh();
    const user = await b.client.refresh();
    expect(user.access_token).toBe('at-2');
    expect(b.client.getSnapshot()).toEqual({ status: 'signedIn', user, error: null });
    expect(b.mock.requests).toHaveLength(0);
  });

  it('ends the session when another tab signed out before the refresh', async () => {
    const a = tab();
    await signIn(a);
    const b = tab(a.clock);
    shared.removeItem(KEY);
    const error = await rejection(b.client.refresh());
    expect([error.code, error.message]).toEqual(['no_session', 'refresh: the session was signed out in another tab']);
    expect(b.client.getSnapshot()).toMatchObject({ status: 'signedOut', user: null });
    expect(b.mock.requests).toHaveLength(0);
  });
});

describe('a refresh in flight meets a sign-out or sign-in in another tab (compare before write)', () => {
  /** Tab A signed in and subscribed, with a refresh request held open; tab B subscribed. */
  async function refreshHeldOpen() {
    const a = tab();
    await signIn(a, 'alice-at');
    const b = tab(a.clock);
    a.client.subscribe(() => {});
    b.client.subscribe(() => {});
    let answer: (response: Response) => void = () => {};
    a.mock.reply(() => new Promise<Response>((resolve) => (answer = resolve)));
    const refreshing = a.client.refresh();
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { a, b, refreshing, answer: (response: Response) => answer(response) };
  }

  it('drops the refresh result when the other tab signed out meanwhile', async () => {
    const { a, b, refreshing, answer } = await refreshHeldOpen();
    b.mock.reply(json(discoveryDocument({ revocation_endpoint: undefined })));
    await b.client.signout();
    a.mock.reply(new Response(null, { status: 200 }), new Response(null, { status: 200 }));
    answer(json(tokenBody({ access_token: 'alice-at-2', refresh_token: 'alice-rt-2' })));
    const error = await rejection(refreshing);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The tokens the refresh obtained have no holder any more: revoked (best effort).
    expect(a.mock.requests.slice(-2).map((r) => new URLSearchParams(r.body).get('token'))).toEqual(['alice-rt-2', 'alice-at-2']);
    expect([error.code, error.message]).toEqual(['no_session', 'refresh: the session was signed out in another tab']);
    expect(shared.getItem(KEY)).toBeNull();
    expect(a.client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
    storageEvent();
    expect(b.client.getSnapshot().status).toBe('signedOut');
  });

  it('revokes the refresh result when the sign-out event of the other tab arrived first', async () => {
    const { a, b, refreshing, answer } = await refreshHeldOpen();
    b.mock.reply(json(discoveryDocument({ revocation_endpoint: undefined })));
    await b.client.signout();
    storageEvent();
    expect(a.client.getSnapshot().status).toBe('signedOut');
    a.mock.reply(new Response(null, { status: 200 }), new Response(null, { status: 200 }));
    answer(json(tokenBody({ access_token: 'alice-at-2', refresh_token: 'alice-rt-2' })));
    expect((await rejection(refreshing)).code).toBe('no_session');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(a.mock.requests.slice(-2).map((r) => new URLSearchParams(r.body).get('token'))).toEqual(['alice-rt-2', 'alice-at-2']);
    expect(shared.getItem(KEY)).toBeNull();
  });

  it('adopts the session another tab signed in meanwhile instead of writing its own', async () => {
    const { a, b, refreshing, answer } = await refreshHeldOpen();
    b.mock.reply(json(discoveryDocument()), json(tokenBody({ access_token: 'bob-at', refresh_token: 'bob-rt' })));
    await b.client.signinResourceOwnerCredentials({ username: 'bob', password: 'builder' });
    answer(json(tokenBody({ access_token: 'alice-at-2', refresh_token: 'alice-rt-2' })));
    const user = await refreshing;
    expect(user.access_token).toBe('bob-at');
    expect(a.mock.requests.filter((r) => r.url.endsWith('/revocation'))).toHaveLength(0); // Could be a refresh of the same grant.
    expect(storedUser(shared.getItem(KEY)).access_token).toBe('bob-at');
    expect(a.client.getSnapshot()).toEqual({ status: 'signedIn', user, error: null });
    storageEvent();
    expect(b.client.getUser()?.access_token).toBe('bob-at');
  });
});

describe("storage: 'local' where Web Storage does not work", () => {
  const throwing = (name: string) => () => {
    throw new DOMException(name, name);
  };

  it.each([
    ['absent (Node, SSR)', undefined],
    ['full (quota exceeded on write)', { getItem: () => null, setItem: throwing('QuotaExceededError'), removeItem: () => {} }],
    ['blocked (every call throws)', { getItem: throwing('SecurityError'), setItem: throwing('SecurityError'), removeItem: throwing('SecurityError') }],
  ])('keeps the session in memory when it is %s: refresh and re-subscribe do not sign out', async (_name, webStorage) => {
    vi.stubGlobal('localStorage', webStorage);
    const a = tab();
    const unsubscribe = a.client.subscribe(() => {});
    await signIn(a);
    a.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
    const user = await a.client.refresh();
    expect(a.mock.form(2).get('refresh_token')).toBe('rt-1');
    expect(a.client.getSnapshot()).toEqual({ status: 'signedIn', user, error: null });
    unsubscribe();
    a.client.subscribe(() => {}); // e.g. AuthProvider re-mounted
    storageEvent();
    expect(a.client.getSnapshot()).toEqual({ status: 'signedIn', user, error: null });
  });

  it('keeps a refreshed session that could not be written instead of re-adopting the stale stored one', async () => {
    const a = tab();
    await signIn(a);
    a.client.subscribe(() => {});
    const quota = vi.spyOn(shared, 'setItem').mockImplementation(throwing('QuotaExceededError'));
    a.mock.reply(json(tokenBody({ access_token: 'at-2', refresh_token: 'rt-2' })));
    const user = await a.client.refresh();
    expect(storedUser(shared.getItem(KEY)).access_token).toBe('at-1');
    storageEvent();
    expect(a.client.getUser()).toBe(user);
    quota.mockRestore();
  });
});

describe('storage: session', () => {
  it('persists to sessionStorage and takes no cross-tab lock', async () => {
    const session = createMemoryStorage();
    vi.stubGlobal('sessionStorage', session);
    const { locks, names } = createLocks();
    const mock = createMockFetch();
    const clock = createFakeClock();
    const client = createAuthClient({ authority: ISSUER, client_id: CLIENT_ID, storage: 'session', fetch: mock.fetch, now: clock.now, timers: clock.timers, locks });
    mock.reply(json(discoveryDocument()), json(tokenBody()), json(tokenBody({ access_token: 'at-2' })));
    await client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
    await client.refresh();
    expect(session.getItem(KEY)).toContain('at-2');
    expect(shared.getItem(KEY)).toBeNull();
    expect(names).toEqual([]);
  });
});

describe('importing the package', () => {
  it('touches no window, document or storage', async () => {
    vi.resetModules();
    const touched: string[] = [];
    for (const name of ['window', 'document', 'localStorage', 'sessionStorage']) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          return undefined;
        },
      });
    }
    try {
      const core = await import('./index.ts');
      expect(typeof core.createAuthClient).toBe('function');
      expect(touched).toEqual([]);
    } finally {
      for (const name of ['window', 'document', 'localStorage', 'sessionStorage']) Reflect.deleteProperty(globalThis, name);
    }
  });
});
