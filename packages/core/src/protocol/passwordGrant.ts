import { tokenRequest, type ClientAuth } from './tokenRequest.ts';
import type { HttpContext, HttpResult } from '../internal/http.ts';

/** Arguments of {@link passwordGrantRequest}. The password is sent in the body, never in a URL. */
export interface PasswordGrantParams {
  readonly username: string;
  readonly password: string;
  readonly scope: string;
  /** Extra per-call form parameters. */
  readonly extra: Readonly<Record<string, string>>;
}

/**
 * The Resource Owner Password Credentials token request. Process the result with
 * `processTokenResponse`.
 * @see RFC 6749 §4.3.2
 */
export function passwordGrantRequest(
  context: HttpContext,
  token_endpoint: string,
  client: ClientAuth,
  params: PasswordGrantParams,
  extraTokenParams: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<HttpResult> {
  const { username, password, scope, extra } = params;
  return tokenRequest(context, token_endpoint, client, 'password', { ...extra, username, password, scope }, extraTokenParams, signal);
}
