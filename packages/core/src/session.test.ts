import { describe, expect, it } from 'vitest';
import { createAuthClient } from './authClient.ts';
import { serializeSession } from './session.ts';
import { createMemoryStorage } from './storage.ts';
import type { StorageLike, User } from './types.ts';
import { storedUser } from './test/setup.ts';

const nowMs = Date.UTC(2026, 0, 1);
const user: User = {
  access_token: 'at',
  token_type: 'Bearer',
  refresh_token: 'rt',
  scope: 'openid',
  expires_at: nowMs / 1000 + 300,
  profile: { sub: 'alice' },
};
const key = 'ropc-kit:spa';

function clientWith(storage: StorageLike) {
  return createAuthClient({ authority: 'https://idp.example', client_id: 'spa', storage, now: () => nowMs });
}

describe('session restore', () => {
  it('restores a stored session synchronously', () => {
    const storage = createMemoryStorage();
    storage.setItem(key, serializeSession('spa', user));
    expect(clientWith(storage).getSnapshot()).toEqual({ status: 'signedIn', user, error: null });
  });

  it.each([
    ['not json', '{oops'],
    ['an array', '[]'],
    ['another version', JSON.stringify({ version: 2, client_id: 'spa', user })],
    ['another client', JSON.stringify({ version: 1, client_id: 'other', user })],
    ['no access token', JSON.stringify({ version: 1, client_id: 'spa', user: { ...user, access_token: '' } })],
    ['a non-bearer token', JSON.stringify({ version: 1, client_id: 'spa', user: { ...user, token_type: 'mac' } })],
    ['a string expires_at', JSON.stringify({ version: 1, client_id: 'spa', user: { ...user, expires_at: '1' } })],
    ['no profile', JSON.stringify({ version: 1, client_id: 'spa', user: { ...user, profile: null } })],
    ['a numeric sub', JSON.stringify({ version: 1, client_id: 'spa', user: { ...user, profile: { sub: 1 } } })],
  ])('discards and removes %s', (_name, raw) => {
    const storage = createMemoryStorage();
    storage.setItem(key, raw);
    expect(clientWith(storage).getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
    expect(storage.getItem(key)).toBeNull();
  });

  it('drops an expired session without a refresh token, keeps one with a refresh token', () => {
    const storage = createMemoryStorage();
    const { refresh_token: _rt, ...noRefresh } = user;
    storage.setItem(key, serializeSession('spa', { ...noRefresh, expires_at: nowMs / 1000 - 1 }));
    expect(clientWith(storage).getUser()).toBeNull();
    expect(storage.getItem(key)).toBeNull();
    storage.setItem(key, serializeSession('spa', { ...user, expires_at: nowMs / 1000 - 1 }));
    expect(clientWith(storage).getUser()?.refresh_token).toBe('rt');
  });

  it('survives a storage that throws', () => {
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(clientWith(broken).getSnapshot().status).toBe('signedOut');
  });

  it('stores only the known fields', () => {
    const raw = serializeSession('spa', { ...user, extra: 'x' } as User);
    expect(Object.keys(storedUser(raw))).toEqual(['access_token', 'token_type', 'refresh_token', 'scope', 'expires_at', 'profile']);
  });
});
