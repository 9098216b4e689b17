import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors.ts';
import { createFakeClock } from '../test/fakeClock.ts';
import { createMockFetch, json, text } from '../test/mockFetch.ts';
import { errorFromResponse, parseRetryAfter, readJsonObject, send, type HttpContext, type HttpResult } from './http.ts';

function context(fetch: typeof globalThis.fetch, clock = createFakeClock()): HttpContext {
  return { fetch, timers: clock.timers, now: clock.now, timeout: 5000, allowInsecureRequests: false };
}

function result(status: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return { label: 'token response', status, headers: new Headers(headers), text: body };
}

const get = { label: 'discovery', url: 'https://idp.example/x', method: 'GET', headers: new Headers() } as const;

describe('send', () => {
  it('reads the whole response', async () => {
    const mock = createMockFetch();
    mock.reply(text('hello', 201));
    const res = await send(context(mock.fetch), get);
    expect([res.status, res.text, res.label]).toEqual([201, 'hello', 'discovery']);
    expect(mock.requests[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('fails with network_error when fetch rejects (closed port)', async () => {
    const mock = createMockFetch();
    const cause = new TypeError('fetch failed');
    mock.reply(cause);
    const error = await send(context(mock.fetch), get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'network_error', message: 'discovery: could not reach https://idp.example/x', cause });
  });

  it('fails with timeout when the server hangs, even if fetch ignores the signal', async () => {
    const clock = createFakeClock();
    const mock = createMockFetch();
    mock.reply(() => new Promise<Response>(() => {}));
    const pending = send(context(mock.fetch, clock), get).catch((e: unknown) => e);
    await clock.advance(5000);
    expect(await pending).toMatchObject({ code: 'timeout', message: 'discovery: no response from https://idp.example/x within 5000 ms' });
    expect(mock.requests[0]!.signal?.aborted).toBe(true);
  });

  it('clears its timer after a response', async () => {
    const clock = createFakeClock();
    const mock = createMockFetch();
    mock.reply(text('ok'));
    await send(context(mock.fetch, clock), get);
    expect(clock.pending()).toBe(0);
  });

  it('fails with aborted when the caller aborts, before or during the request', async () => {
    const mock = createMockFetch();
    const before = new AbortController();
    before.abort();
    const early = await send(context(mock.fetch), { ...get, signal: before.signal }).catch((e: unknown) => e);
    expect(early).toMatchObject({ code: 'aborted', message: 'discovery: the request was aborted by the caller' });
    expect(mock.requests).toHaveLength(0);

    const during = new AbortController();
    mock.reply(() => new Promise<Response>(() => {}));
    const pending = send(context(mock.fetch), { ...get, signal: during.signal }).catch((e: unknown) => e);
    during.abort();
    expect(await pending).toMatchObject({ code: 'aborted' });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('errorFromResponse: the error code', () => {
  it.each([['invalid_grant'], ['custom-code.v2'], ['a b']])('accepts the RFC 6749 §5.2 error token %j', (code) => {
    expect(errorFromResponse(result(400, JSON.stringify({ error: code })), 0)?.code).toBe(code);
  });

  it.each([['quote"d'], ['back\\slash'], ['new\nline'], ['caf\u00e9'], ['tab\t']])('refuses %j as invalid_response', (code) => {
    const error = errorFromResponse(result(400, JSON.stringify({ error: code })), 0);
    expect([error?.code, error?.message]).toEqual([
      'invalid_response',
      'token response: the error code is not a valid OAuth error token (RFC 6749 §5.2) (HTTP 400)',
    ]);
  });
});

describe('errorFromResponse', () => {
  it('copies the RFC 6749 §5.2 fields', () => {
    const error = errorFromResponse(
      result(400, JSON.stringify({ error: 'invalid_scope', error_description: 'no such scope', error_uri: 'https://idp.example/e' })),
      0,
    );
    expect(error).toMatchObject({
      code: 'invalid_scope',
      status: 400,
      error_description: 'no such scope',
      error_uri: 'https://idp.example/e',
      message: 'token response: the server answered invalid_scope: no such scope',
      name: 'AuthError',
    });
  });

  it('treats an error body with status 200 as the error', () => {
    expect(errorFromResponse(result(200, '{"error":"invalid_grant"}'), 0)).toMatchObject({ code: 'invalid_grant', status: 200 });
  });

  it('maps statuses without an OAuth body', () => {
    const code = (status: number) => errorFromResponse(result(status, '<html>oops</html>', { 'content-type': 'text/html' }), 0)?.code;
    expect([code(500), code(502), code(503), code(429), code(401), code(404), code(302)]).toEqual([
      'server_error',
      'server_error',
      'temporarily_unavailable',
      'temporarily_unavailable',
      'invalid_client',
      'invalid_response',
      'invalid_response',
    ]);
    expect(errorFromResponse(result(500, '<html/>', { 'content-type': 'text/html; charset=utf-8' }), 0)?.message).toBe(
      'token response: the server failed (HTTP 500, content-type text/html)',
    );
    expect(errorFromResponse(result(200, '{}'), 0)).toBeNull();
  });

  it('reads a 401 challenge: Bearer error for userinfo, client authentication otherwise', () => {
    const bearer = { 'www-authenticate': 'Bearer realm="idp", error="invalid_token", error_description="token expired"' };
    expect(errorFromResponse({ ...result(401, '', bearer), label: 'userinfo' }, 0)).toMatchObject({
      code: 'invalid_token',
      error_description: 'token expired',
      message: 'userinfo: the access token was refused (HTTP 401: token expired)',
    });
    expect(errorFromResponse(result(401, '', { 'www-authenticate': 'Bearer realm="idp"' }), 0)?.code).toBe('invalid_token');
    // A challenge error that is not an RFC 6750 §3 token is not used as the code.
    expect(errorFromResponse(result(401, '', { 'www-authenticate': 'Bearer error="caf\u00e9\\x"' }), 0)?.code).toBe('invalid_token');
    expect(errorFromResponse(result(401, '', { 'www-authenticate': 'Basic realm="idp"' }), 0)).toMatchObject({
      code: 'invalid_client',
      message: 'token response: client authentication failed (HTTP 401)',
    });
  });

  it('reads Retry-After on 429 and 503 only', () => {
    expect(errorFromResponse(result(503, '', { 'retry-after': '7' }), 0)?.retryAfter).toBe(7);
    expect(errorFromResponse(result(429, '{"error":"slow_down"}', { 'retry-after': '3' }), 0)).toMatchObject({ code: 'slow_down', retryAfter: 3 });
    expect(errorFromResponse(result(500, '', { 'retry-after': '7' }), 0)?.retryAfter).toBeUndefined();
  });
});

describe('readJsonObject', () => {
  it('rejects non-JSON and non-object bodies with invalid_response', () => {
    const read = (body: string, contentType = 'application/json') => {
      try {
        readJsonObject(result(200, body, { 'content-type': contentType }), 0);
        return null;
      } catch (error) {
        return error as AuthError;
      }
    };
    expect(read('<html>', 'text/html')).toMatchObject({
      code: 'invalid_response',
      message: 'token response: body is not JSON (HTTP 200, content-type text/html)',
    });
    expect(read('[1,2]')?.message).toBe('token response: body must be a JSON object');
    expect(read('null')?.message).toBe('token response: body must be a JSON object');
    expect(read('"x"')?.code).toBe('invalid_response');
    expect(read('{"a":1}')).toBeNull();
  });

  it('reads a JSON body regardless of content-type', () => {
    expect(readJsonObject(result(200, '{"a":1}', { 'content-type': 'text/plain' }), 0)).toEqual({ a: 1 });
    expect(json({ a: 1 }).headers.get('content-type')).toBe('application/json');
  });
});
