import { useState, useSyncExternalStore } from 'react';
import { AuthProvider, RequireAuth } from '@ropc-kit/react';
import type { ClientStore } from './clientStore.ts';
import type { DemoConfig } from './config.ts';
import { Header } from './Header.tsx';
import { ProfilePage } from './ProfilePage.tsx';
import { SignInPage } from './SignInPage.tsx';

/** Props of {@link App}. */
export interface AppProps {
  config: DemoConfig;
  clientStore: ClientStore;
}

/**
 * The demo: a sign-in page, and behind `RequireAuth` the profile, the token's lifetime
 * and protected data. Switching storage swaps the client and remounts the provider.
 */
export function App({ config, clientStore }: AppProps) {
  const { storage, client } = useSyncExternalStore(clientStore.subscribe, clientStore.getSnapshot);
  // Set by a sign-in in this tab (not a restored or adopted session), cleared once the
  // signed-in page has moved focus to its heading: the form that held focus is gone.
  const [focusHeading, setFocusHeading] = useState(false);
  return (
    <AuthProvider key={storage} client={client}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="shell">
        <Header storage={storage} />
        <main id="main" className="main" tabIndex={-1}>
          <RequireAuth
            fallback={
              <SignInPage storage={storage} onStorageChange={clientStore.setStorage} onSignedIn={() => setFocusHeading(true)} />
            }
          >
            <ProfilePage
              config={config}
              storage={storage}
              focusHeading={focusHeading}
              onHeadingFocused={() => setFocusHeading(false)}
            />
          </RequireAuth>
        </main>
        <footer className="footer">
          <p>
            Local demo of <strong>ropc-kit</strong>: the OAuth 2.0 password grant (RFC 6749 §4.3) for first-party
            apps only. Never use it to sign in to someone else&rsquo;s identity provider.
          </p>
        </footer>
      </div>
    </AuthProvider>
  );
}
