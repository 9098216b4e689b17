import { isAuthError } from '@ropc-kit/core';
import { DEV } from '#dev';

/**
 * Every text `LoginForm` shows, replaceable for i18n. Functions receive the wait from the
 * server's `Retry-After`, in seconds, when it sent one.
 */
export interface LoginFormTexts {
  /** Visible label of the username field. */
  readonly usernameLabel: string;
  /** Visible label of the password field. */
  readonly passwordLabel: string;
  /** Text of the submit button. */
  readonly submit: string;
  /** Button text and status announcement while the request is in flight. */
  readonly submitting: string;
  /** Label of the show-password toggle while the password is hidden (the label is the state: "Show" while hidden, "Hide" while shown). */
  readonly showPassword: string;
  /** Label of the same toggle while the password is visible. */
  readonly hidePassword: string;
  /** Warning shown while Caps Lock is on in the password field. */
  readonly capsLockOn: string;
  /** Message when the username is empty on submit (no request is sent). */
  readonly usernameRequired: string;
  /** Message when the password is empty on submit (no request is sent). */
  readonly passwordRequired: string;
  /** `invalid_grant`: wrong username or password. */
  readonly invalidCredentials: string;
  /**
   * An account problem the server described (`invalid_grant` with a description that is not
   * about wrong credentials, e.g. "account is disabled", or a code of the server's own).
   * Receives the server's `error_description` as sent; by default shows its first line as a
   * sentence ("account is disabled" becomes "Account is disabled.").
   */
  readonly accountProblem: (serverDescription: string) => string;
  /** A misconfigured client or provider; the details go to the console for the developer. */
  readonly signInUnavailable: string;
  /** `network_error`: the server could not be reached. */
  readonly networkError: string;
  /** `timeout`: the server did not answer in time. */
  readonly timeout: string;
  /** HTTP 429: too many attempts. */
  readonly tooManyAttempts: (retryAfterSeconds: number | undefined) => string;
  /** `server_error`, `temporarily_unavailable`, HTTP 5xx. */
  readonly serviceUnavailable: (retryAfterSeconds: number | undefined) => string;
  /** Anything else, when the server gave no description. */
  readonly unknownError: string;
}

/** Formats a wait in seconds as English text: "1 second", "30 seconds", "2 minutes". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * The first non-empty line of a server's description, trimmed: what it says to people. Entra ID
 * appends trace and correlation ids on further lines, for support.
 */
function firstLine(text: string): string {
  return text.trim().split(/[\r\n\u2028\u2029]/, 1)[0]?.trim() ?? '';
}

/** A server's terse description as a sentence: its first line, first letter capitalised, final punctuation. */
function asSentence(text: string): string {
  const trimmed = firstLine(text);
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]["'”’)]*$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** The English texts `LoginForm` uses unless you pass `texts`. */
export const defaultLoginFormTexts: LoginFormTexts = {
  usernameLabel: 'Username',
  passwordLabel: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in…',
  showPassword: 'Show password',
  hidePassword: 'Hide password',
  capsLockOn: 'Caps Lock is on.',
  usernameRequired: 'Enter your username.',
  passwordRequired: 'Enter your password.',
  invalidCredentials: 'The username or password is incorrect.',
  accountProblem: asSentence,
  signInUnavailable: 'Sign-in is not available right now. Please try again later or contact support.',
  networkError: 'Cannot reach the sign-in server. Check your connection and try again.',
  timeout: 'The sign-in server took too long to answer. Please try again.',
  tooManyAttempts: (seconds) =>
    seconds === undefined
      ? 'Too many sign-in attempts. Please wait a moment and try again.'
      : `Too many sign-in attempts. Try again in ${formatWait(seconds)}.`,
  serviceUnavailable: (seconds) =>
    seconds === undefined
      ? 'The sign-in service is temporarily unavailable. Please try again later.'
      : `The sign-in service is temporarily unavailable. Try again in ${formatWait(seconds)}.`,
  unknownError: 'Sign-in failed. Please try again.',
};

/** What a failed sign-in means for the form. */
export interface LoginFailure {
  /** The text for the user. */
  readonly message: string;
  /** Whether the password field gets `aria-invalid` (wrong credentials). */
  readonly passwordInvalid: boolean;
  /** A message for the developer (console), for errors the user cannot fix. */
  readonly developerMessage: string | null;
}

/**
 * Codes that mean the app or provider is misconfigured: the user cannot fix them, so the form
 * shows `signInUnavailable` and the console gets the details.
 */
const MISCONFIGURED: readonly string[] = [
  'invalid_client',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'invalid_request',
  'insecure_endpoint',
  'invalid_response',
  'invalid_id_token',
];

/** What the developer should check for each {@link MISCONFIGURED} code; development builds only. */
const DEVELOPER_HINTS: Readonly<Record<string, string>> = DEV
  ? {
      invalid_client: 'the provider did not accept the client: check client_id (and client_secret/client_authentication for a confidential client).',
      unauthorized_client: 'this client may not use the password grant: allow grant type "password" for this client_id at the provider.',
      unsupported_grant_type: 'the provider does not support the password grant: enable the Resource Owner Password Credentials grant (RFC 6749 §4.3).',
      invalid_scope: 'the requested scope is not allowed for this client: check the `scope` setting.',
      invalid_request: 'the provider rejected the token request as malformed: check `extraTokenParams` and the settings.',
      insecure_endpoint: 'an endpoint uses plain http: use https, or `allowInsecureRequests` for local development only.',
      invalid_response: 'the provider answered something that is not a valid token response.',
      invalid_id_token: 'the id_token failed validation: check the provider issuer, client_id and clock skew.',
    }
  : {};

/**
 * Descriptions servers give for plain wrong credentials (oidc-provider, Keycloak, Auth0, Okta...).
 * Any other `invalid_grant` description is taken as an account problem worth showing.
 */
const WRONG_CREDENTIALS = /invalid|incorrect|wrong|bad credentials|grant request/i;

/**
 * Maps a sign-in failure to the form's message, by `AuthError.code` (RFC 6749 §5.2 codes
 * and the client's own). Never reads or returns a password: errors do not contain one.
 *
 * `developerMessage` is set for failures the user cannot fix. In development builds it says
 * what to check; in production builds it only names the code: the error
 * itself, logged beside it, still carries the server's `error_description`.
 */
export function describeLoginFailure(error: unknown, texts: LoginFormTexts): LoginFailure {
  const failure = (message: string, developerMessage: string | null = null, passwordInvalid = false): LoginFailure => ({
    message,
    passwordInvalid,
    developerMessage,
  });
  if (!isAuthError(error)) return failure(texts.unknownError, `[ropc-kit] LoginForm: unexpected failure: ${String(error)}`);
  const { code, status = 0, retryAfter, error_description: description } = error;
  // A blank description says nothing: it is treated as none.
  const described = description !== undefined && description.trim() !== '';
  if (status === 429) return failure(texts.tooManyAttempts(retryAfter));
  if (MISCONFIGURED.includes(code)) {
    const details = DEV ? `: ${DEVELOPER_HINTS[code]}${description === undefined ? '' : ` The server said: "${description}".`}` : '';
    return failure(texts.signInUnavailable, `[ropc-kit] LoginForm: sign-in failed with "${code}"${details}`);
  }
  if (code === 'invalid_grant') {
    return described && !WRONG_CREDENTIALS.test(firstLine(description))
      ? failure(texts.accountProblem(description))
      : failure(texts.invalidCredentials, null, true);
  }
  if (code === 'network_error') return failure(texts.networkError);
  if (code === 'timeout') return failure(texts.timeout);
  if (code === 'server_error' || code === 'temporarily_unavailable' || status >= 500) return failure(texts.serviceUnavailable(retryAfter));
  // A code the server chose (e.g. `account_locked`): its description is written for people.
  return failure(described ? texts.accountProblem(description) : texts.unknownError);
}
