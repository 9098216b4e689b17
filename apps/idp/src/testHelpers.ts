// Shared helpers for this package's tests (not exported from the package).
import { decodeJwt, type JWTPayload } from 'jose';
import type { RunningIdp } from './idp.ts';

/** A parsed HTTP answer. */
export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  const body: unknown = text === '' ? {} : JSON.parse(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`expected a JSON object, got: ${text}`);
  }
  return { status: response.status, headers: response.headers, body: body as Record<string, unknown> };
}

/** POSTs a form to an IdP endpoint, optionally with HTTP Basic client credentials (RFC 6749 §2.3.1). */
export async function postForm(
  idp: RunningIdp,
  path: string,
  params: Record<string, string>,
  basic?: { client_id: string; client_secret: string },
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (basic) {
    const user = `${encodeURIComponent(basic.client_id)}:${encodeURIComponent(basic.client_secret)}`;
    headers['authorization'] = `Basic ${Buffer.from(user).toString('base64')}`;
  }
  return answer(await fetch(`${idp.url}${path}`, { method: 'POST', headers, body: new URLSearchParams(params) }));
}

/** GETs a URL, optionally with a bearer token (RFC 6750 §2.1). */
export async function getJson(url: string, accessToken?: string, origin?: string): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (accessToken !== undefined) headers['authorization'] = `Bearer ${accessToken}`;
  if (origin !== undefined) headers['origin'] = origin;
  return answer(await fetch(url, { headers }));
}

/** The field of a token response as a string, failing the test when it is not one. */
export function str(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string') throw new Error(`expected ${field} to be a string in ${JSON.stringify(body)}`);
  return value;
}

/** Signs alice in with the public client and the given scope. */
export async function signInAlice(idp: RunningIdp, scope = 'openid profile email offline_access'): Promise<Answer> {
  return postForm(idp, '/token', {
    grant_type: 'password',
    client_id: 'ropc-kit-demo',
    username: 'alice',
    password: 'wonderland',
    scope,
  });
}

/** The claims of a JWT, unverified (tests that need the signature checked use jose's jwtVerify). */
export function claimsOf(jwt: string): JWTPayload {
  return decodeJwt(jwt);
}
