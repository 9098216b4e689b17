import { jwtDecode } from 'jwt-decode';
import { AuthError } from '../errors.ts';
import { DEV } from '#dev';
import { isObject, type JsonObject } from '../internal/assert.ts';

/** What an id_token's claims are checked against. */
export interface IdTokenExpectations {
  readonly issuer: string;
  readonly client_id: string;
  /** Current time in milliseconds. */
  readonly nowMs: number;
  /** Seconds of clock skew allowed on `exp` and `iat`. */
  readonly clockSkew: number;
  /** On refresh: the `sub` of the session, which must not change. */
  readonly sub?: string | undefined;
}

/** Call sites pass `DEV ? explanation : claim`: production builds name only the claim at fault. */
function fail(message: string, cause?: unknown): never {
  throw new AuthError('invalid_id_token', `id_token: ${message}`, { cause });
}

/**
 * Decodes an id_token (jwt-decode) and checks its claims: `iss`, `aud` contains the
 * client_id, `azp` when there are several audiences, `exp` and `iat` within the clock
 * skew, `sub` present (and unchanged on refresh).
 *
 * The signature is not verified: the token came straight from the token endpoint over
 * TLS, which OpenID Connect allows in place of a signature check.
 * @see OpenID Connect Core 1.0 §3.1.3.7, §12.2
 */
export function validateIdToken(id_token: string, expected: IdTokenExpectations): JsonObject {
  let decoded: unknown;
  try {
    decoded = jwtDecode<unknown>(id_token);
  } catch (cause) {
    fail(DEV ? 'is not a decodable JWT' : 'decode', cause);
  }
  if (!isObject(decoded)) fail(DEV ? 'payload must be a JSON object' : 'payload');
  const claims = decoded;
  if (claims.iss !== expected.issuer) {
    fail(DEV ? `iss must be "${expected.issuer}", got ${JSON.stringify(claims.iss) ?? 'nothing'}` : 'iss');
  }
  const aud = claims.aud;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.includes(expected.client_id)) fail(DEV ? `aud must contain the client_id "${expected.client_id}"` : 'aud');
  if (audiences.length > 1 && claims.azp !== expected.client_id) {
    fail(DEV ? `azp must be the client_id "${expected.client_id}" when aud has several values` : 'azp');
  }
  if (claims.azp !== undefined && claims.azp !== expected.client_id) fail(DEV ? `azp must be the client_id "${expected.client_id}"` : 'azp');
  const now = expected.nowMs / 1000;
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) fail(DEV ? 'exp must be a number' : 'exp');
  if (claims.exp + expected.clockSkew < now) fail(DEV ? 'has expired (exp is in the past)' : 'exp');
  if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) fail(DEV ? 'iat must be a number' : 'iat');
  if (claims.iat - expected.clockSkew > now) fail(DEV ? 'iat is in the future (check the clock)' : 'iat');
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) fail(DEV ? 'sub must be a non-empty string' : 'sub');
  if (expected.sub !== undefined && claims.sub !== expected.sub) fail(DEV ? 'sub differs from the signed-in user' : 'sub');
  return claims;
}
