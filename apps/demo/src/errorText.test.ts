import { describe, expect, it } from 'vitest';
import { AuthError } from '@ropc-kit/core';
import { HttpError } from '@ropc-kit/react';
import { failureText, revocationFailureText } from './errorText.ts';

// Messages as a production build shortens them: the texts below must not depend on them.
const terse = (code: string, options: ConstructorParameters<typeof AuthError>[2] = {}) => new AuthError(code, 'token response', options);

describe('failureText', () => {
  it('explains an AuthError by its code, with the code and HTTP status as detail, never its message', () => {
    expect(failureText('Last renewal failed', terse('network_error'))).toBe('Last renewal failed: the server could not be reached (network_error).');
    expect(failureText('Last renewal failed', terse('temporarily_unavailable', { status: 503 }))).toBe(
      'Last renewal failed: the server is temporarily unavailable (temporarily_unavailable, HTTP 503).',
    );
    expect(failureText('Last renewal failed', terse('server_error', { status: 500 }))).toBe('Last renewal failed: the server is temporarily unavailable (server_error, HTTP 500).');
    expect(failureText('Last renewal failed', terse('timeout'))).toBe('Last renewal failed: the server did not answer in time (timeout).');
    expect(failureText('Could not load the notes', terse('no_session'))).toBe('Could not load the notes: nobody is signed in (no_session).');
    expect(failureText('Last renewal failed', terse('invalid_grant', { status: 400 }))).toBe(
      'Last renewal failed: the session is no longer valid, sign in again (invalid_grant, HTTP 400).',
    );
    expect(failureText('Last renewal failed', terse('invalid_client', { status: 401 }))).toBe(
      "Last renewal failed: the server refused this app's request, check the client configuration (invalid_client, HTTP 401).",
    );
    expect(failureText('Last renewal failed', terse('invalid_response', { status: 200 }))).toBe(
      "Last renewal failed: the server's answer could not be used (invalid_response, HTTP 200).",
    );
    expect(failureText('Could not load the notes', terse('origin_not_allowed'))).toBe(
      "Could not load the notes: this app may not send its token to that API, add the API's origin to apiOrigins (origin_not_allowed).",
    );
    expect(failureText('Could not load the notes', terse('insecure_endpoint'))).toBe(
      'Could not load the notes: the address uses plain http, use https (insecure_endpoint).',
    );
    expect(failureText('Last renewal failed', terse('slow_down', { status: 400 }))).toBe("Last renewal failed: the server's answer could not be used (slow_down, HTTP 400).");
  });

  it('explains an HttpError of the API by its status', () => {
    const http = (status: number) => new HttpError(new Response(null, { status }));
    expect(failureText('Could not load the notes', http(401))).toBe('Could not load the notes: the API did not accept the access token (HTTP 401).');
    expect(failureText('Could not load the notes', http(403))).toBe('Could not load the notes: the API does not allow this account to see them (HTTP 403).');
    expect(failureText('Could not load the notes', http(503))).toBe('Could not load the notes: the API is temporarily unavailable (HTTP 503).');
    expect(failureText('Could not load the notes', http(429))).toBe('Could not load the notes: the API is temporarily unavailable (HTTP 429).');
    expect(failureText('Could not load the notes', http(404))).toBe('Could not load the notes: the API refused the request (HTTP 404).');
  });

  it("shows any other error's name and message, which the kit does not shorten (the browser's or the demo's own)", () => {
    expect(failureText('Could not load the notes', new TypeError('Failed to fetch'))).toBe('Could not load the notes: something went wrong (TypeError: Failed to fetch).');
    expect(failureText('Could not load the notes', 'boom')).toBe('Could not load the notes: something went wrong (boom).');
  });
});

describe('revocationFailureText', () => {
  it("names the cause's code and HTTP status, not the message", () => {
    const cause = new AuthError('temporarily_unavailable', 'revocation', { status: 503, retryAfter: 30 });
    const error = new AuthError('revocation_failed', 'sign-out: revocation', { cause, status: 503, retryAfter: 30 });
    expect(revocationFailureText(error)).toBe(
      'Signed out in this browser, but the server could not revoke the tokens (temporarily_unavailable, HTTP 503). They stay valid until they expire.',
    );
    const offline = new AuthError('revocation_failed', 'sign-out: discovery', { cause: new AuthError('network_error', 'discovery') });
    expect(revocationFailureText(offline)).toBe(
      'Signed out in this browser, but the server could not revoke the tokens (network_error). They stay valid until they expire.',
    );
  });

  it('falls back to its own code when the cause is not an AuthError', () => {
    expect(revocationFailureText(new AuthError('revocation_failed', 'sign-out', { status: 500 }))).toBe(
      'Signed out in this browser, but the server could not revoke the tokens (revocation_failed, HTTP 500). They stay valid until they expire.',
    );
  });
});
