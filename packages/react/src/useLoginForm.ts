import { useId, useRef, useState, type ComponentPropsWithRef, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { User } from '@ropc-kit/core';
import { useAuthClient } from './context.ts';
import { defaultLoginFormTexts, describeLoginFailure, type LoginFailure, type LoginFormTexts } from './loginMessages.ts';

/** Options of {@link useLoginForm} (and props of `LoginForm`). */
export interface UseLoginFormOptions {
  /** Called with the signed-in user after a successful sign-in. */
  readonly onSuccess?: ((user: User) => void) | undefined;
  /**
   * Called with the failure after a failed sign-in request (not for empty fields, which
   * send none). Usually an `AuthError`, but not always: a destroyed client rejects with a
   * `TypeError`, and an exception thrown by your `onSuccess` arrives here too. Narrow with
   * `isAuthError(error)` from `@ropc-kit/core` before reading `error.code`.
   */
  readonly onError?: ((error: Error) => void) | undefined;
  /** Replaces some or all texts (i18n). */
  readonly texts?: Partial<LoginFormTexts> | undefined;
  /**
   * Your own message for a failure; return undefined to keep the built-in one. Receives the
   * same errors as `onError`: narrow with `isAuthError(error)`.
   */
  readonly errorMessage?: ((error: Error) => string | undefined) | undefined;
  /** Scope to request instead of the client's setting. */
  readonly scope?: string | undefined;
  /** Focus the username field on mount. */
  readonly autoFocus?: boolean | undefined;
}

/** Which fields must be fixed. */
export interface LoginFormInvalid {
  /** The username is empty (or blank). */
  readonly username: boolean;
  /** The password is empty, or the server rejected the credentials (`invalid_grant`). */
  readonly password: boolean;
}

/** Everything needed to render a login form: state, texts, ids and props for each part. */
export interface LoginFormController {
  /** The texts in use: the defaults merged with your `texts` option. */
  readonly texts: LoginFormTexts;
  /** True while the sign-in request is in flight. */
  readonly isPending: boolean;
  /** The message of the `role="alert"` element, or null. */
  readonly message: string | null;
  /** Which fields get `aria-invalid` (already set in `usernameProps` and `passwordProps`). */
  readonly invalid: LoginFormInvalid;
  /** True while Caps Lock is on in the password field; render `texts.capsLockOn` with `id={ids.capsLock}` then. */
  readonly capsLockOn: boolean;
  /** True while the password is shown as plain text (toggled by `toggleProps`, hidden again after each attempt). */
  readonly showPassword: boolean;
  /** Ids from `useId()` shared by labels, controls and messages. */
  readonly ids: { readonly username: string; readonly password: string; readonly message: string; readonly capsLock: string };
  /** Spread on the `<form>`: submit handler, `noValidate` and `aria-busy` while pending. */
  readonly formProps: ComponentPropsWithRef<'form'>;
  /** Spread on the username `<input>`: ref, id, `name`/`autocomplete="username"`, `aria-invalid`, `aria-describedby`. */
  readonly usernameProps: ComponentPropsWithRef<'input'>;
  /** Spread on the password `<input>`: ref, id, `name`/`autocomplete="current-password"`, type, caps-lock detection, ARIA attributes. */
  readonly passwordProps: ComponentPropsWithRef<'input'>;
  /** The show-password toggle: a `type="button"` whose label says what it does next (no `aria-pressed`: a toggle's label must not change with its state). */
  readonly toggleProps: ComponentPropsWithRef<'button'>;
  /** Spread on the submit `<button>`: `type="submit"`, disabled while pending. */
  readonly submitProps: ComponentPropsWithRef<'button'>;
  /** Always rendered (a live region must exist before its text appears). */
  readonly alertProps: ComponentPropsWithRef<'div'>;
  /** A `role="status"` region announcing progress; render `isPending ? texts.submitting : null` in it. */
  readonly statusProps: ComponentPropsWithRef<'div'>;
}

interface SigninVariables {
  readonly username: string;
}

/**
 * The behaviour of `LoginForm` without its markup, to build your own form from the parts.
 *
 * Submitting runs the password grant (RFC 6749 §4.3) through TanStack Query's
 * `useMutation`. The password is read from the field at submit, handed to the mutation
 * function outside the mutation's `variables` (so no cache entry, state or error holds
 * it) and the field is cleared after every attempt. Empty fields are reported without a
 * request, and each report clears as soon as its field gets input; a second submit while
 * one is in flight is ignored.
 */
export function useLoginForm(options: UseLoginFormOptions = {}): LoginFormController {
  const client = useAuthClient();
  const texts: LoginFormTexts = { ...defaultLoginFormTexts, ...options.texts };
  const id = useId();
  const ids = { username: `${id}username`, password: `${id}password`, message: `${id}message`, capsLock: `${id}caps-lock` };
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // Set synchronously on submit: two submit events in one tick must send one request.
  const inFlight = useRef(false);
  // Holds the password only between submit and the mutation function's first line.
  const pendingPassword = useRef<string | null>(null);
  const [empty, setEmpty] = useState<LoginFormInvalid | null>(null);
  const [showPassword, setShowPassword] = useState(false);
  const [capsLockOn, setCapsLockOn] = useState(false);

  const describe = (error: Error): LoginFailure => {
    const failure = describeLoginFailure(error, texts);
    const custom = options.errorMessage?.(error);
    return custom === undefined ? failure : { ...failure, message: custom };
  };

  const mutation = useMutation<User, Error, SigninVariables>({
    mutationKey: ['ropc-kit', 'signin'],
    // The core reports an unreachable server itself; never park the request as "paused".
    networkMode: 'always',
    retry: false,
    mutationFn: ({ username }) => {
      const password = pendingPassword.current;
      pendingPassword.current = null;
      if (password === null) return Promise.reject(new Error('LoginForm: the password was already used'));
      return client.signinResourceOwnerCredentials(
        options.scope === undefined ? { username, password } : { username, password, scope: options.scope },
      );
    },
    onSuccess: (user) => options.onSuccess?.(user),
    onError: (error) => {
      const { developerMessage } = describe(error);
      if (developerMessage !== null) console.error(developerMessage, error);
      options.onError?.(error);
    },
    onSettled: (_user, error) => {
      pendingPassword.current = null;
      inFlight.current = false;
      setShowPassword(false);
      const input = passwordRef.current;
      if (input === null) return;
      input.value = '';
      // After a failure the password must be typed again: it is the field to fix.
      if (error !== null) input.focus();
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (inFlight.current) return;
    const username = (usernameRef.current?.value ?? '').trim();
    const password = passwordRef.current?.value ?? '';
    const missing = { username: username === '', password: password === '' };
    if (missing.username || missing.password) {
      mutation.reset();
      setEmpty(missing);
      (missing.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setEmpty(null);
    inFlight.current = true;
    pendingPassword.current = password;
    mutation.mutate({ username });
  };

  const failure = mutation.error === null ? null : describe(mutation.error);
  const message =
    empty !== null
      ? [empty.username ? texts.usernameRequired : '', empty.password ? texts.passwordRequired : ''].filter(Boolean).join(' ')
      : (failure?.message ?? null);
  const invalid: LoginFormInvalid = {
    username: empty?.username ?? false,
    password: empty?.password ?? failure?.passwordInvalid ?? false,
  };
  // A failed request concerns both fields; an empty-field message only the empty ones.
  const describedBy = (field: keyof LoginFormInvalid, ...extra: (string | null)[]): string | undefined =>
    [...extra, message !== null && (failure !== null || invalid[field]) ? ids.message : null].filter(Boolean).join(' ') ||
    undefined;
  const onCapsLock = (event: KeyboardEvent<HTMLInputElement>): void => setCapsLockOn(event.getModifierState('CapsLock'));
  // An empty-field error goes as soon as the field holds what submit would accept.
  const clearEmpty = (field: keyof LoginFormInvalid, filled: boolean): void => {
    if (!filled) return;
    setEmpty((current) => {
      if (current === null || !current[field]) return current;
      const next = { ...current, [field]: false };
      return next.username || next.password ? next : null;
    });
  };

  return {
    texts,
    isPending: mutation.isPending,
    message,
    invalid,
    capsLockOn,
    showPassword,
    ids,
    formProps: { onSubmit, noValidate: true, 'aria-busy': mutation.isPending || undefined },
    usernameProps: {
      ref: usernameRef,
      id: ids.username,
      name: 'username',
      type: 'text',
      autoComplete: 'username',
      autoCapitalize: 'none',
      autoCorrect: 'off',
      spellCheck: false,
      required: true,
      autoFocus: options.autoFocus,
      onChange: (event) => clearEmpty('username', event.currentTarget.value.trim() !== ''),
      'aria-invalid': invalid.username || undefined,
      'aria-describedby': describedBy('username'),
    },
    passwordProps: {
      ref: passwordRef,
      id: ids.password,
      name: 'password',
      type: showPassword ? 'text' : 'password',
      autoComplete: 'current-password',
      autoCapitalize: 'none',
      autoCorrect: 'off',
      spellCheck: false,
      required: true,
      onChange: (event) => clearEmpty('password', event.currentTarget.value !== ''),
      onKeyDown: onCapsLock,
      onKeyUp: onCapsLock,
      onBlur: () => setCapsLockOn(false),
      'aria-invalid': invalid.password || undefined,
      'aria-describedby': describedBy('password', capsLockOn ? ids.capsLock : null),
    },
    toggleProps: {
      type: 'button',
      'aria-controls': ids.password,
      onClick: () => setShowPassword((shown) => !shown),
    },
    submitProps: { type: 'submit', disabled: mutation.isPending },
    alertProps: { id: ids.message, role: 'alert' },
    statusProps: { role: 'status' },
  };
}
