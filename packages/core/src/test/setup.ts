import { expect } from 'vitest';
import { createAuthClient } from '../authClient.ts';
import { AuthError } from '../errors.ts';
import { createMemoryStorage } from '../storage.ts';
import type { AuthClientSettings } from '../types.ts';
import { createFakeClock } from './fakeClock.ts';
import { CLIENT_ID, ISSUER, createMockFetch } from './mockFetch.ts';

/** A client wired to a mock fetch, a fake clock and a memory storage. */
export function setup(overrides: Partial<AuthClientSettings> = {}) {
  const mock = createMockFetch();
  const clock = createFakeClock();
  const storage = createMemoryStorage();
  const settings: AuthClientSettings = {
    ...(overrides.metadata === undefined ? { authority: ISSUER } : {}),
    client_id: CLIENT_ID,
    fetch: mock.fetch,
    now: clock.now,
    timers: clock.timers,
    storage,
    ...overrides,
  };
  const client = createAuthClient(settings);
  return { mock, clock, storage, client, settings, key: `ropc-kit:${settings.client_id}` };
}

/** The AuthError `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

/** Signs `client` in through the mock (discovery + token response) and returns the user. */
export async function signedIn(env: ReturnType<typeof setup>, body: Record<string, unknown> = {}) {
  const { discoveryDocument, json, tokenBody } = await import('./mockFetch.ts');
  env.mock.reply(json(discoveryDocument()), json(tokenBody(body)));
  const user = await env.client.signinResourceOwnerCredentials({ username: 'alice', password: 'wonderland' });
  env.mock.requests.length = 0;
  return user;
}

/** The user record in a stored session string (for assertions). */
export function storedUser(raw: string | null): Record<string, unknown> {
  const record: unknown = JSON.parse(raw ?? '{}');
  if (typeof record !== 'object' || record === null || !('user' in record)) return {};
  const user: unknown = record.user;
  return typeof user === 'object' && user !== null ? { ...user } : {};
}
