import { useId } from 'react';
import { LoginForm } from '@ropc-kit/react';
import { storageKinds, type StorageKind } from './clientStore.ts';
import { storageLabels } from './storageLabels.ts';

/** The demo's look for the kit's unstyled LoginForm. */
const loginFormClassNames = {
  form: 'login-form',
  field: 'field',
  label: 'field-label',
  input: 'field-input',
  toggle: 'field-toggle',
  capsLock: 'field-hint',
  alert: 'form-alert',
  submit: 'button button-primary button-block',
  status: 'visually-hidden',
} as const;

/** Props of {@link SignInPage}. */
export interface SignInPageProps {
  storage: StorageKind;
  onStorageChange: (kind: StorageKind) => void;
  /** Called after a successful sign-in with the form. */
  onSignedIn: () => void;
}

/** The page shown while signed out: the kit's `LoginForm`, the test accounts and the storage choice. */
export function SignInPage({ storage, onStorageChange, onSignedIn }: SignInPageProps) {
  return (
    <div className="signin">
      <section className="card signin-card" aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in</h1>
        <p className="lead">
          Your password goes straight to the local identity provider in one request and is then forgotten.
        </p>
        <LoginForm classNames={loginFormClassNames} autoFocus onSuccess={onSignedIn} />
      </section>

      <aside className="signin-side">
        <section className="card" aria-labelledby="accounts-title">
          <h2 id="accounts-title">Test accounts</h2>
          <table className="accounts">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Password</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td><code>alice</code></td>
                <td><code>wonderland</code></td>
              </tr>
              <tr>
                <td><code>bob</code></td>
                <td><code>builder</code></td>
              </tr>
              <tr>
                <td><code>mallory</code></td>
                <td><code>locked-out</code> <span className="muted">(a disabled account)</span></td>
              </tr>
              <tr>
                <td><code>carol</code></td>
                <td><code>expired-password</code> <span className="muted">(password expired)</span></td>
              </tr>
            </tbody>
          </table>
        </section>

        <section className="card">
          <fieldset className="storage-picker">
            <legend>
              <h2>Keep the session in</h2>
            </legend>
            {storageKinds.map((kind) => (
              <StorageOption key={kind} kind={kind} checked={storage === kind} onSelect={onStorageChange} />
            ))}
          </fieldset>
        </section>
      </aside>
    </div>
  );
}

function StorageOption({
  kind,
  checked,
  onSelect,
}: {
  kind: StorageKind;
  checked: boolean;
  onSelect: (kind: StorageKind) => void;
}) {
  const detailId = useId();
  return (
    <div className="storage-option">
      <input
        id={`${detailId}-input`}
        type="radio"
        name="storage"
        value={kind}
        checked={checked}
        aria-describedby={detailId}
        onChange={() => onSelect(kind)}
      />
      <label htmlFor={`${detailId}-input`} className="storage-option-label">
        {storageLabels[kind].label}
      </label>
      <p id={detailId} className="storage-option-detail">
        {storageLabels[kind].detail}
      </p>
    </div>
  );
}
