import { createHash, timingSafeEqual } from 'node:crypto';
import type { Account, FindAccount } from 'oidc-provider';

/** A seeded account of the local IdP. For development and tests only. */
export interface TestUser {
  readonly username: string;
  readonly password: string;
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  /** A disabled account has valid credentials but gets `invalid_grant` ("account is disabled"). */
  readonly disabled?: boolean;
  /**
   * An account whose password has expired: the right password gets `invalid_grant` ("password
   * has expired"), as real providers refuse the password grant until the password is changed
   * (Keycloak: "Account is not fully set up"; Entra ID: "AADSTS50055: The password is expired.").
   */
  readonly passwordExpired?: boolean;
}

/** The seeded accounts. Passwords are public on purpose: this IdP is for local development only. */
export const TEST_USERS: readonly TestUser[] = Object.freeze([
  Object.freeze({ username: 'alice', password: 'wonderland', sub: 'user-alice', name: 'Alice Liddell', email: 'alice@example.com' }),
  Object.freeze({ username: 'bob', password: 'builder', sub: 'user-bob', name: 'Bob Builder', email: 'bob@example.com' }),
  Object.freeze({
    username: 'mallory',
    password: 'locked-out',
    sub: 'user-mallory',
    name: 'Mallory Locked',
    email: 'mallory@example.com',
    disabled: true,
  }),
  Object.freeze({
    username: 'carol',
    password: 'expired-password',
    sub: 'user-carol',
    name: 'Carol Expired',
    email: 'carol@example.com',
    passwordExpired: true,
  }),
]);

/**
 * What a list of the accounts says beside one that cannot sign in ("disabled account",
 * "password expired"); `undefined` for an account that can. The IdP CLI and `npm start` print it.
 */
export function accountNote(user: TestUser): string | undefined {
  if (user.disabled === true) return 'disabled account';
  if (user.passwordExpired === true) return 'password expired';
  return undefined;
}

/** The seeded OAuth clients, all allowed the `password` and `refresh_token` grants. */
export const TEST_CLIENTS = Object.freeze({
  /** Public client (`token_endpoint_auth_method: none`), what a browser app uses. */
  public: Object.freeze({ client_id: 'ropc-kit-demo' }),
  /** Confidential client authenticating with HTTP Basic (RFC 6749 §2.3.1). */
  basic: Object.freeze({ client_id: 'ropc-kit-basic', client_secret: 'basic-secret' }),
  /** Confidential client authenticating with credentials in the request body (RFC 6749 §2.3.1). */
  post: Object.freeze({ client_id: 'ropc-kit-post', client_secret: 'post-secret' }),
});

/**
 * The resource-server client the protected API uses to call the introspection endpoint (RFC 7662 §2.1).
 * It has no grant types: it cannot obtain tokens.
 */
export const API_CLIENT = Object.freeze({ client_id: 'ropc-kit-api', client_secret: 'api-introspection-secret' });

/** Why {@link authenticate} refused a username and password. */
export type RefusalReason = 'invalid_credentials' | 'disabled' | 'password_expired';

/** Outcome of checking a username and password. */
export type Authentication =
  | { readonly ok: true; readonly user: TestUser }
  | { readonly ok: false; readonly reason: RefusalReason };

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Checks a username and password against the seeded accounts, in constant time for the password.
 * A disabled account or an expired password is reported only after the password matched, so the
 * answer never tells whether an unknown username exists, nor an account's state to someone who
 * does not know its password.
 */
export function authenticate(username: string, password: string): Authentication {
  const user = TEST_USERS.find((candidate) => candidate.username === username);
  // Compare against a dummy when the user is unknown so both paths do the same work.
  const expected = digest(user?.password ?? '\u0000no-such-user');
  const matches = timingSafeEqual(expected, digest(password)) && user !== undefined;
  if (!matches) return { ok: false, reason: 'invalid_credentials' };
  if (user.disabled === true) return { ok: false, reason: 'disabled' };
  if (user.passwordExpired === true) return { ok: false, reason: 'password_expired' };
  return { ok: true, user };
}

/** The oidc-provider account for a user: standard claims for the `profile` and `email` scopes. */
export function toAccount(user: TestUser): Account {
  return {
    accountId: user.sub,
    claims: () => ({
      sub: user.sub,
      name: user.name,
      preferred_username: user.username,
      email: user.email,
      email_verified: true,
    }),
  };
}

/**
 * oidc-provider's `findAccount`: resolves a subject to an account. A disabled account is not
 * found, so its existing refresh tokens stop working too.
 */
export const findAccount: FindAccount = (_ctx, sub) => {
  const user = TEST_USERS.find((candidate) => candidate.sub === sub);
  return user === undefined || user.disabled === true ? undefined : toAccount(user);
};
