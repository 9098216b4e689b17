import type { StorageLike } from './types.ts';
import { DEV } from '#dev';

/**
 * A {@link StorageLike} that keeps values in a Map: the default, nothing outlives the page.
 * @see RFC 6819 §5.1.6 (keeping tokens out of persistent storage reduces exposure)
 */
export function createMemoryStorage(): StorageLike {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

/** The Web Storage object of the current realm, or null where there is none (Node, SSR) or it is blocked. */
export function getWebStorage(kind: 'local' | 'session'): Storage | null {
  try {
    const storage = kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
    return storage ?? null;
  } catch {
    // Browsers throw a SecurityError when storage is disabled for the site.
    return null;
  }
}

/**
 * `localStorage` or `sessionStorage`, looked up on each call (so creating a client touches
 * nothing, and server-side rendering works). Where there is no Web Storage (on a server, or
 * blocked by the browser) reads find nothing and writes throw, like a full storage: the
 * client starts signed out and keeps its session in memory only.
 */
export function createWebStorage(kind: 'local' | 'session'): StorageLike {
  const required = (): Storage => {
    const storage = getWebStorage(kind);
    if (storage === null) throw new Error(DEV ? `${kind}Storage is not available` : kind);
    return storage;
  };
  return {
    getItem: (key) => getWebStorage(kind)?.getItem(key) ?? null,
    setItem: (key, value) => required().setItem(key, value),
    removeItem: (key) => required().removeItem(key),
  };
}

/** True when `value` has the three methods of {@link StorageLike}. */
export function isStorageLike(value: unknown): value is StorageLike {
  if (typeof value !== 'object' || value === null) return false;
  return (
    'getItem' in value &&
    typeof value.getItem === 'function' &&
    'setItem' in value &&
    typeof value.setItem === 'function' &&
    'removeItem' in value &&
    typeof value.removeItem === 'function'
  );
}
