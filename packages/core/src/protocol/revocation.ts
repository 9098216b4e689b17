import { AuthError } from '../errors.ts';
import { DEV } from '#dev';
import { postForm, type ClientAuth } from './tokenRequest.ts';
import { errorFromResponse, type HttpContext } from '../internal/http.ts';
import type { ProviderMetadata } from '../types.ts';

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
  throw errorFromResponse(result, context.now()) ?? new AuthError('invalid_response', DEV ? `revocation: expected HTTP 200, got ${result.status}` : 'revocation', { status: result.status });
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
  return first instanceof AuthError ? first : new AuthError('invalid_response', DEV ? `revocation: unexpected failure: ${first instanceof Error ? first.message : typeof first}` : 'revocation', { cause: first });
}

/** Tokens to revoke: a refresh token (when any) and an access token. */
export interface RevocableTokens {
  readonly access_token: string;
  readonly refresh_token?: string | undefined;
}

/** Best-effort revocation of tokens a client obtained but drops; see {@link createDroppedTokens}. */
export interface DroppedTokens {
  /** Starts revoking `tokens`; failures are ignored. */
  revoke(tokens: RevocableTokens): void;
  /** Resolves when every revocation started so far has settled. */
  settled(): Promise<void>;
}

/**
 * Revokes tokens the client obtained but drops (a superseded sign-in, a failed id_token or
 * userinfo check, a refresh that landed after sign-out), so no live refresh token is left
 * behind. Best effort: failures are ignored, since nobody holds these tokens.
 * @see RFC 7009 §2.1
 */
export function createDroppedTokens(context: HttpContext, client: ClientAuth, getMetadata: () => Promise<ProviderMetadata>): DroppedTokens {
  const running = new Set<Promise<void>>();
  return {
    revoke(tokens) {
      const pending: Promise<void> = getMetadata()
        .then(async ({ revocation_endpoint }) => {
          if (revocation_endpoint !== undefined) await revokeTokens(context, revocation_endpoint, client, tokens);
        })
        .catch(() => {})
        .finally(() => running.delete(pending));
      running.add(pending);
    },
    settled: () => Promise.all([...running]).then(() => {}),
  };
}

/**
 * The error a failed revocation leaves in the signed-out state: code `revocation_failed` (a
 * marker that does not depend on the message, which production builds shorten), the failure as
 * `cause` with its own code, its server details copied, and a message saying the session was
 * cleared anyway ("sign-out: <the failure's message>" in production).
 * @see RFC 7009 §2.2.1
 */
export function revocationError(failure: AuthError): AuthError {
  return new AuthError('revocation_failed', `sign-out: ${DEV ? 'the session was cleared but the tokens could not be revoked: ' : ''}${failure.message}`, {
    cause: failure,
    status: failure.status,
    error_description: failure.error_description,
    error_uri: failure.error_uri,
    retryAfter: failure.retryAfter,
  });
}
