import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors.ts';
import { makeJwt } from '../test/mockFetch.ts';
import { validateIdToken, type IdTokenExpectations } from './idToken.ts';

const nowMs = Date.UTC(2026, 0, 1);
const now = nowMs / 1000;
const expected: IdTokenExpectations = { issuer: 'https://idp.example', client_id: 'spa', nowMs, clockSkew: 300 };
const claims = { iss: 'https://idp.example', aud: 'spa', sub: 'alice', iat: now, exp: now + 60 };

function check(token: string, overrides: Partial<IdTokenExpectations> = {}): string | null {
  try {
    validateIdToken(token, { ...expected, ...overrides });
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('invalid_id_token');
    return (error as AuthError).message;
  }
}

describe('validateIdToken', () => {
  it('returns the claims of a valid token', () => {
    expect(validateIdToken(makeJwt({ ...claims, name: 'Alice' }), expected)).toEqual({ ...claims, name: 'Alice' });
  });

  it('accepts several audiences when azp is the client', () => {
    expect(check(makeJwt({ ...claims, aud: ['spa', 'api'], azp: 'spa' }))).toBeNull();
  });

  it('allows the clock skew on exp and iat', () => {
    expect(check(makeJwt({ ...claims, exp: now - 299 }))).toBeNull();
    expect(check(makeJwt({ ...claims, iat: now + 299 }))).toBeNull();
  });

  it.each([
    ['not-a-jwt', 'id_token: is not a decodable JWT'],
    [makeJwt({ ...claims, iss: 'https://evil.example' }), 'id_token: iss must be "https://idp.example", got "https://evil.example"'],
    [makeJwt({ ...claims, iss: undefined }), 'id_token: iss must be "https://idp.example", got nothing'],
    [makeJwt({ ...claims, aud: 'other' }), 'id_token: aud must contain the client_id "spa"'],
    [makeJwt({ ...claims, aud: undefined }), 'id_token: aud must contain the client_id "spa"'],
    [makeJwt({ ...claims, aud: ['spa', 'api'] }), 'id_token: azp must be the client_id "spa" when aud has several values'],
    [makeJwt({ ...claims, azp: 'other' }), 'id_token: azp must be the client_id "spa"'],
    [makeJwt({ ...claims, exp: now - 301 }), 'id_token: has expired (exp is in the past)'],
    [makeJwt({ ...claims, exp: '1' }), 'id_token: exp must be a number'],
    [makeJwt({ ...claims, iat: now + 301 }), 'id_token: iat is in the future (check the clock)'],
    [makeJwt({ ...claims, iat: undefined }), 'id_token: iat must be a number'],
    [makeJwt({ ...claims, sub: '' }), 'id_token: sub must be a non-empty string'],
  ])('rejects %s', (token, message) => {
    expect(check(token)).toBe(message);
  });

  it('rejects a different sub on refresh', () => {
    expect(check(makeJwt(claims), { sub: 'bob' })).toBe('id_token: sub differs from the signed-in user');
    expect(check(makeJwt(claims), { sub: 'alice' })).toBeNull();
  });
});
