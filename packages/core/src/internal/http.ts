import { AuthError } from '../errors.ts';
import type { Timers } from '../types.ts';
import { isObject, type JsonObject } from './assert.ts';
import { DEV } from '#dev';

/** What every protocol request needs from the client: the injected edges. */
export interface HttpContext {
  readonly fetch: typeof globalThis.fetch;
  readonly timers: Timers;
  readonly now: () => number;
  /** Milliseconds before a request fails with `timeout`. */
  readonly timeout: number;
  readonly allowInsecureRequests: boolean;
}

/** One protocol request. The body, when any, is already form-encoded. */
export interface HttpRequest {
  /** Names the protocol step in error messages ("token response", "discovery"...). */
  readonly label: string;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Headers;
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
}

/** A response read to the end: status, headers and body text. */
export interface HttpResult {
  readonly label: string;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * Sends `request` and reads the whole body, within `context.timeout` milliseconds.
 * Rejects with `AuthError` `timeout`, `aborted` (the caller's signal) or `network_error`.
 * Works even when an injected fetch ignores its signal: the race is decided here.
 * @see RFC 6749 §3.2 (requests to the token endpoint)
 */
export function send(context: HttpContext, request: HttpRequest): Promise<HttpResult> {
  const { label, url, signal } = request;
  if (signal?.aborted) {
    return Promise.reject(new AuthError('aborted', DEV ? `${label}: the request was aborted by the caller` : label, { cause: signal.reason }));
  }
  const controller = new AbortController();
  return new Promise<HttpResult>((resolve, reject) => {
    const onAbort = (): void => {
      controller.abort(signal?.reason);
      reject(new AuthError('aborted', DEV ? `${label}: the request was aborted by the caller` : label, { cause: signal?.reason }));
    };
    const timer = context.timers.setTimeout(() => {
      controller.abort();
      reject(new AuthError('timeout', DEV ? `${label}: no response from ${url} within ${context.timeout} ms` : label));
    }, context.timeout);
    signal?.addEventListener('abort', onAbort, { once: true });
    const cleanUp = (): void => {
      context.timers.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal: controller.signal,
      redirect: 'manual',
    };
    if (request.body !== undefined) init.body = request.body;
    context
      .fetch(url, init)
      .then(async (response) => ({ label, status: response.status, headers: response.headers, text: await response.text() }))
      .then(
        (result) => {
          cleanUp();
          resolve(result);
        },
        (cause: unknown) => {
          cleanUp();
          reject(new AuthError('network_error', DEV ? `${label}: could not reach ${url}` : label, { cause }));
        },
      );
  });
}

/** Seconds from a `Retry-After` header (delay-seconds or HTTP-date), or undefined. @see RFC 9110 §10.2.3 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** Parses the body as JSON, or undefined when it is not JSON. */
function tryJson(text: string): { ok: true; value: unknown } | { ok: false; cause: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    return { ok: false, cause };
  }
}

/**
 * Status and content type, for development messages. Defined only in development: esbuild keeps
 * a function that only dead branches call, so production gets an empty stand-in.
 */
const describeBody = DEV
  ? (result: HttpResult): string => {
      const type = result.headers.get('content-type');
      return `HTTP ${result.status}${type ? `, content-type ${type.split(';')[0]}` : ''}`;
    }
  : String;

/**
 * A 401 without an OAuth body: the error from a `WWW-Authenticate: Bearer error="..."`
 * challenge (RFC 6750 §3), else `invalid_token` for a Bearer challenge (userinfo) and
 * `invalid_client` otherwise (token endpoint, RFC 6749 §5.2).
 */
function unauthorized(result: HttpResult, details: { status: number }): AuthError {
  const challenge = result.headers.get('www-authenticate') ?? '';
  const bearer = /^\s*bearer\b/i.test(challenge);
  const param = (name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(challenge)?.[1];
  const error = param('error');
  const code = error !== undefined && ERROR_TOKEN.test(error) ? error : bearer ? 'invalid_token' : 'invalid_client';
  const description = param('error_description');
  const message = DEV
    ? `${result.label}: ${bearer ? 'the access token was refused' : 'client authentication failed'} (HTTP 401${description ? `: ${description}` : ''})`
    : result.label;
  return new AuthError(code, message, {
    ...details,
    error_description: description,
  });
}

/** An RFC 6749 §5.2 `error` value: printable ASCII without `"` and backslash (NQSCHAR). */
const ERROR_TOKEN = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * The OAuth error in `result`, if it is one: an `error` string in a JSON body (whatever the
 * status, some servers send errors with 200), or a non-2xx status. Returns null for a
 * successful response.
 * @see RFC 6749 §5.2
 */
export function errorFromResponse(result: HttpResult, nowMs: number): AuthError | null {
  const { label, status } = result;
  const parsed = tryJson(result.text);
  const body = parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
  const retryAfter = status === 429 || status === 503 ? parseRetryAfter(result.headers.get('retry-after'), nowMs) : undefined;
  const details = { status, retryAfter };
  if (body !== undefined && typeof body.error === 'string' && body.error.length > 0) {
    if (!ERROR_TOKEN.test(body.error)) {
      return new AuthError('invalid_response', DEV ? `${label}: the error code is not a valid OAuth error token (RFC 6749 §5.2) (${describeBody(result)})` : label, details);
    }
    const description = typeof body.error_description === 'string' ? body.error_description : undefined;
    const uri = typeof body.error_uri === 'string' ? body.error_uri : undefined;
    return new AuthError(body.error, DEV ? `${label}: the server answered ${body.error}${description ? `: ${description}` : ''}` : label, {
      ...details,
      error_description: description,
      error_uri: uri,
    });
  }
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400 || status === 0) {
    return new AuthError('invalid_response', DEV ? `${label}: unexpected redirect (${describeBody(result)}); use the final URL` : label, details);
  }
  if (status === 401) return unauthorized(result, details);
  if (status === 429 || status === 503) {
    return new AuthError('temporarily_unavailable', DEV ? `${label}: the server is temporarily unavailable (${describeBody(result)})` : label, details);
  }
  if (status >= 500) {
    return new AuthError('server_error', DEV ? `${label}: the server failed (${describeBody(result)})` : label, details);
  }
  return new AuthError('invalid_response', DEV ? `${label}: unexpected ${describeBody(result)} without an OAuth error body` : label, details);
}

/**
 * The JSON object in a successful `result`. Throws the OAuth error when there is one,
 * `invalid_response` when the body is not a JSON object.
 * @see RFC 6749 §5.1, §5.2
 */
export function readJsonObject(result: HttpResult, nowMs: number): JsonObject {
  const error = errorFromResponse(result, nowMs);
  if (error !== null) throw error;
  const parsed = tryJson(result.text);
  if (!parsed.ok) {
    throw new AuthError('invalid_response', DEV ? `${result.label}: body is not JSON (${describeBody(result)})` : result.label, {
      status: result.status,
      cause: parsed.cause,
    });
  }
  if (!isObject(parsed.value)) {
    throw new AuthError('invalid_response', DEV ? `${result.label}: body must be a JSON object` : result.label, { status: result.status });
  }
  return parsed.value;
}
