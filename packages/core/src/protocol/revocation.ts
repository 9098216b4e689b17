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
