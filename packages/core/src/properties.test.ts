import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthError } from './errors.ts';
import type { HttpContext } from './internal/http.ts';
import { processTokenResponse } from './protocol/tokenRequest.ts';
import { CLIENT_ID, ISSUER, discoveryDocument, idToken, json, makeJwt, tokenBody } from './test/mockFetch.ts';
import { setup, signedIn, storedUser } from './test/setup.ts';
import type { User } from './types.ts';

/** Codes the client itself produces; any other code must be the one the server sent. */
const CLIENT_CODES = new Set([
  'invalid_client',
  'invalid_token',
  'server_error',
  'temporarily_unavailable',
  'network_error',
  'timeout',
  'aborted',
  'invalid_response',
  'invalid_id_token',
  'insecure_endpoint',
]);

const NOW_MS = Date.UTC(2026, 0, 1);
const NOW = NOW_MS / 1000;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const anyJson = fc.jsonValue();

const idTokenArb = fc.oneof(
  fc.string(),
  fc
    .record(
      {
        iss: fc.oneof(fc.constant(ISSUER), fc.constant(`${ISSUER}/`), fc.webUrl()),
        aud: fc.oneof(fc.constant(CLIENT_ID), fc.constant([CLIENT_ID, 'api']), fc.string(), fc.array(fc.string())),
        azp: maybe(fc.oneof(fc.constant(CLIENT_ID), fc.string())),
        sub: fc.oneof(fc.constant('alice'), fc.constant(''), fc.integer()),
        exp: fc.oneof(fc.integer({ min: NOW - 1000, max: NOW + 1000 }), fc.string()),
        iat: fc.oneof(fc.integer({ min: NOW - 1000, max: NOW + 1000 }), fc.constant(null)),
        name: maybe(anyJson),
      },
      { requiredKeys: ['iss', 'aud', 'sub', 'exp', 'iat'] },
    )
    .map((claims) => makeJwt(claims)),
);

const tokenLike = fc.record(
  {
    access_token: fc.oneof(fc.constant('at-x'), fc.string(), fc.integer(), fc.constant(null)),
    token_type: fc.oneof(fc.constantFrom('Bearer', 'bearer', 'BEARER', 'mac', 'DPoP'), anyJson),
    expires_in: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double(), fc.nat().map(String), fc.string(), fc.boolean()),
    refresh_token: fc.oneof(fc.string(), fc.integer()),
    scope: fc.oneof(fc.string(), fc.array(fc.string())),
    id_token: fc.oneof(idTokenArb, fc.integer()),
    extra: anyJson,
  },
  { requiredKeys: [] },
);

/** Bodies thrown at the parser; `password` lets some of them echo the password. */
const bodyArb = (password: string) =>
  fc.oneof(
    fc.string(),
    anyJson.map((value) => JSON.stringify(value)),
    tokenLike.map((body) => JSON.stringify(body)),
    fc.constant(JSON.stringify(tokenBody())),
    fc
      .record(
        {
          error: fc.oneof(fc.constantFrom('invalid_grant', 'invalid_client', 'slow_down', ''), fc.string(), fc.integer()),
          error_description: fc.oneof(fc.string(), fc.constant(`bad password ${password}`)),
          error_uri: fc.oneof(fc.webUrl(), fc.constant(`https://e.example/?p=${password}`)),
        },
        { requiredKeys: ['error'] },
      )
      .map((body) => JSON.stringify(body)),
  );

const statusArb = fc.oneof(
  fc.constant(200),
  fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503),
  fc.integer({ min: 200, max: 599 }).filter((s) => ![204, 205, 304].includes(s)),
);

const headersArb = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain'),
    'retry-after': fc.oneof(fc.nat().map(String), fc.constant('Wed, 21 Oct 2015 07:28:00 GMT'), fc.string()),
    'www-authenticate': fc.constantFrom('Bearer error="invalid_token"', 'Basic realm="x"', 'Bearer'),
  },
  { requiredKeys: [] },
);

/** Codes a failure may carry for this response: the client's own, or the server's. */
function allowedCodes(body: string, headers: Record<string, string | undefined>): Set<string> {
  const allowed = new Set(CLIENT_CODES);
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') allowed.add(parsed.error);
  } catch {
    // not JSON
  }
  const challenge = /error="([^"]*)"/.exec(headers['www-authenticate'] ?? '')?.[1];
  if (challenge !== undefined) allowed.add(challenge);
  return allowed;
}

function checkUser(user: User): void {
  expect(user.access_token.length).toBeGreaterThan(0);
  expect(user.token_type.toLowerCase()).toBe('bearer');
  expect(Number.isFinite(user.expires_at)).toBe(true);
  expect(user.expires_at).toBeGreaterThanOrEqual(Math.floor(NOW));
  expect(typeof user.scope).toBe('string');
  expect(user.refresh_token === undefined || user.refresh_token.length > 0).toBe(true);
  if (user.id_token !== undefined) {
    expect(typeof user.profile.sub).toBe('string');
    expect(user.profile.sub).not.toBe('');
    expect(user.profile.iss).toBe(ISSUER);
  }
  expect(Object.isFrozen(user)).toBe(true);
  expect(Object.isFrozen(user.profile)).toBe(true);
}

const context: HttpContext = {
  fetch: () => Promise.reject(new Error('unused')),
  timers: { setTimeout: () => 0, clearTimeout: () => {} },
  now: () => NOW_MS,
  timeout: 1000,
  allowInsecureRequests: false,
};

describe('properties', () => {
  it('token response parsing: a valid response or an AuthError with a known code', () => {
    const outcomes = { valid: 0, error: 0 };
    fc.assert(
      fc.property(bodyArb('pw'), statusArb, headersArb, (body, status, headers) => {
        const headerInit = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
        try {
          const tokens = processTokenResponse(context, { label: 'token response', status, headers: new Headers(headerInit), text: body });
          expect(status >= 200 && status < 300).toBe(true);
          expect(tokens.access_token.length).toBeGreaterThan(0);
          expect(tokens.token_type.toLowerCase()).toBe('bearer');
          expect(Number.isFinite(tokens.expires_in) && tokens.expires_in >= 0).toBe(true);
          outcomes.valid += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(AuthError);
          expect(allowedCodes(body, headers).has((error as AuthError).code)).toBe(true);
          expect((error as AuthError).message.startsWith('token response: ')).toBe(true);
          outcomes.error += 1;
        }
      }),
      { numRuns: 500 },
    );
    expect(outcomes.valid).toBeGreaterThan(10);
    expect(outcomes.error).toBeGreaterThan(10);
  });

  it('whole sign-in: a valid user, or an AuthError with the previous state kept, and never the password', async () => {
    const outcomes = { user: 0, error: 0 };
    const passwordArb = fc.string({ minLength: 4, maxLength: 16 }).map((s) => `pw§${s}§`);
    await fc.assert(
      fc.asyncProperty(
        passwordArb.chain((password) => fc.tuple(fc.constant(password), bodyArb(password), statusArb, headersArb, fc.boolean())),
        async ([password, body, status, headers, startSignedIn]) => {
          const env = setup({ now: () => NOW_MS });
          if (startSignedIn) await signedIn(env, { access_token: 'before' });
          else env.mock.reply(json(discoveryDocument()));
          const before = env.client.getSnapshot();
          const storedBefore = env.storage.getItem(env.key);
          const headerInit = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
          env.mock.reply(new Response(body, { status, headers: headerInit }));

          const outcome = await env.client.signinResourceOwnerCredentials({ username: 'alice', password }).then(
            (user) => ({ user }),
            (error: unknown) => ({ error }),
          );

          const after = env.client.getSnapshot();
          if ('user' in outcome) {
            checkUser(outcome.user);
            expect(after).toEqual({ status: 'signedIn', user: outcome.user, error: null });
            expect(storedUser(env.storage.getItem(env.key)).access_token).toBe(outcome.user.access_token);
            outcomes.user += 1;
          } else {
            const error = outcome.error;
            expect(error).toBeInstanceOf(AuthError);
            if (!(error instanceof AuthError)) return;
            expect(allowedCodes(body, headers).has(error.code)).toBe(true);
            outcomes.error += 1;
            expect(after).toEqual({ ...before, error });
            expect(after.user).toBe(before.user);
            expect(env.storage.getItem(env.key)).toBe(storedBefore);
            const errorText = [error.message, error.error_description, error.error_uri, String(error.cause)].join(' ');
            expect(errorText).not.toContain(password);
          }
          expect(JSON.stringify(after)).not.toContain(password);
          expect(env.storage.getItem(env.key) ?? '').not.toContain(password);
        },
      ),
      { numRuns: 300 },
    );
    // Both branches were exercised, so the property cannot pass vacuously.
    expect(outcomes.user).toBeGreaterThan(5);
    expect(outcomes.error).toBeGreaterThan(5);
  });

  it('refresh: a new user, or the session ended on a refusal, or the user kept on a transient failure', async () => {
    const refusals = ['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_request', 'invalid_scope', 'unsupported_grant_type', 'invalid_id_token'];
    const outcomes = { user: 0, ended: 0, kept: 0 };
    await fc.assert(
      fc.asyncProperty(bodyArb('pw'), statusArb, headersArb, async (body, status, headers) => {
        const env = setup({ now: () => NOW_MS });
        const before = await signedIn(env, { id_token: idToken(NOW_MS) });
        const storedBefore = env.storage.getItem(env.key);
        const headerInit = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
        env.mock.reply(new Response(body, { status, headers: headerInit }));

        const outcome = await env.client.refresh().then(
          (user) => ({ user }),
          (error: unknown) => ({ error }),
        );

        const after = env.client.getSnapshot();
        if ('user' in outcome) {
          checkUser(outcome.user);
          expect(outcome.user.profile.sub).toBe('alice');
          expect(outcome.user.refresh_token).toEqual(expect.any(String));
          expect(after).toEqual({ status: 'signedIn', user: outcome.user, error: null });
          outcomes.user += 1;
          return;
        }
        const error = outcome.error;
        expect(error).toBeInstanceOf(AuthError);
        if (!(error instanceof AuthError)) return;
        expect(allowedCodes(body, headers).has(error.code)).toBe(true);
        const httpRefusal = error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
        if (refusals.includes(error.code) || httpRefusal) {
          expect(after).toEqual({ status: 'signedOut', user: null, error });
          expect(env.storage.getItem(env.key)).toBeNull();
          outcomes.ended += 1;
        } else {
          expect(after).toEqual({ status: 'signedIn', user: before, error });
          expect(env.storage.getItem(env.key)).toBe(storedBefore);
          outcomes.kept += 1;
        }
      }),
      { numRuns: 300 },
    );
    expect(outcomes.user).toBeGreaterThan(5);
    expect(outcomes.ended).toBeGreaterThan(5);
    expect(outcomes.kept).toBeGreaterThan(5);
  });
});
