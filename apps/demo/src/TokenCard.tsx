import { useState } from 'react';
import { useAuth } from '@ropc-kit/react';
import { useNow } from './useNow.ts';
import { failureText } from './errorText.ts';

function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * Counts renewals (each new access token after the first) and notes when the current token was
 * first seen (to the second of the ticking clock), the start of its bar. Uses React's "adjust
 * state while rendering" pattern, so no effect and no extra commit.
 */
function useRenewals(accessToken: string, now: number): { count: number; since: number } {
  const [seen, setSeen] = useState(() => ({ token: accessToken, count: 0, since: now }));
  if (seen.token !== accessToken) {
    const next = { token: accessToken, count: seen.count + 1, since: now };
    setSeen(next);
    return next;
  }
  return seen;
}

/** The access token's remaining lifetime, counting down, and each renewal by the refresh timer. */
export function TokenCard({ automaticRefresh, refreshMargin }: { automaticRefresh: boolean; refreshMargin: number }) {
  const { user, status, error, refresh } = useAuth();
  const now = useNow();
  if (user === null) return null;
  return (
    <TokenCardBody
      accessToken={user.access_token}
      expiresAt={user.expires_at}
      hasRefreshToken={user.refresh_token !== undefined}
      refreshing={status === 'refreshing'}
      now={now}
      automaticRefresh={automaticRefresh}
      refreshMargin={refreshMargin}
      renewalError={error === null ? null : failureText('Last renewal failed', error)}
      // A failure lands in the snapshot's `error` (shown below) or ends the session; nothing to add here.
      onRenew={() => void refresh().catch(() => undefined)}
    />
  );
}

interface TokenCardBodyProps {
  accessToken: string;
  expiresAt: number;
  hasRefreshToken: boolean;
  refreshing: boolean;
  now: number;
  automaticRefresh: boolean;
  refreshMargin: number;
  /** The last renewal failure while the session is kept, as a sentence, or null. */
  renewalError: string | null;
  onRenew: () => void;
}

function TokenCardBody(props: TokenCardBodyProps) {
  const { accessToken, expiresAt, now, refreshing } = props;
  const renewals = useRenewals(accessToken, now);
  const remaining = Math.max(0, Math.ceil(expiresAt - now / 1000));
  const total = Math.max(1, expiresAt - renewals.since / 1000);
  const fraction = Math.min(1, remaining / total);
  const expired = remaining === 0;

  let state: string;
  if (refreshing) state = 'Renewing…';
  else if (expired) state = props.automaticRefresh ? 'Expired' : 'Expired: renews on the next request';
  else if (!props.hasRefreshToken) state = 'No refresh token: sign in again when it expires';
  else if (props.automaticRefresh) state = `Renews ${String(props.refreshMargin)} s before expiry`;
  else state = 'Renews on demand (automatic refresh is off)';

  return (
    <section className="card token-card" aria-labelledby="token-title">
      <div className="card-head">
        <h2 id="token-title">Access token</h2>
        <span className={`badge ${expired ? 'badge-warn' : 'badge-ok'}`}>{expired ? 'expired' : 'valid'}</span>
      </div>
      <p className="countdown" data-testid="token-remaining" aria-live="off">
        <span className="countdown-value">{remaining}</span>
        <span className="countdown-unit"> s left</span>
      </p>
      <div
        className="meter"
        role="meter"
        aria-label="Access token lifetime left"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="meter-fill" style={{ inlineSize: `${String(fraction * 100)}%` }} />
      </div>
      <p className="muted" data-testid="token-state">
        {state}
      </p>
      {/* The live region stays mounted so each renewal is announced; the keyed span replays the flash. */}
      <p className="renewed" data-testid="renewals" role="status">
        <span key={renewals.count} className={renewals.count > 0 ? 'flash' : undefined}>
          {renewals.count === 0 ? (
            'Not renewed yet.'
          ) : (
            <>
              Renewed {renewals.count}× <span className="nowrap">(last at {formatTime(renewals.since)}).</span>
            </>
          )}
        </span>
      </p>
      {props.renewalError !== null && (
        <p className="error" data-testid="renewal-error">
          {props.renewalError}
        </p>
      )}
      <p className="token-meta">
        Expires at <time dateTime={new Date(expiresAt * 1000).toISOString()}>{formatTime(expiresAt * 1000)}</time>
      </p>
      <button type="button" className="button button-secondary" onClick={props.onRenew} disabled={refreshing || !props.hasRefreshToken}>
        Renew now
      </button>
    </section>
  );
}
