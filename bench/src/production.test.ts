/**
 * What production users run: the core bundled as an app's production build bundles it
 * (esbuild, minified, `process.env.NODE_ENV` = "production", see `productionBundle.ts`), imported
 * from a temporary file and driven against the real apps/idp. The rest of the suite runs the
 * source under NODE_ENV=test, so it only ever sees the development texts.
 */
import { TEST_CLIENTS, TEST_USERS, startIdp, type RunningIdp } from '@ropc-kit/idp';
import type { AuthClient, AuthClientSettings } from '@ropc-kit/core';
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

/** The URL a fetch call asks for. */
function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** `password` as a server may echo it: raw, form-encoded, percent-encoded, JSON-escaped. */
function echoesOf(password: string): string[] {
  const form = new URLSearchParams([['', password]]).toString().slice(1);
  return [password, form, encodeURIComponent(password), JSON.stringify(password).slice(1, -1)];
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
    // The step that failed, without the server's text (that stays in error_description).
    expect(error.message).toBe('token response');
    // The minifier renames the class: the name must not come from it.
    expect(String(error)).toBe('AuthError: token response');
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
    expect(error.message).toBe('token response');
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

describe('sign-in failures of the production bundle', () => {
  // A password with characters that every encoding changes, so each echo below is a different text.
  const password = 'p@ss "w0rd"!\\';
  // [how the server echoes it, its error_description given the form body the client sent]
  const echoes = [
    ['raw', () => `bad password ${password}`],
    ['form-encoded (the request body)', (body: string) => `bad request: ${body}`],
    ['JSON-escaped', () => `bad request: ${JSON.stringify({ username: alice.username, password })}`],
  ] as const;

  it.each(echoes)('withholds a server text that echoes the password %s', async (_how, errorText) => {
    const bodies: string[] = [];
    const echoing = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!urlOf(input).endsWith('/token')) return fetch(input, init);
      const body = typeof init?.body === 'string' ? init.body : '';
      bodies.push(body);
      return Response.json({ error: 'invalid_grant', error_description: errorText(body) }, { status: 400 });
    };
    const client = prodClient({ fetch: echoing });
    const error = prodAuthError(await rejection(client.signinResourceOwnerCredentials({ username: alice.username, password })));
    // The server did get the password, and echoed it in some form.
    expect(bodies).toHaveLength(1);
    expect(new URLSearchParams(bodies[0]).get('password')).toBe(password);
    expect(echoesOf(password).some((echo) => errorText(bodies[0] ?? '').includes(echo))).toBe(true);

    expect([error.code, error.status, error.message]).toEqual(['invalid_grant', 400, 'sign-in: withheld']);
    expect([error.error_description, error.error_uri, error.cause]).toEqual([undefined, undefined, undefined]);
    expect(String(error)).toBe('AuthError: sign-in: withheld');
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
    for (const text of [JSON.stringify(error), String(error), JSON.stringify(client.getSnapshot())]) {
      for (const echo of echoesOf(password)) expect(text).not.toContain(echo);
    }
  });

  it('an abort before the first request fails the discovery step with aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const client = prodClient();
    const signin = client.signinResourceOwnerCredentials({ username: alice.username, password: alice.password, signal: controller.signal });
    const error = prodAuthError(await rejection(signin));
    expect([error.code, error.message]).toEqual(['aborted', 'discovery']);
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
    expect(server().requests.map((r) => `${r.method} ${r.path}`)).not.toContain('POST /token');
  });

  it('an abort while the token request is in flight fails the token step with aborted', async () => {
    const controller = new AbortController();
    const abortOnToken = (input: RequestInfo | URL, init?: RequestInit) => {
      if (urlOf(input).endsWith('/token')) controller.abort();
      return fetch(input, init);
    };
    const client = prodClient({ fetch: abortOnToken });
    const signin = client.signinResourceOwnerCredentials({ username: alice.username, password: alice.password, signal: controller.signal });
    const error = prodAuthError(await rejection(signin));
    expect([error.code, error.message]).toEqual(['aborted', 'token response']);
    expect(client.getSnapshot()).toEqual({ status: 'signedOut', user: null, error });
  });
});

describe('caller mistakes in the production bundle', () => {
  // [mistake, settings, the production message, a development-only explanation the development build gives]
  const mistakes = [
    [
      'an http authority',
      () => ({ authority: 'http://example.com', client_id: 'x' }),
      'createAuthClient: invalid authority',
      'authority "http://example.com" uses plain http on a host that is not loopback',
    ],
    [
      'an empty client_id',
      () => ({ authority: server().issuer, client_id: '' }),
      'createAuthClient: missing client_id',
      'client_id is required: pass the client id your provider registered for this app',
    ],
    [
      'no client_id',
      () => ({ authority: server().issuer }) as AuthClientSettings,
      'createAuthClient: missing client_id',
      'client_id is required: pass the client id your provider registered for this app',
    ],
    [
      'neither authority nor metadata',
      () => ({ client_id: 'x' }),
      'createAuthClient: missing authority',
      'pass authority (the issuer URL, used for discovery) or metadata',
    ],
  ] as const;

  it.each(mistakes)('%s throws a TypeError naming only the setting', (_mistake, settings, production) => {
    expect(typeError(thrown(() => prod().core.createAuthClient(settings()))).message).toBe(production);
  });

  it.each(mistakes)('%s explains itself in a development build', (_mistake, settings, production, explanation) => {
    const { message } = typeError(thrown(() => dev().core.createAuthClient(settings())));
    expect(message).toContain(explanation);
    expect(message).not.toBe(production);
  });

  // [method, its call on a destroyed client]
  const afterDestroy = [
    ['signinResourceOwnerCredentials', (client: AuthClient) => client.signinResourceOwnerCredentials({ username: 'ann', password: 'pw' })],
    ['signout', (client: AuthClient) => client.signout()],
    ['refresh', (client: AuthClient) => client.refresh()],
    ['getAccessToken', (client: AuthClient) => client.getAccessToken()],
    ['getMetadata', (client: AuthClient) => client.getMetadata()],
  ] as const;

  it.each(afterDestroy)('%s on a destroyed client rejects with a short TypeError', async (method, call) => {
    const client = prodClient();
    client.destroy();
    expect(typeError(await rejection(call(client))).message).toBe(`${method}: destroyed`);
  });

  it.each(afterDestroy)('%s on a destroyed client says what to do in a development build', async (method, call) => {
    const client = dev().core.createAuthClient({ authority: server().issuer, client_id: TEST_CLIENTS.public.client_id });
    client.destroy();
    expect(typeError(await rejection(call(client))).message).toBe(`${method}: this client was destroyed; create a new one`);
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
    expect([error.code, error.message]).toEqual(['invalid_response', 'token response: access_token']);
  });
});

describe('developer texts', () => {
  // Long explanations the core gives only when NODE_ENV is not "production" (`DEV ? text : short`).
  const developerTexts = [
    'pass the client id your provider registered for this app',
    'uses plain http on a host that is not loopback',
    'ask for the offline_access scope',
    'add it to the apiOrigins setting to send the access token there',
    'this client was destroyed; create a new one',
    "the server's error text was withheld because it contained the password",
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
