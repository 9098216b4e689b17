import { useEffect, useRef } from 'react';
import { useAuth } from '@ropc-kit/react';
import type { StorageKind } from './clientStore.ts';
import type { DemoConfig } from './config.ts';
import { NotesCard } from './NotesCard.tsx';
import { storageLabels } from './storageLabels.ts';
import { TokenCard } from './TokenCard.tsx';

/** Claims that describe the token rather than the person; shown last. */
const technicalClaims = new Set(['iss', 'aud', 'azp', 'exp', 'iat', 'auth_time', 'at_hash', 'sid', 'nonce', 'acr', 'amr']);

/** Claims that hold a time in epoch seconds (OpenID Connect Core §2). */
const timeClaims = new Set(['exp', 'iat', 'auth_time', 'updated_at']);

function formatClaim(claim: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && timeClaims.has(claim)) {
    return `${new Date(value * 1000).toLocaleString()} (${String(value)})`;
  }
  return JSON.stringify(value);
}

/** Props of {@link ProfilePage}. */
export interface ProfilePageProps {
  config: DemoConfig;
  storage: StorageKind;
  /** Move focus to the main heading (after a sign-in, so keyboard users land here), then call `onHeadingFocused`. */
  focusHeading: boolean;
  onHeadingFocused: () => void;
}

/** The signed-in page: profile claims, the token's lifetime and the protected data. */
export function ProfilePage({ config, storage, focusHeading, onHeadingFocused }: ProfilePageProps) {
  const user = useAuth((auth) => auth.user);
  const heading = useRef<HTMLHeadingElement>(null);
  // Whichever comes first, this page's mount or the form's onSuccess, focus follows both.
  const signedIn = user !== null;
  useEffect(() => {
    if (!focusHeading || heading.current === null) return;
    heading.current.focus();
    onHeadingFocused();
  }, [focusHeading, onHeadingFocused, signedIn]);
  if (user === null) return null;
  const claims = Object.entries(user.profile).sort(
    ([a], [b]) => Number(technicalClaims.has(a)) - Number(technicalClaims.has(b)),
  );
  const name = typeof user.profile.name === 'string' ? user.profile.name : 'there';

  return (
    <div className="profile">
      <div className="profile-intro">
        <h1 ref={heading} tabIndex={-1} className="focus-target">
          Hello, {name}
        </h1>
        <p className="lead">
          Signed in with the password grant. Session kept in <strong>{storageLabels[storage].label.toLowerCase()}</strong>:{' '}
          {storageLabels[storage].detail}
        </p>
      </div>
      <div className="grid">
        <section className="card profile-card" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile claims</h2>
          {/* The access token has its own, much shorter lifetime: don't let these exp/iat pass for it. */}
          <p className="muted">
            id_token claims: <code>exp</code> and <code>iat</code> are the id_token&rsquo;s, not the access token&rsquo;s.
          </p>
          <dl className="claims" data-testid="claims">
            {claims.map(([claim, value]) => (
              <div key={claim} className={technicalClaims.has(claim) ? 'claim claim-technical' : 'claim'}>
                <dt>{claim}</dt>
                <dd>{formatClaim(claim, value)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <TokenCard automaticRefresh={config.automaticRefresh} refreshMargin={config.refreshMargin} />
        <NotesCard apiUrl={config.apiUrl} />
      </div>
    </div>
  );
}
