/**
 * ropc-kit used the way its README shows: a client created outside render, `<AuthProvider client>`,
 * `useAuth(selector)` for one slice of state. Storage is a shared in-memory `StorageLike`.
 */
import type { ReactNode } from 'react';
import { createAuthClient, type AuthClient, type StorageLike } from '@ropc-kit/core';
import { AuthProvider, useAuth } from '@ropc-kit/react';
import type { ClientHandle, ClientOptions, Contender, Credentials } from './contender.ts';

/** A session store that outlives the clients using it, like `localStorage` across page loads. */
class MemoryStorage implements StorageLike {
  readonly #items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
}

const clients = new WeakMap<ClientHandle, AuthClient>();

function createClient({ issuer, clientId, storage, now }: ClientOptions): ClientHandle {
  if (!(storage instanceof MemoryStorage)) throw new TypeError('ropc-kit: storage must come from createStorage()');
  const client = createAuthClient({ authority: issuer, client_id: clientId, storage, ...(now ? { now } : {}) });
  const handle: ClientHandle = {
    async signin(credentials: Credentials) {
      await client.signinResourceOwnerCredentials({ ...credentials });
    },
    getToken: () => client.getAccessToken(),
    async refresh() {
      await client.refresh();
    },
    destroy() {
      client.destroy();
      return Promise.resolve();
    },
  };
  clients.set(handle, client);
  return handle;
}

function Provider({ client, children }: { client: ClientHandle; children: ReactNode }): ReactNode {
  const authClient = clients.get(client);
  if (authClient === undefined) throw new TypeError('ropc-kit: unknown client handle');
  return <AuthProvider client={authClient}>{children}</AuthProvider>;
}

/** ropc-kit: @ropc-kit/core + @ropc-kit/react. */
export const ropcKit: Contender = {
  name: 'ropc-kit',
  createStorage: () => new MemoryStorage(),
  createClient,
  Provider,
  useUserName: () => useAuth((state) => state.user?.profile.name),
  useSession() {
    const auth = useAuth();
    return {
      signedIn: auth.user !== null,
      signin: (credentials) => auth.signinResourceOwnerCredentials({ ...credentials }),
    };
  },
};
