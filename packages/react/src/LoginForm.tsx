import type { ReactElement, ReactNode } from 'react';
import { useLoginForm, type UseLoginFormOptions } from './useLoginForm.ts';

/** The parts of {@link LoginForm} that take a class name. */
export type LoginFormPart =
  | 'form'
  | 'field'
  | 'label'
  | 'input'
  | 'toggle'
  | 'capsLock'
  | 'alert'
  | 'submit'
  | 'status';

/** Props of {@link LoginForm}. */
export interface LoginFormProps extends UseLoginFormOptions {
  /** Class names per part; the form renders no styles of its own. */
  readonly classNames?: Partial<Record<LoginFormPart, string>> | undefined;
  /** Rendered between the fields and the submit button, e.g. a "Forgot password?" link. */
  readonly children?: ReactNode;
}

/**
 * A complete, accessible, unstyled sign-in form for the password grant (RFC 6749 §4.3).
 *
 * Labelled username and password fields (`autocomplete="username"` /
 * `"current-password"`), a show/hide-password toggle, a caps-lock warning, a submit button
 * disabled while pending, and errors in a `role="alert"` element that the fields reference
 * with `aria-describedby`, with `aria-invalid` on the fields to fix and focus moved to the
 * first of them. Texts are replaceable (`texts`), parts are styled with `classNames`; to
 * restructure the markup build your own form with {@link useLoginForm}.
 *
 * @example <LoginForm autoFocus onSuccess={(user) => navigate('/')} classNames={{ form: 'login' }} />
 */
export function LoginForm(props: LoginFormProps): ReactElement {
  const { classNames = {}, children } = props;
  const form = useLoginForm(props);
  const { texts, ids } = form;
  return (
    <form {...form.formProps} className={classNames.form}>
      <Field id={ids.username} label={texts.usernameLabel} classNames={classNames}>
        <input {...form.usernameProps} className={classNames.input} />
      </Field>
      <Field id={ids.password} label={texts.passwordLabel} classNames={classNames}>
        <input {...form.passwordProps} className={classNames.input} />
        <button {...form.toggleProps} className={classNames.toggle}>
          {form.showPassword ? texts.hidePassword : texts.showPassword}
        </button>
        {form.capsLockOn ? (
          <p id={ids.capsLock} className={classNames.capsLock}>
            {texts.capsLockOn}
          </p>
        ) : null}
      </Field>
      <div {...form.alertProps} className={classNames.alert}>
        {form.message}
      </div>
      {children}
      <button {...form.submitProps} className={classNames.submit}>
        {form.isPending ? texts.submitting : texts.submit}
      </button>
      <div {...form.statusProps} className={classNames.status}>
        {form.isPending ? texts.submitting : null}
      </div>
    </form>
  );
}

/** One field: a visible label bound to its control by the shared id, then the control and its hints. */
function Field(props: {
  readonly id: string;
  readonly label: string;
  readonly classNames: Partial<Record<LoginFormPart, string>>;
  readonly children: ReactNode;
}): ReactElement {
  const { id, label, classNames, children } = props;
  return (
    <div className={classNames.field}>
      <label htmlFor={id} className={classNames.label}>
        {label}
      </label>
      {children}
    </div>
  );
}
