import { describe, expect, it } from 'vitest';
import { AuthError, isAuthError } from './errors.ts';

describe('AuthError', () => {
  it('is named AuthError by a literal (the bench production test checks it minified), and a subclass keeps its own name', () => {
    expect(String(new AuthError('timeout', 'token response'))).toBe('AuthError: token response');
    class ProviderError extends AuthError {}
    const error = new ProviderError('invalid_grant', 'sign-in');
    expect([error.name, isAuthError(error, 'invalid_grant')]).toEqual(['ProviderError', true]);
  });

  it('copies the details it is given and leaves the rest undefined', () => {
    const cause = new TypeError('fetch failed');
    const error = new AuthError('temporarily_unavailable', 'token response', { cause, status: 503, retryAfter: 7, error_description: undefined });
    expect([error.code, error.status, error.retryAfter, error.error_description, error.error_uri, error.cause]).toEqual([
      'temporarily_unavailable',
      503,
      7,
      undefined,
      undefined,
      cause,
    ]);
    expect('cause' in new AuthError('timeout', 'token response')).toBe(false);
  });
});
