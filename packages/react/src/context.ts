import { createContext, useContext } from 'react';
import type { AuthClient } from '@ropc-kit/core';
import { DEV } from '#dev';

/**
 * Holds the one {@link AuthClient} of an `AuthProvider`. The value never changes for the
 * provider's lifetime, so reading it re-renders nothing; state comes from the client's
 * store through `useSyncExternalStore` in {@link useAuthClient}'s callers.
 */
export const AuthClientContext = createContext<AuthClient | null>(null);
// For React DevTools while developing; production builds drop it.
if (DEV) AuthClientContext.displayName = 'AuthClientContext';

/**
 * The {@link AuthClient} of the nearest `AuthProvider`.
 *
 * @throws Error when there is no `AuthProvider` above the calling component.
 */
export function useAuthClient(): AuthClient {
  const client = useContext(AuthClientContext);
  if (client === null) {
    throw new Error(
      DEV
        ? 'useAuth, useAuthFetch and the other ropc-kit hooks must be used inside <AuthProvider>. ' +
            'Wrap your app in <AuthProvider client={authClient}> ' +
            '(or <AuthProvider settings={...}>) from @ropc-kit/react.'
        : 'useAuth outside <AuthProvider>',
    );
  }
  return client;
}
