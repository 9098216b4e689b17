import { AuthError } from '../errors.ts';
import { DEV } from '#dev';
import type { ProviderMetadata } from '../types.ts';
import { assertString, optionalString, optionalStringArray } from '../internal/assert.ts';
import { assertSecureEndpoint, withoutTrailingSlash } from '../internal/url.ts';
import { readJsonObject, send, type HttpContext, type HttpResult } from '../internal/http.ts';

/** The discovery document's URL for `authority`. @see OpenID Connect Discovery 1.0 §4 */
export function discoveryUrl(authority: string): string {
  return `${withoutTrailingSlash(authority)}/.well-known/openid-configuration`;
}

/**
 * GETs the provider's discovery document.
 * @see OpenID Connect Discovery 1.0 §4.1
 */
export function discoveryRequest(context: HttpContext, authority: string, signal?: AbortSignal): Promise<HttpResult> {
  return send(context, {
    label: 'discovery',
    url: discoveryUrl(authority),
    method: 'GET',
    headers: new Headers({ accept: 'application/json' }),
    signal,
  });
}

/**
 * Validates a discovery response: a JSON object whose `issuer` equals `authority` (ignoring
 * one trailing slash), with a `token_endpoint`; every endpoint must be https (or loopback).
 * @see OpenID Connect Discovery 1.0 §4.3
 */
export function processDiscoveryResponse(context: HttpContext, authority: string, result: HttpResult): ProviderMetadata {
  const body = readJsonObject(result, context.now());
  const issuer = assertString(body.issuer, 'discovery: issuer');
  if (withoutTrailingSlash(issuer) !== withoutTrailingSlash(authority)) {
    throw new AuthError('invalid_response', DEV ? `discovery: issuer "${issuer}" does not match authority "${authority}"` : 'discovery: issuer');
  }
  const allow = context.allowInsecureRequests;
  const token_endpoint = assertSecureEndpoint(assertString(body.token_endpoint, 'discovery: token_endpoint'), 'discovery: token_endpoint', allow);
  const userinfo_endpoint = optionalString(body.userinfo_endpoint, 'discovery: userinfo_endpoint');
  const revocation_endpoint = optionalString(body.revocation_endpoint, 'discovery: revocation_endpoint');
  const grant_types_supported = optionalStringArray(body.grant_types_supported, 'discovery: grant_types_supported');
  if (userinfo_endpoint) assertSecureEndpoint(userinfo_endpoint, 'discovery: userinfo_endpoint', allow);
  if (revocation_endpoint) assertSecureEndpoint(revocation_endpoint, 'discovery: revocation_endpoint', allow);
  const { userinfo_endpoint: _userinfo, revocation_endpoint: _revocation, ...rest } = body;
  return Object.freeze({
    ...rest,
    issuer,
    token_endpoint,
    ...(userinfo_endpoint ? { userinfo_endpoint } : {}),
    ...(revocation_endpoint ? { revocation_endpoint } : {}),
    ...(grant_types_supported ? { grant_types_supported } : {}),
  });
}

/**
 * A function returning the provider metadata: `metadata` as given, or discovery from
 * `authority`, fetched once and shared by concurrent callers. A failed discovery is not
 * cached: the next call tries again.
 * @see OpenID Connect Discovery 1.0 §4
 */
export function createMetadataLoader(
  context: HttpContext,
  source: { readonly authority: string | undefined; readonly metadata: ProviderMetadata | undefined },
): () => Promise<ProviderMetadata> {
  const { authority, metadata } = source;
  if (metadata !== undefined) return () => Promise.resolve(metadata);
  if (authority === undefined) throw new TypeError(DEV ? 'createAuthClient: pass authority or metadata' : 'createAuthClient: missing authority');
  let cached: Promise<ProviderMetadata> | null = null;
  return () => {
    if (cached === null) {
      const pending = discoveryRequest(context, authority).then((result) => processDiscoveryResponse(context, authority, result));
      cached = pending;
      pending.catch(() => {
        if (cached === pending) cached = null;
      });
    }
    return cached;
  };
}
