import { createAuthClient, type AuthClient } from '@ropc-kit/core';
import type { DemoConfig } from './config.ts';

/** Where the demo's client keeps the session. */
export type StorageKind = 'memory' | 'session' | 'local';

/** The storage kinds in display order. */
export const storageKinds: readonly StorageKind[] = ['memory', 'session', 'local'];

/** localStorage key of the demo's own preference (never a token, never a password). */
export const storagePreferenceKey = 'ropc-kit-demo:storage';

function isStorageKind(value: unknown): value is StorageKind {
  return value === 'memory' || value === 'session' || value === 'local';
}

function readPreference(): StorageKind {
  try {
    const stored = window.localStorage.getItem(storagePreferenceKey);
    return isStorageKind(stored) ? stored : 'memory';
  } catch {
    // localStorage can be unavailable (privacy modes); memory is always available.
    return 'memory';
  }
}

function writePreference(kind: StorageKind): void {
  try {
    window.localStorage.setItem(storagePreferenceKey, kind);
  } catch {
    // Not persisted: the choice still applies to this page.
  }
}

/** The current storage choice and the one client that uses it. */
export interface ClientEntry {
  readonly storage: StorageKind;
  readonly client: AuthClient;
}

/** Holds exactly one live client; {@link ClientStore.setStorage} destroys it before creating the next. */
export interface ClientStore {
  readonly getSnapshot: () => ClientEntry;
  readonly subscribe: (listener: () => void) => () => void;
  /** Switches storage: destroys the current client, creates one on the new storage, remembers the choice. */
  readonly setStorage: (kind: StorageKind) => void;
}

/**
 * Creates the demo's client holder outside React, so StrictMode's double render never
 * creates a second client and switching storage never leaves two alive.
 */
export function createClientStore(config: DemoConfig): ClientStore {
  const listeners = new Set<() => void>();
  const build = (storage: StorageKind): ClientEntry => ({
    storage,
    client: createAuthClient({
      authority: config.authority,
      client_id: config.clientId,
      scope: 'openid profile email offline_access',
      storage,
      refreshMargin: config.refreshMargin,
      automaticRefresh: config.automaticRefresh,
      // The API runs on another origin than the page: client.fetch may send the token there.
      apiOrigins: [new URL(config.apiUrl).origin],
    }),
  });
  let entry = build(readPreference());

  return {
    getSnapshot: () => entry,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setStorage: (kind) => {
      if (kind === entry.storage) return;
      writePreference(kind);
      entry.client.destroy();
      entry = build(kind);
      for (const listener of listeners) listener();
    },
  };
}
