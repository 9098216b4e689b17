/**
 * What production users run: the core bundled as an app's production build bundles it
 * (esbuild, minified, `process.env.NODE_ENV` = "production", see `productionBundle.ts`), imported
 * from a temporary file and driven against the real apps/idp. The rest of the suite runs the
 * source under NODE_ENV=test, so it only ever sees the development texts.
 */
import { TEST_CLIENTS, TEST_USERS, startIdp, type RunningIdp } from '@ropc-kit/idp';
import type { AuthClientSettings } from '@ropc-kit/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCoreBundle, type LoadedBundle } from './productionBundle.ts';

let idp: RunningIdp | undefined;
let production: LoadedBundle | undefined;
let development: LoadedBundle | undefined;

beforeAll(async () => {
  [production, development, idp] = await Promise.all([loadCoreBundle('production'), loadCoreBundle('development'), startIdp({ port: 0 })]);
});

afterAll(async () => {
  await Promise.all([idp?.close(), production?.dispose(), development?.dispose()]);
});

beforeEach(() => {
  idp?.clearRequests();
});

function loaded<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} was not set up`);
  return value;
}

const prod = () => loaded(production, 'the production bundle');
const dev = () => loaded(development, 'the development bundle');
const server = () => loaded(idp, 'the IdP');

function testUser(predicate: (user: (typeof TEST_USERS)[number]) => boolean) {
  const user = TEST_USERS.find(predicate);
  if (user === undefined) throw new Error('apps/idp no longer seeds the expected test account');
  return user;
}

/** The longest a production message may be: the step or setting at fault, no explanation. */
const SHORT = 60;

const alice = testUser((u) => u.username === 'alice');
const disabled = testUser((u) => u.disabled === true);

/** A client of the production bundle, for the public test client of the running IdP. */
function prodClient(settings: Partial<AuthClientSettings> = {}) {
  return prod().core.createAuthClient({ authority: server().issuer, client_id: TEST_CLIENTS.public.client_id, ...settings });
}

/** What `promise` rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** What `action` throws; fails the test when it returns. */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but it returned');
}

/** `error` as a TypeError (a caller mistake). */
function typeError(error: unknown): TypeError {
  if (!(error instanceof TypeError)) throw new Error(`expected a TypeError, got ${String(error)}`);
  return error;
}

/** `error` as an AuthError of the production bundle (its own class, not the source's). */
function prodAuthError(error: unknown) {
  if (!prod().core.isAuthError(error)) throw new Error(`expected an AuthError of the production bundle, got ${String(error)}`);
  return error;
}

describe('the production bundle against apps/idp', () => {
  it('signs alice in', async () => {
    const client = prodClient();
    const user = await client.signinResourceOwnerCredentials({ username: alice.username, password: alice.password });
    expect(user.profile.sub).toBe('user-alice');
    expect(client.getUser()?.access_token).toEqual(expect.any(String));
    expect(client.getUser()).toBe(user);
    expect(client.getSnapshot().status).toBe('signedIn');
  });

  it('rejects a wrong password with invalid_grant, the server description, and no trace of the password', async () => {
    const password = 'not-the-password-4711';
    const client = prodClient();
    const error = prodAuthError(await rejection(client.signinResourceOwnerCredentials({ username: alice.username, password })));
    expect([error.code, error.status, error.error_description]).toEqual(['invalid_grant', 400, 'invalid username or password']);
    expect(prod().core.isAuthError(error, 'invalid_grant')).toBe(true);
    // The minifier renames the class: the name must not come from it.
    expect(String(error)).toBe(`AuthError: ${error.message}`);
    expect(error.message).not.toBe('');
    expect(error.message.length, error.message).toBeLessThanOrEqual(SHORT);
    for (const text of [error.message, error.error_description, String(error), JSON.stringify(error)]) {
      expect(text).not.toContain(password);
    }
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
  });

  it('rejects the disabled account with invalid_grant and the server description', async () => {
    const error = prodAuthError(
      await rejection(prodClient().signinResourceOwnerCredentials({ username: disabled.username, password: disabled.password })),
    );
    expect([error.code, error.status, error.error_description]).toEqual(['invalid_grant', 400, 'account is disabled']);
    expect(error.message).not.toBe('');
    expect(error.message.length, error.message).toBeLessThanOrEqual(SHORT);
    expect(JSON.stringify(error)).not.toContain(disabled.password);
  });

  it('revokes the tokens on sign-out', async () => {
    const client = prodClient();
    await client.signinResourceOwnerCredentials({ username: alice.username, password: alice.password });
    server().clearRequests();
    await client.signout();
    expect(server().requests.map((r) => `${r.method} ${r.path}`)).toContain('POST /token/revocation');
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error: null });
  });

  it('reports a failed revocation in the signed-out state, with the documented "sign-out:" prefix', async () => {
    const unavailable = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      return url.endsWith('/token/revocation') ? Promise.resolve(new Response('down', { status: 503 })) : fetch(input, init);
    };
    const client = prodClient({ fetch: unavailable });
    await client.signinResourceOwnerCredentials({ username: alice.username, password: alice.password });
    await client.signout();
    const { status, user, error } = client.getSnapshot();
    expect([status, user, error?.code, error?.status]).toEqual(['signedOut', null, 'revocation_failed', 503]);
    expect(error?.cause).toMatchObject({ code: 'temporarily_unavailable', status: 503 });
    expect(error?.message).toMatch(/^sign-out: /);
    expect(error?.message.length).toBeLessThanOrEqual(SHORT);
  });
});

describe('caller mistakes in the production bundle', () => {
  // [setting named, settings, a development-only explanation the development build gives]
  const mistakes = [
    ['authority', () => ({ authority: 'http://example.com', client_id: 'x' }), 'uses plain http on a host that is not loopback'],
    ['client_id', () => ({ authority: server().issuer, client_id: '' }), 'pass the client id your provider registered for this app'],
  ] as const;

  it.each(mistakes)('a bad %s throws a short TypeError naming it', (setting, settings, explanation) => {
    const { message } = typeError(thrown(() => prod().core.createAuthClient(settings())));
    expect(message).toMatch(new RegExp(`\\b${setting}\\b`));
    expect(message.length, message).toBeLessThanOrEqual(SHORT);
    expect(message).not.toContain(explanation);
  });

  it.each(mistakes)('the same bad %s explains itself in a development build', (setting, settings, explanation) => {
    const { message } = typeError(thrown(() => dev().core.createAuthClient(settings())));
    expect(message).toMatch(new RegExp(`\\b${setting}\\b`));
    expect(message).toContain(explanation);
  });

  it('a token response without access_token is invalid_response, naming the field', async () => {
    const tokenResponse = { token_type: 'Bearer', expires_in: 300, scope: 'openid' };
    const client = prod().core.createAuthClient({
      metadata: { issuer: 'https://idp.example', token_endpoint: 'https://idp.example/token' },
      client_id: 'app',
      fetch: async () => Response.json(tokenResponse),
    });
    const signin = client.signinResourceOwnerCredentials({ username: 'ann', password: 'correct horse battery' });
    const error = prodAuthError(await rejection(signin));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/access_token|token response/);
  });
});

describe('developer texts', () => {
  // Long explanations the core gives only when NODE_ENV is not "production" (`DEV ? text : short`).
  const developerTexts = [
    'pass the client id your provider registered for this app',
    'uses plain http on a host that is not loopback',
    'ask for the offline_access scope',
    'add it to the apiOrigins setting to send the access token there',
  ];

  it.each(developerTexts)('"%s" is in the development bundle only', (text) => {
    expect(dev().code).toContain(text);
    expect(prod().code).not.toContain(text);
  });

  it('the production bundle reads no process.env at run time (DEV was folded away)', () => {
    expect(prod().code).not.toContain('process.env');
    expect(prod().code.length).toBeLessThan(dev().code.length);
  });
});
