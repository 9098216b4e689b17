import { tokenRequest, type ClientAuth } from './tokenRequest.ts';
import type { HttpContext, HttpResult } from '../internal/http.ts';

/**
 * The refresh token request. No scope is sent, so the server grants the original scope.
 * Process the result with `processTokenResponse`.
 * @see RFC 6749 §6
 */
export function refreshGrantRequest(
  context: HttpContext,
  token_endpoint: string,
  client: ClientAuth,
  refresh_token: string,
  extraTokenParams: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<HttpResult> {
  return tokenRequest(context, token_endpoint, client, 'refresh_token', { refresh_token }, extraTokenParams, signal);
}
