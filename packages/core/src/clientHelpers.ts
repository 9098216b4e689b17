import { AuthError } from './errors.ts';
import { DEV } from '#dev';
import type { SigninArgs } from './types.ts';

/** The sign-in arguments, checked. Extra string fields become form parameters. */
export interface ReadSigninArgs {
  readonly username: string;
  readonly password: string;
  readonly scope: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly extra: Readonly<Record<string, string>>;
}

/** Checks the shape of the sign-in arguments; a wrong type is a caller mistake (TypeError). */
export function readSigninArgs(args: SigninArgs): ReadSigninArgs {
  if (typeof args !== 'object' || args === null) {
    throw new TypeError(DEV ? 'signinResourceOwnerCredentials: pass an object { username, password }' : 'signinResourceOwnerCredentials');
  }
  const { username, password, scope, signal, ...rest } = args;
  if (typeof username !== 'string') throw new TypeError(DEV ? 'signinResourceOwnerCredentials: username must be a string' : 'signinResourceOwnerCredentials: username');
  if (typeof password !== 'string') throw new TypeError(DEV ? 'signinResourceOwnerCredentials: password must be a string' : 'signinResourceOwnerCredentials: password');
  if (scope !== undefined && typeof scope !== 'string') throw new TypeError(DEV ? 'signinResourceOwnerCredentials: scope must be a string' : 'signinResourceOwnerCredentials: scope');
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`signinResourceOwnerCredentials: ${key}${DEV ? ' must be a string' : ''}`);
    extra[key] = value;
  }
  return { username, password, scope, signal, extra };
}

/**
 * `error` as an {@link AuthError}. Anything else that escaped (a bug, a throwing injected
 * function) is wrapped with code `invalid_response` and kept as `cause`.
 */
export function toAuthError(error: unknown, step: string): AuthError {
  if (error instanceof AuthError) return error;
  const message = DEV ? `${step}: unexpected failure: ${error instanceof Error ? error.message : String(error)}` : step;
  return new AuthError('invalid_response', message, { cause: error });
}

/** The message of a sign-in error whose server text contained the password. */
export const WITHHELD_MESSAGE = DEV ? "sign-in: the server's error text was withheld because it contained the password" : 'sign-in: withheld';

/** The ways a server may echo `secret`: raw, form-encoded, percent-encoded (either hex case), JSON-escaped. */
function echoesOf(secret: string): string[] {
  const form = new URLSearchParams([['', secret]]).toString().slice(1);
  const percent = encodeURIComponent(secret);
  const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, form, percent, lowerHex(form), lowerHex(percent), json])];
}

/**
 * `error` without any text that contains `secret` (a server may echo the password in its
 * error text, raw or encoded). When the message, `error_description`, `error_uri`, the
 * cause's message or an unknown error code contains it, those are all dropped and the
 * message is {@link WITHHELD_MESSAGE}: nothing is substituted inside a text, which would
 * reveal where the password was. Returns `error` itself when there was nothing to hide.
 * @see RFC 6749 §10.3 (credentials must be kept confidential)
 */
export function withholdSecret(error: AuthError, secret: string): AuthError {
  if (secret.length === 0) return error;
  const echoes = echoesOf(secret);
  const contains = (text: string | undefined): boolean => text !== undefined && echoes.some((echo) => text.includes(echo));
  const cause: unknown = error.cause;
  const causeText = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : undefined;
  const codeLeaks = !KNOWN_CODES.has(error.code) && contains(error.code);
  if (!codeLeaks && ![error.message, error.error_description, error.error_uri, causeText].some(contains)) return error;
  return new AuthError(codeLeaks ? 'invalid_response' : error.code, WITHHELD_MESSAGE, {
    status: error.status,
    retryAfter: error.retryAfter,
  });
}

/** The codes of {@link AuthErrorCode} that ropc-kit and RFC 6749 define. */
const KNOWN_CODES: ReadonlySet<string> = new Set([
  'invalid_grant',
  'invalid_client',
  'invalid_scope',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_request',
  'server_error',
  'temporarily_unavailable',
  'network_error',
  'timeout',
  'aborted',
  'invalid_response',
  'invalid_id_token',
  'insecure_endpoint',
  'no_session',
  'revocation_failed',
  'origin_not_allowed',
]);

const DEFINITIVE_CODES = new Set([
  'invalid_grant',
  'invalid_client',
  'unauthorized_client',
  'invalid_request',
  'invalid_scope',
  'unsupported_grant_type',
  'invalid_id_token',
]);

/**
 * True when a refresh failure means the session cannot be renewed (the server refused the
 * grant or the client, or returned a foreign id_token). Network errors, timeouts, 5xx and
 * 429 are not: the user is kept until the access token expires.
 * @see RFC 6749 §5.2
 */
export function isDefinitiveRefreshError(error: AuthError): boolean {
  if (DEFINITIVE_CODES.has(error.code)) return true;
  const status = error.status;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** `promise`, rejected with `AuthError('aborted')` as soon as `signal` aborts (the promise itself keeps running for others). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, step: string): Promise<T> {
  if (signal === undefined) return promise;
  const aborted = (): AuthError => new AuthError('aborted', DEV ? `${step}: the request was aborted by the caller` : step, { cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
