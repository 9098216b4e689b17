import type { StorageLike, User, UserProfile } from './types.ts';
import { isObject } from './internal/assert.ts';

/**
 * The stored session: an explicit, versioned record. It holds tokens and profile claims,
 * never a password.
 * @see RFC 6749 §4.3.1 (the client must discard the credentials)
 */
interface StoredSessionV1 {
  readonly version: 1;
  readonly client_id: string;
  readonly user: {
    readonly access_token: string;
    readonly token_type: string;
    readonly refresh_token?: string;
    readonly id_token?: string;
    readonly scope: string;
    readonly expires_at: number;
    readonly profile: UserProfile;
  };
}

/** Serialises `user` for storage, copying only the known fields. */
export function serializeSession(client_id: string, user: User): string {
  const record: StoredSessionV1 = {
    version: 1,
    client_id,
    user: {
      access_token: user.access_token,
      token_type: user.token_type,
      ...(user.refresh_token === undefined ? {} : { refresh_token: user.refresh_token }),
      ...(user.id_token === undefined ? {} : { id_token: user.id_token }),
      scope: user.scope,
      expires_at: user.expires_at,
      profile: user.profile,
    },
  };
  return JSON.stringify(record);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Parses a stored record; null when it is corrupt, from another version or for another client. */
export function parseSession(raw: string, client_id: string): User | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(data) || data.version !== 1 || data.client_id !== client_id || !isObject(data.user)) return null;
  const { access_token, token_type, refresh_token, id_token, scope, expires_at, profile } = data.user;
  if (!nonEmpty(access_token) || !nonEmpty(token_type) || token_type.toLowerCase() !== 'bearer') return null;
  if (refresh_token !== undefined && !nonEmpty(refresh_token)) return null;
  if (id_token !== undefined && !nonEmpty(id_token)) return null;
  if (typeof scope !== 'string' || typeof expires_at !== 'number' || !Number.isFinite(expires_at)) return null;
  if (!isObject(profile) || (profile.sub !== undefined && typeof profile.sub !== 'string')) return null;
  return Object.freeze({
    access_token,
    token_type,
    ...(refresh_token === undefined ? {} : { refresh_token }),
    ...(id_token === undefined ? {} : { id_token }),
    scope,
    expires_at,
    profile: Object.freeze({ ...profile }),
  });
}

/**
 * Reads the session from storage. Corrupt or foreign data is removed and reported as no
 * session; a storage that throws counts as empty. Never throws.
 */
export function readSession(storage: StorageLike, key: string, client_id: string): User | null {
  return readStoredSession(storage, key, client_id) ?? null;
}

/**
 * Like {@link readSession}, but `undefined` when the storage throws on read, so a caller can
 * tell "nothing stored" from "storage not working".
 */
export function readStoredSession(storage: StorageLike, key: string, client_id: string): User | null | undefined {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return undefined;
  }
  if (raw === null) return null;
  const user = parseSession(raw, client_id);
  if (user === null) {
    try {
      storage.removeItem(key);
    } catch {
      // Nothing more to do: the data is ignored either way.
    }
  }
  return user;
}

/** Two users hold the same tokens (a session read back from storage equals the one in memory). */
export function sameTokens(a: User | null, b: User | null): boolean {
  if (a === null || b === null) return a === b;
  return a.access_token === b.access_token && a.refresh_token === b.refresh_token && a.expires_at === b.expires_at;
}

/**
 * Stores `user`, or removes the stored session when `user` is null (only if the stored one
 * still holds the tokens of `ended`, when given: another tab may have replaced it). Returns
 * false when the storage failed (quota, blocked or absent storage): the failure is not
 * thrown on purpose, the session stays in memory.
 */
export function writeSession(storage: StorageLike, key: string, client_id: string, user: User | null, ended?: User): boolean {
  try {
    if (user !== null) storage.setItem(key, serializeSession(client_id, user));
    else if (ended === undefined || sameTokens(readSession(storage, key, client_id), ended)) storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/** The stored session as one client sees it; see {@link createSessionStore}. */
export interface SessionStore {
  /** The stored session at start-up (corrupt or foreign data is removed). */
  restore(): User | null;
  /** Writes `user`, or removes the stored session (only if it still holds `ended`, when given). */
  write(user: User | null, ended?: User): void;
  /** The client took over the stored session: storage works and mirrors it. */
  adopted(): void;
  /**
   * The session other tabs see in shared storage: a user, null (signed out there), or
   * undefined when storage cannot tell (not shared, not working, or not holding our session).
   */
  readShared(): User | null | undefined;
}

/**
 * The client's view of its storage. With `shared` storage (localStorage) it tracks whether
 * storage mirrors the client's session: true after a successful write or a read. After a
 * failed write (storage absent, full or blocked), what storage holds says nothing about other
 * tabs, so {@link SessionStore.readShared} answers undefined and the client behaves as a
 * non-shared memory client until a write succeeds again.
 * @see HTML Living Standard §12.2 (Web Storage; setItem may throw QuotaExceededError)
 */
export function createSessionStore(storage: StorageLike, key: string, client_id: string, shared: boolean): SessionStore {
  let mirrored = true;
  return {
    restore: () => readSession(storage, key, client_id),
    write(user, ended) {
      mirrored = writeSession(storage, key, client_id, user, ended);
    },
    adopted() {
      mirrored = true;
    },
    readShared: () => (shared && mirrored ? readStoredSession(storage, key, client_id) : undefined),
  };
}
