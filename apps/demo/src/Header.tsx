import { useState } from 'react';
import { isAuthError, type AuthError } from '@ropc-kit/core';
import { useAuth } from '@ropc-kit/react';
import { revocationFailureText } from './errorText.ts';
import { storageLabels } from './storageLabels.ts';
import type { StorageKind } from './clientStore.ts';

/** The top bar: product name, where the session lives, and the signed-in user with a sign-out button. */
export function Header({ storage }: { storage: StorageKind }) {
  const { user, error, signout } = useAuth();
  // signout() ends the session here at once, then revokes the tokens (RFC 7009). When the
  // revocation fails, the signed-out state's error has the code revocation_failed (the failure
  // itself is its cause): the tokens stay valid at the server until they expire.
  const [dismissed, setDismissed] = useState<AuthError | null>(null);
  const revocationFailure = user === null && error !== dismissed && isAuthError(error, 'revocation_failed') ? error : null;
  const onSignout = () => void signout();

  return (
    <>
      <header className="header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span className="brand-name">ropc-kit</span>
          <span className="brand-tag">demo</span>
        </div>
        <div className="header-end">
          <span className="chip" data-testid="storage-chip" title="Where the session is kept">
            {storageLabels[storage].label}
          </span>
          {user !== null && (
            <>
              <span className="header-user" data-testid="header-user">
                {typeof user.profile.name === 'string' ? user.profile.name : user.profile.sub}
              </span>
              <button type="button" className="button button-quiet" onClick={onSignout}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      {revocationFailure !== null && (
        <div className="banner" role="alert">
          <p>{revocationFailureText(revocationFailure)}</p>
          <button type="button" className="button button-quiet button-small" onClick={() => setDismissed(revocationFailure)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
