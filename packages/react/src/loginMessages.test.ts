import { describe, expect, it } from 'vitest';
import { AuthError } from '@ropc-kit/core';
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
  ])('presents %j as the sentence %j', (description, sentence) => {
    expect(accountProblem(description)).toBe(sentence);
  });
});
