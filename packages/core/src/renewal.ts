import type { AuthError } from './errors.ts';
import type { Timers, User } from './types.ts';

/** What the renewal timer reads and calls. */
export interface RenewalDeps {
  readonly timers: Timers;
  readonly now: () => number;
  /** When `user` is due for renewal, in milliseconds (expiry minus the margin). */
  readonly renewAt: (user: User) => number;
  readonly automaticRefresh: boolean;
  readonly getUser: () => User | null;
  readonly isRefreshing: () => boolean;
  /** Starts a background refresh; failures are reported through the state. */
  readonly refresh: () => void;
  /** Ends the session whose access token has expired. */
  readonly expire: (user: User) => void;
}

/** The background renewal timer. */
export interface Renewal {
  /** Runs the timer (the client gained its first subscriber). */
  start(): void;
  /** Stops the timer (the client lost its last subscriber, or was destroyed). */
  stop(): void;
  /** Recomputes the next wake-up after a state change. */
  reschedule(): void;
  /** A refresh failed and the user is kept: back off before the next attempt. */
  failed(error: AuthError): void;
  /** When the back-off after a failed refresh ends, in ms (0 when not backing off). */
  retryAt(): number;
  /** A refresh succeeded (or a new session began, `user` or none): no back-off, and a short pause before the next background refresh. */
  reset(user: User | null): void;
}

/** setTimeout's longest delay; a longer wait re-arms on wake-up. */
const MAX_DELAY = 2 ** 31 - 1;
const BACKOFF_BASE_MS = 1_000;
/**
 * Background refreshes are at least half the token lifetime apart, bounded to 1-5 s, so a
 * server granting tiny (even 0 s) lifetimes cannot drive a refresh loop.
 */
const MIN_INTERVAL_MS = 1_000;
const MAX_INTERVAL_MS = 5_000;
const BACKOFF_MAX_MS = 60_000;

/**
 * One timer, armed only while running, that wakes up to refresh at `renewAt(user)` (the
 * refresh margin before the access token expires) (when there is a refresh token and automatic refresh is on),
 * to retry with exponential back-off (or the server's Retry-After) after a failure, and to
 * end the session when the access token expires.
 * @see RFC 6749 §6
 */
export function createRenewal(deps: RenewalDeps): Renewal {
  let running = false;
  let handle: unknown = null;
  let failures = 0;
  let retryAt = 0;
  let notBefore = 0;

  const clear = (): void => {
    if (handle !== null) deps.timers.clearTimeout(handle);
    handle = null;
  };

  /** When the next action is due for `user`, or null when nothing is. */
  const wakeTime = (user: User): number | null => {
    const expiresAt = user.expires_at * 1000;
    if (user.refresh_token === undefined) return expiresAt;
    // Without automatic refresh, a session with a refresh token is renewed on demand only.
    if (!deps.automaticRefresh) return null;
    return Math.max(Math.min(Math.max(deps.renewAt(user), retryAt), expiresAt), notBefore);
  };

  const tick = (): void => {
    handle = null;
    const user = deps.getUser();
    // A refresh in flight settles with a state change, which reschedules.
    if (!running || user === null || deps.isRefreshing()) return;
    const due = wakeTime(user);
    if (due === null) return;
    if (deps.now() < due) return reschedule();
    if (user.refresh_token !== undefined) deps.refresh();
    else deps.expire(user);
  };

  function reschedule(): void {
    clear();
    const user = deps.getUser();
    if (!running || user === null) return;
    const due = wakeTime(user);
    if (due === null) return;
    const delay = Math.min(Math.max(due - deps.now(), 0), MAX_DELAY);
    handle = deps.timers.setTimeout(tick, delay);
  }

  return {
    start() {
      running = true;
      reschedule();
    },
    stop() {
      running = false;
      clear();
    },
    reschedule,
    failed(error) {
      failures += 1;
      const backoff = Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
      retryAt = deps.now() + (error.retryAfter === undefined ? backoff : error.retryAfter * 1000);
    },
    retryAt: () => retryAt,
    reset(user) {
      failures = 0;
      retryAt = 0;
      const now = deps.now();
      const lifetime = user === null ? 0 : user.expires_at * 1000 - now;
      notBefore = now + Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, lifetime / 2));
    },
  };
}
