/**
 * oidc-client-ts 3 + react-oidc-context 3, used the way their docs show for the password grant:
 * a `UserManager` with an in-memory `WebStorageStateStore`, and `useAuth()` in components.
 * Automatic silent renew is off so that only the measured calls make requests
 * (the ropc-kit client renews only while subscribed, and no scenario lives long enough for it).
 */
import type { ReactNode } from 'react';
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { AuthProvider, useAuth } from 'react-oidc-context';
import type { ClientHandle, ClientOptions, Contender, Credentials } from './contender.ts';

const managers = new WeakMap<ClientHandle, UserManager>();

function createClient({ issuer, clientId, storage }: ClientOptions): ClientHandle {
  if (!(storage instanceof InMemoryWebStorage)) throw new TypeError('oidc-client-ts: storage must come from createStorage()');
  const manager = new UserManager({
    authority: issuer,
    client_id: clientId,
    redirect_uri: 'http://localhost/callback',
    scope: 'openid profile offline_access',
    userStore: new WebStorageStateStore({ store: storage }),
    stateStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: false,
  });
  const handle: ClientHandle = {
    async signin({ username, password }: Credentials) {
      await manager.signinResourceOwnerCredentials({ username, password });
    },
    async getToken() {
      const user = await manager.signinSilent();
      if (user === null) throw new Error('signinSilent resolved without a user');
      return user.access_token;
    },
    async refresh() {
      await manager.signinSilent();
    },
    async destroy() {
      // Cancels the expiry timers without touching the store.
      await manager.events.unload();
    },
  };
  managers.set(handle, manager);
  return handle;
}

function Provider({ client, children }: { client: ClientHandle; children: ReactNode }): ReactNode {
  const userManager = managers.get(client);
  if (userManager === undefined) throw new TypeError('oidc-client-ts: unknown client handle');
  return <AuthProvider userManager={userManager}>{children}</AuthProvider>;
}

/** oidc-client-ts with react-oidc-context. */
export const oidcClientTs: Contender = {
  name: 'oidc-client-ts + react-oidc-context',
  createStorage: () => new InMemoryWebStorage(),
  createClient,
  Provider,
  // react-oidc-context has no selector: a component reads its slice from the whole context.
  useUserName: () => useAuth().user?.profile.name,
  useSession() {
    const auth = useAuth();
    return {
      signedIn: auth.user !== null && auth.user !== undefined,
      signin: (credentials) => auth.signinResourceOwnerCredentials(credentials),
    };
  },
};
