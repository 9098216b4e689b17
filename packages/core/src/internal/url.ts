import { AuthError } from '../errors.ts';
import { DEV } from '#dev';

/**
 * True for `localhost` exactly, `127.0.0.0/8` and `[::1]`. Not for `*.localhost`: whether such a
 * name resolves to loopback depends on the resolver, so it is treated like any other host.
 * @see RFC 8252 §8.3 (loopback), RFC 6761 §6.3 (localhost)
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  if (host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why `url` may not be used, or null when it is fine (`https:`, or `http:` on loopback or with opt-in).
 * In production builds the reason is just the URL (see `DEV`).
 * @see RFC 6749 §3.2 (the token endpoint requires TLS), RFC 6749 §10.9
 */
export function endpointProblem(url: string, allowInsecureRequests: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return DEV ? `"${url}" is not an absolute URL` : url;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:') {
    if (allowInsecureRequests || isLoopbackHost(parsed.hostname)) return null;
    return DEV ? `"${url}" uses plain http on a host that is not loopback; use https (or set allowInsecureRequests for a trusted network)` : url;
  }
  return DEV ? `"${url}" must use https` : url;
}

/**
 * Throws `AuthError('insecure_endpoint')` for an endpoint learnt at run time (from discovery)
 * that fails {@link endpointProblem}.
 * @see RFC 6749 §3.2
 */
export function assertSecureEndpoint(url: string, path: string, allowInsecureRequests: boolean): string {
  const problem = endpointProblem(url, allowInsecureRequests);
  if (problem !== null) throw new AuthError('insecure_endpoint', `${path}: ${problem}`);
  return url;
}

/** `value` without one trailing slash. */
export function withoutTrailingSlash(value: string): string {
  return value.endsWith('/') ? value.slice(0, -1) : value;
}
