import { AuthError } from './errors.ts';
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
    throw new TypeError('signinResourceOwnerCredentials: pass an object { username, password }');
  }
  const { username, password, scope, signal, ...rest } = args;
  if (typeof username !== 'string') throw new TypeError('signinResourceOwnerCredentials: username must be a string');
  if (typeof password !== 'string') throw new TypeError('signinResourceOwnerCredentials: password must be a string');
  if (scope !== undefined && typeof scope !== 'string') throw new TypeError('signinResourceOwnerCredentials: scope must be a string');
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`signinResourceOwnerCredentials: ${key} must be a string`);
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
  const detail = error instanceof Error ? error.message : String(error);
  return new AuthError('invalid_response', `${step}: unexpected failure: ${detail}`, { cause: error });
}

/**
 * `error` with every occurrence of `secret` replaced, in case a server echoed the password
 * in its error text. Returns `error` itself when there was nothing to hide.
 */
export function redactSecret(error: AuthError, secret: string): AuthError {
  if (secret.length === 0) return error;
  const fields = [error.message, error.error_description, error.error_uri];
  const causeText = error.cause instanceof Error ? error.cause.message : typeof error.cause === 'string' ? error.cause : '';
  if (!fields.some((field) => field?.includes(secret)) && !causeText.includes(secret)) return error;
  const hide = (text: string | undefined): string | undefined => text?.split(secret).join('[redacted]');
  const description = hide(error.error_description);
  const uri = hide(error.error_uri);
  return new AuthError(error.code, hide(error.message) ?? '', {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(description === undefined ? {} : { error_description: description }),
    ...(uri === undefined ? {} : { error_uri: uri }),
    ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    ...(causeText.includes(secret) ? {} : { cause: error.cause }),
  });
}

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
  const aborted = (): AuthError => new AuthError('aborted', `${step}: the request was aborted by the caller`, { cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
