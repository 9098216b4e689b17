import { useAuth } from '@ropc-kit/react';
import type { StorageKind } from './clientStore.ts';
import type { DemoConfig } from './config.ts';
import { NotesCard } from './NotesCard.tsx';
import { storageLabels } from './storageLabels.ts';
import { TokenCard } from './TokenCard.tsx';

/** Claims that describe the token rather than the person; shown last. */
const technicalClaims = new Set(['iss', 'aud', 'azp', 'exp', 'iat', 'auth_time', 'at_hash', 'sid', 'nonce', 'acr', 'amr']);

function formatClaim(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The signed-in page: profile claims, the token's lifetime and the protected data. */
export function ProfilePage({ config, storage }: { config: DemoConfig; storage: StorageKind }) {
  const user = useAuth((auth) => auth.user);
  if (user === null) return null;
  const claims = Object.entries(user.profile).sort(
    ([a], [b]) => Number(technicalClaims.has(a)) - Number(technicalClaims.has(b)),
  );
  const name = typeof user.profile.name === 'string' ? user.profile.name : 'there';

  return (
    <div className="profile">
      <div className="profile-intro">
        <h1>Hello, {name}</h1>
        <p className="lead">
          Signed in with the password grant. Session kept in <strong>{storageLabels[storage].label.toLowerCase()}</strong>:{' '}
          {storageLabels[storage].detail}
        </p>
      </div>
      <div className="grid">
        <section className="card profile-card" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile claims</h2>
          <dl className="claims" data-testid="claims">
            {claims.map(([claim, value]) => (
              <div key={claim} className={technicalClaims.has(claim) ? 'claim claim-technical' : 'claim'}>
                <dt>{claim}</dt>
                <dd>{formatClaim(value)}</dd>
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
