/**
 * Every code an {@link AuthError} can carry.
 *
 * - The RFC 6749 §5.2 codes when the server returned one.
 * - `network_error`, `timeout`, `aborted`: the request did not complete.
 * - `invalid_response`: the server answered something that is not a valid response.
 * - `invalid_id_token`: the id_token failed a claim check.
 * - `insecure_endpoint`: a plain-http endpoint that is not loopback, without opt-in.
 * - `origin_not_allowed`: `client.fetch` to an origin that is not in `apiOrigins` (nothing was sent).
 * - `no_session`: the operation needs a signed-in user (or a refresh token) and there is none.
 * - `revocation_failed`: after `signout()` the session was cleared but the tokens could not be
 *   revoked (RFC 7009); the failure, with its own code, is the `cause`.
 * - `server_error`, `temporarily_unavailable`: RFC 6749 §4.1.2.1 codes some servers also use at the token endpoint.
 *
 * Any other string is an error code the server chose; it is passed through as is.
 */
export type AuthErrorCode =
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_request'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'network_error'
  | 'timeout'
  | 'aborted'
  | 'invalid_response'
  | 'invalid_id_token'
  | 'insecure_endpoint'
  | 'no_session'
  | 'revocation_failed'
  | 'origin_not_allowed'
  | (string & {});

/** Details copied onto an {@link AuthError}. An `undefined` field is the same as a missing one. */
export interface AuthErrorOptions {
  /** The low-level failure (a fetch TypeError, a JSON SyntaxError, ...). */
  cause?: unknown;
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** The server's `error_description` (RFC 6749 §5.2). */
  error_description?: string | undefined;
  /** The server's `error_uri` (RFC 6749 §5.2). */
  error_uri?: string | undefined;
  /** Seconds from the response's `Retry-After` header (HTTP 429/503). */
  retryAfter?: number | undefined;
}

/**
 * The one error type every ropc-kit failure rejects with.
 *
 * Switch on `code`: the RFC 6749 §5.2 code when the server gave one, otherwise one of
 * the client's own codes (see {@link AuthErrorCode}). It never holds a password.
 *
 * @see RFC 6749 §5.2
 */
export class AuthError extends Error {
  /** Machine-readable error code. */
  readonly code: AuthErrorCode;
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** Human-readable text from the server, when it sent one. */
  readonly error_description: string | undefined;
  /** A page about the error, when the server sent one. */
  readonly error_uri: string | undefined;
  /** Seconds to wait before trying again, from `Retry-After`. */
  readonly retryAfter: number | undefined;

  constructor(code: AuthErrorCode, message: string, options: AuthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // Not new.target.name alone: minifiers rename classes. A subclass keeps its own name.
    this.name = new.target === AuthError ? 'AuthError' : new.target.name;
    this.code = code;
    this.status = options.status;
    this.error_description = options.error_description;
    this.error_uri = options.error_uri;
    this.retryAfter = options.retryAfter;
  }
}

/**
 * True when `error` is an {@link AuthError}, optionally with one of the given codes.
 * @see RFC 6749 §5.2
 */
export function isAuthError(error: unknown, ...codes: AuthErrorCode[]): error is AuthError {
  return error instanceof AuthError && (codes.length === 0 || codes.includes(error.code));
}
