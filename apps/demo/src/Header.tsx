import { useAuth } from '@ropc-kit/react';
import { storageLabels } from './storageLabels.ts';
import type { StorageKind } from './clientStore.ts';

/** The top bar: product name, where the session lives, and the signed-in user with a sign-out button. */
export function Header({ storage }: { storage: StorageKind }) {
  const { user, signout } = useAuth();
  return (
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
          {storageLabels[storage].short}
        </span>
        {user !== null && (
          <>
            <span className="header-user" data-testid="header-user">
              {typeof user.profile.name === 'string' ? user.profile.name : user.profile.sub}
            </span>
            <button type="button" className="button button-quiet" onClick={() => void signout()}>
              Sign out
            </button>
          </>
        )}
      </div>
    </header>
  );
}
