import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors.ts';
import type { HttpContext, HttpResult } from '../internal/http.ts';
import { processTokenResponse } from './tokenRequest.ts';

const context: HttpContext = {
  fetch: () => Promise.reject(new Error('unused')),
  timers: { setTimeout: () => 0, clearTimeout: () => {} },
  now: () => 0,
  timeout: 1000,
  allowInsecureRequests: false,
};

function parse(body: unknown, status = 200): ReturnType<typeof processTokenResponse> | AuthError {
  const result: HttpResult = { label: 'token response', status, headers: new Headers(), text: typeof body === 'string' ? body : JSON.stringify(body) };
  try {
    return processTokenResponse(context, result);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
}

const valid = { access_token: 'at', token_type: 'Bearer', expires_in: 60 };

describe('processTokenResponse', () => {
  it('accepts a minimal response and any case of Bearer', () => {
    expect(parse(valid)).toEqual(valid);
    expect(parse({ ...valid, token_type: 'bearer' })).toMatchObject({ token_type: 'bearer' });
  });

  it('uses the documented default lifetime when expires_in is omitted (RFC 6749 §5.1), and only then', () => {
    const { expires_in: _omitted, ...withoutLifetime } = valid;
    const result: HttpResult = { label: 'token response', status: 200, headers: new Headers(), text: JSON.stringify(withoutLifetime) };
    expect(processTokenResponse(context, result, 900)).toEqual({ ...valid, expires_in: 900 });
    const withLifetime: HttpResult = { ...result, text: JSON.stringify(valid) };
    expect(processTokenResponse(context, withLifetime, 900)).toEqual(valid);
    // A default stands in for a missing expires_in only, never for a broken one.
    for (const broken of [null, 'soon', -1]) {
      const bad: HttpResult = { ...result, text: JSON.stringify({ ...valid, expires_in: broken }) };
      expect(() => processTokenResponse(context, bad, 900)).toThrow(AuthError);
    }
  });

  it('accepts a numeric string expires_in, as some servers send', () => {
    expect(parse({ ...valid, expires_in: '3600' })).toMatchObject({ expires_in: 3600 });
  });

  it('keeps optional strings and drops an empty refresh_token', () => {
    expect(parse({ ...valid, refresh_token: 'rt', scope: 'openid', id_token: 'a.b.c' })).toEqual({
      ...valid,
      refresh_token: 'rt',
      scope: 'openid',
      id_token: 'a.b.c',
    });
    expect(parse({ ...valid, refresh_token: '' })).toEqual(valid);
  });

  it.each([
    [{ ...valid, access_token: undefined }, 'token response: access_token must be a non-empty string'],
    [{ ...valid, access_token: '' }, 'token response: access_token must be a non-empty string'],
    [{ ...valid, access_token: 42 }, 'token response: access_token must be a non-empty string'],
    [{ ...valid, token_type: 'mac' }, 'token response: token_type must be Bearer, got "mac"'],
    [{ ...valid, token_type: undefined }, 'token response: token_type must be a non-empty string'],
    [{ ...valid, expires_in: undefined }, 'token response: expires_in is missing; set defaultExpiresIn to the token lifetime your provider documents'],
    [{ ...valid, expires_in: 'soon' }, 'token response: expires_in must be a number'],
    [{ ...valid, expires_in: -1 }, 'token response: expires_in must not be negative'],
    [{ ...valid, expires_in: null }, 'token response: expires_in must be a number'],
    [{ ...valid, refresh_token: 7 }, 'token response: refresh_token must be a string when present'],
    [{ ...valid, scope: ['openid'] }, 'token response: scope must be a string when present'],
    [{ ...valid, id_token: {} }, 'token response: id_token must be a string when present'],
    ['[]', 'token response: body must be a JSON object'],
    ['', 'token response: body is not JSON (HTTP 200)'],
  ])('rejects %j with invalid_response', (body, message) => {
    const error = parse(body);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'invalid_response', message });
  });
});
