import { AuthError } from '../errors.ts';
import { DEV } from '#dev';
import { assertNumber, assertString, optionalString } from '../internal/assert.ts';
import { assertSecureEndpoint } from '../internal/url.ts';
import { readJsonObject, send, type HttpContext, type HttpResult } from '../internal/http.ts';

/** How the client authenticates at the token and revocation endpoints. @see RFC 6749 §2.3 */
export type ClientAuth =
  | { readonly method: 'none'; readonly client_id: string }
  | { readonly method: 'client_secret_basic' | 'client_secret_post'; readonly client_id: string; readonly client_secret: string };

/** A validated token endpoint response. @see RFC 6749 §5.1 */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly scope?: string;
  readonly id_token?: string;
}

/** `application/x-www-form-urlencoded` encoding of one value. @see RFC 6749 Appendix B */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/**
 * POSTs a form to an endpoint that authenticates the client (token, revocation), with the
 * client authentication written once, here.
 * @see RFC 6749 §2.3.1 (client_secret_basic: form-encoded id and secret, then Base64)
 * @see RFC 7009 §2.1 (revocation authenticates the client the same way)
 */
export async function postForm(
  context: HttpContext,
  label: string,
  url: string,
  client: ClientAuth,
  params: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<HttpResult> {
  assertSecureEndpoint(url, label, context.allowInsecureRequests);
  const body = new URLSearchParams(params);
  const headers = new Headers({
    'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
    accept: 'application/json',
  });
  switch (client.method) {
    case 'none':
      body.set('client_id', client.client_id);
      break;
    case 'client_secret_post':
      body.set('client_id', client.client_id);
      body.set('client_secret', client.client_secret);
      break;
    case 'client_secret_basic':
      headers.set('authorization', `Basic ${btoa(`${formEncode(client.client_id)}:${formEncode(client.client_secret)}`)}`);
      break;
  }
  return send(context, { label, url, method: 'POST', headers, body: body.toString(), signal });
}

/**
 * Sends a token request: the one function that owns `grant_type` and the token endpoint.
 * `extraParams` (from settings) never override the grant's own parameters.
 * @see RFC 6749 §4.3.2, §6
 */
export function tokenRequest(
  context: HttpContext,
  token_endpoint: string,
  client: ClientAuth,
  grant_type: 'password' | 'refresh_token',
  params: Readonly<Record<string, string>>,
  extraParams: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<HttpResult> {
  return postForm(context, 'token response', token_endpoint, client, { ...extraParams, ...params, grant_type }, signal);
}

/**
 * Parses a token response, not casts it: `access_token` a non-empty string, `token_type`
 * Bearer (any case), `expires_in` a number (a numeric string is accepted; when it is absent,
 * `defaultExpiresIn`, the lifetime the provider documents, or else a refusal), `refresh_token`,
 * `scope` and `id_token` strings when present.
 * @see RFC 6749 §5.1, RFC 6750 §4
 */
export function processTokenResponse(context: HttpContext, result: HttpResult, defaultExpiresIn?: number): TokenResponse {
  const body = readJsonObject(result, context.now());
  const access_token = assertString(body.access_token, 'token response: access_token');
  const token_type = assertString(body.token_type, 'token response: token_type');
  if (token_type.toLowerCase() !== 'bearer') {
    throw new AuthError('invalid_response', DEV ? `token response: token_type must be Bearer, got "${token_type}"` : 'token response: token_type');
  }
  const expires_in =
    body.expires_in === undefined ? defaultExpiresIn : assertNumber(body.expires_in, 'token response: expires_in', { acceptNumericString: true });
  if (expires_in === undefined) {
    const message = DEV ? 'token response: expires_in is missing; set defaultExpiresIn to the token lifetime your provider documents' : 'token response: expires_in';
    throw new AuthError('invalid_response', message);
  }
  if (expires_in < 0) throw new AuthError('invalid_response', DEV ? 'token response: expires_in must not be negative' : 'token response: expires_in');
  const refresh_token = optionalString(body.refresh_token, 'token response: refresh_token');
  const scope = optionalString(body.scope, 'token response: scope');
  const id_token = optionalString(body.id_token, 'token response: id_token');
  return {
    access_token,
    token_type,
    expires_in,
    ...(refresh_token ? { refresh_token } : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(id_token ? { id_token } : {}),
  };
}
