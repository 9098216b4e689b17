import { describe, expect, it } from 'vitest';
import { AuthError, type AuthErrorOptions } from '@ropc-kit/core';
import { defaultLoginFormTexts, describeLoginFailure } from './loginMessages.ts';

const accountProblem = (description: string) =>
  describeLoginFailure(new AuthError('invalid_grant', 'sign-in failed', { status: 400, error_description: description }), defaultLoginFormTexts)
    .message;

describe('defaultLoginFormTexts.accountProblem', () => {
  it.each([
    ['account is disabled', 'Account is disabled.'],
    ['  account is disabled  ', 'Account is disabled.'],
    ['Your account is locked. Call the help desk.', 'Your account is locked. Call the help desk.'],
    ['account locked!', 'Account locked!'],
    ['password expired?', 'Password expired?'],
    ['élève account suspended…', 'Élève account suspended…'],
    // Entra ID appends trace lines for support; the user sees the first line only.
    [
      'AADSTS50055: The password is expired.\r\nTrace ID: 0b6c\r\nCorrelation ID: 9f1e\r\nTimestamp: 2026-11-26 15:00:00Z',
      'AADSTS50055: The password is expired.',
    ],
    ['\n  account is disabled\nsee the help desk', 'Account is disabled.'],
    // Only the first line decides: a support line below it may say anything.
    ['account is disabled\rTrace: invalid_request 7f3a', 'Account is disabled.'],
    ['password has expired\u2028Correlation: bad-credentials-check', 'Password has expired.'],
  ])('presents %j as the sentence %j', (description, sentence) => {
    expect(accountProblem(description)).toBe(sentence);
  });
});

describe('describeLoginFailure', () => {
  const describeError = (code: string, details: AuthErrorOptions) =>
    describeLoginFailure(new AuthError(code, 'token request failed', details), defaultLoginFormTexts);

  it.each([
    ['invalid_client', 'check client_id'],
    ['unauthorized_client', 'allow grant type "password"'],
    ['unsupported_grant_type', 'enable the Resource Owner Password Credentials grant'],
    ['invalid_scope', 'check the `scope` setting'],
    ['invalid_request', 'check `extraTokenParams`'],
    ['insecure_endpoint', 'use https, or `allowInsecureRequests`'],
    ['invalid_response', 'not a valid token response'],
    ['invalid_id_token', 'the id_token failed validation'],
  ])('treats %s as a misconfiguration: generic text for the user, a hint for the developer', (code, hint) => {
    const failure = describeError(code, { status: 400 });
    expect(failure.message).toBe('Sign-in is not available right now. Please try again later or contact support.');
    expect(failure.passwordInvalid).toBe(false);
    expect(failure.developerMessage).toMatch(new RegExp(`^\\[ropc-kit\\] LoginForm: sign-in failed with "${code}": `));
    expect(failure.developerMessage).toContain(hint);
    expect(failure.developerMessage).not.toContain('The server said');
  });

  it('marks the password only for wrong credentials, also when the server described them or sent a blank description', () => {
    for (const description of [undefined, '', '   ', 'grant request is invalid', 'Invalid user credentials']) {
      expect(describeError('invalid_grant', { status: 400, error_description: description })).toEqual({
        message: 'The username or password is incorrect.',
        passwordInvalid: true,
        developerMessage: null,
      });
    }
  });

  it('keeps an invalid_grant an account problem even with a 5xx status', () => {
    expect(describeError('invalid_grant', { status: 500, error_description: 'account is disabled' }).message).toBe('Account is disabled.');
  });

  it("says a 5xx is temporary, and shows a server's own code's description, or the generic text when it is blank", () => {
    expect(describeError('http_error', { status: 502 }).message).toBe('The sign-in service is temporarily unavailable. Please try again later.');
    expect(describeError('account_locked', { status: 400, error_description: 'account locked' }).message).toBe('Account locked.');
    expect(describeError('account_locked', { status: 400, error_description: '  ' }).message).toBe('Sign-in failed. Please try again.');
    expect(describeError('account_locked', { status: 400 }).message).toBe('Sign-in failed. Please try again.');
  });

  it('names a failure that is not an AuthError for the developer', () => {
    expect(describeLoginFailure(new TypeError('boom'), defaultLoginFormTexts)).toEqual({
      message: 'Sign-in failed. Please try again.',
      passwordInvalid: false,
      developerMessage: '[ropc-kit] LoginForm: unexpected failure: TypeError: boom',
    });
  });
});
