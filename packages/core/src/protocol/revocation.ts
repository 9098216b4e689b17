import { AuthError } from '../errors.ts';
import { postForm, type ClientAuth } from './tokenRequest.ts';
import { errorFromResponse, type HttpContext } from '../internal/http.ts';

/**
 * Revokes one token. Resolves when the server answered 200 (which it also does for an
 * unknown token); rejects with an `AuthError` otherwise.
 * @see RFC 7009 §2.1, §2.2
 */
export async function revokeToken(
  context: HttpContext,
  revocation_endpoint: string,
  client: ClientAuth,
  token: string,
  token_type_hint: 'refresh_token' | 'access_token',
): Promise<void> {
  const result = await postForm(context, 'revocation', revocation_endpoint, client, { token, token_type_hint });
  if (result.status === 200) return; // The body, if any, does not matter (§2.2).
  throw errorFromResponse(result, context.now()) ?? new AuthError('invalid_response', `revocation: expected HTTP 200, got ${result.status}`, { status: result.status });
}

/**
 * Revokes the refresh token (first: revoking it usually revokes its access tokens too) and
 * then the access token. Both are attempted; resolves to the first failure, or null.
 * @see RFC 7009 §2.1
 */
export async function revokeTokens(
  context: HttpContext,
  revocation_endpoint: string,
  client: ClientAuth,
  tokens: { readonly access_token: string; readonly refresh_token?: string | undefined },
): Promise<AuthError | null> {
  const failures: unknown[] = [];
  const attempt = (token: string, hint: 'refresh_token' | 'access_token') =>
    revokeToken(context, revocation_endpoint, client, token, hint).catch((error: unknown) => void failures.push(error));
  if (tokens.refresh_token !== undefined) await attempt(tokens.refresh_token, 'refresh_token');
  await attempt(tokens.access_token, 'access_token');
  const first = failures[0];
  if (first === undefined) return null;
  return first instanceof AuthError ? first : new AuthError('invalid_response', `revocation: unexpected failure: ${first instanceof Error ? first.message : typeof first}`, { cause: first });
}
