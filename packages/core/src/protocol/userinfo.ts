import { AuthError } from '../errors.ts';
import { DEV } from '#dev';
import { assertString, type JsonObject } from '../internal/assert.ts';
import { assertSecureEndpoint } from '../internal/url.ts';
import { readJsonObject, send, type HttpContext, type HttpResult } from '../internal/http.ts';

/**
 * GETs the userinfo endpoint with the access token as a Bearer credential.
 * @see OpenID Connect Core 1.0 §5.3.1, RFC 6750 §2.1
 */
export async function userinfoRequest(
  context: HttpContext,
  userinfo_endpoint: string,
  access_token: string,
  signal?: AbortSignal,
): Promise<HttpResult> {
  assertSecureEndpoint(userinfo_endpoint, 'userinfo', context.allowInsecureRequests);
  return send(context, {
    label: 'userinfo',
    url: userinfo_endpoint,
    method: 'GET',
    headers: new Headers({ accept: 'application/json', authorization: `Bearer ${access_token}` }),
    signal,
  });
}

/**
 * Validates a userinfo response: a JSON object with a `sub` that must equal the id_token's.
 * @see OpenID Connect Core 1.0 §5.3.2, §5.3.4
 */
export function processUserinfoResponse(context: HttpContext, result: HttpResult, expectedSub: string | undefined): JsonObject {
  const body = readJsonObject(result, context.now());
  const sub = assertString(body.sub, 'userinfo: sub');
  if (expectedSub !== undefined && sub !== expectedSub) {
    throw new AuthError('invalid_response', DEV ? 'userinfo: sub does not match the id_token sub' : 'userinfo: sub');
  }
  return body;
}
