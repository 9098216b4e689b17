import { isAuthError, type AuthError } from '@ropc-kit/core';
import { HttpError } from '@ropc-kit/react';

/**
 * What went wrong, for the user: from an `AuthError`'s `code` or an `HttpError`'s `status`,
 * never from the kit's `message`, which production builds shorten to the step at fault
 * ("token response", "getAccessToken").
 */
function reason(error: unknown): string {
  if (isAuthError(error)) {
    switch (error.code) {
      case 'network_error':
        return 'the server could not be reached';
      case 'timeout':
        return 'the server did not answer in time';
      case 'server_error':
      case 'temporarily_unavailable':
        return 'the server is temporarily unavailable';
      case 'invalid_grant':
        return 'the session is no longer valid, sign in again';
      case 'no_session':
        return 'nobody is signed in';
      case 'aborted':
        return 'the request was cancelled';
      case 'invalid_client':
      case 'unauthorized_client':
      case 'unsupported_grant_type':
      case 'invalid_scope':
      case 'invalid_request':
        return "the server refused this app's request, check the client configuration";
      case 'revocation_failed':
        return 'the server could not revoke the tokens';
      case 'origin_not_allowed':
        return "this app may not send its token to that API, add the API's origin to apiOrigins";
      case 'insecure_endpoint':
        return 'the address uses plain http, use https';
      default:
        return "the server's answer could not be used";
    }
  }
  if (error instanceof HttpError) {
    if (error.status === 401) return 'the API did not accept the access token';
    if (error.status === 403) return 'the API does not allow this account to see them';
    if (error.status === 408 || error.status === 429 || error.status >= 500) return 'the API is temporarily unavailable';
    return 'the API refused the request';
  }
  return 'something went wrong';
}

/**
 * The technical detail a developer wants next to it: the code and HTTP status; for any other
 * error (the browser's "Failed to fetch", the demo's own parsing errors) its name and message,
 * which the kit does not shorten.
 */
function detail(error: unknown): string {
  if (isAuthError(error)) return error.status === undefined ? error.code : `${error.code}, HTTP ${String(error.status)}`;
  if (error instanceof HttpError) return `HTTP ${String(error.status)}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** "<lead>: <what went wrong> (<code, HTTP status>)." — reads the same in development and production builds. */
export function failureText(lead: string, error: unknown): string {
  return `${lead}: ${reason(error)} (${detail(error)}).`;
}

/**
 * The banner text for a `revocation_failed` error of the signed-out state: the session ended
 * here, but the tokens stay valid at the server. Names the failure (`cause`) by its code and
 * HTTP status (RFC 7009 §2.2.1), not by the message.
 */
export function revocationFailureText(error: AuthError): string {
  const failure = isAuthError(error.cause) ? error.cause : error;
  return `Signed out in this browser, but the server could not revoke the tokens (${detail(failure)}). They stay valid until they expire.`;
}
