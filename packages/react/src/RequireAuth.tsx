import type { ComponentType, ReactElement, ReactNode } from 'react';
import { LoginForm } from './LoginForm.tsx';
import { useAuth } from './useAuth.ts';

/** Props of {@link RequireAuth}. */
export interface RequireAuthProps {
  /** Rendered only while signed in. */
  readonly children?: ReactNode;
  /** Rendered while signed out (and signing in). Default: a {@link LoginForm}. */
  readonly fallback?: ReactNode;
}

/**
 * Renders `children` only while a session is present, otherwise `fallback` (a
 * {@link LoginForm} by default). It stays on the fallback while a sign-in is in flight,
 * so the form keeps its pending state, and it switches back as soon as the session
 * ends or expires. Re-renders only when `isAuthenticated` changes.
 *
 * @example <RequireAuth><Dashboard /></RequireAuth>
 */
export function RequireAuth({ children, fallback }: RequireAuthProps): ReactElement {
  const isAuthenticated = useAuth(selectIsAuthenticated);
  if (isAuthenticated) return <>{children}</>;
  return fallback === undefined ? <LoginForm /> : <>{fallback}</>;
}

/** Options of {@link withAuthenticationRequired}. */
export interface WithAuthenticationRequiredOptions {
  /** Rendered while signed out. Default: a {@link LoginForm}. */
  readonly fallback?: ReactNode;
}

/**
 * Higher-order form of {@link RequireAuth}: the returned component renders `Component`
 * only while signed in.
 *
 * @example export default withAuthenticationRequired(Settings, { fallback: <Navigate to="/login" /> });
 */
export function withAuthenticationRequired<P extends object>(
  Component: ComponentType<P>,
  options: WithAuthenticationRequiredOptions = {},
): ComponentType<P> {
  function WithAuthenticationRequired(props: P): ReactElement {
    return (
      <RequireAuth fallback={options.fallback}>
        <Component {...props} />
      </RequireAuth>
    );
  }
  WithAuthenticationRequired.displayName = `withAuthenticationRequired(${Component.displayName ?? Component.name ?? 'Component'})`;
  return WithAuthenticationRequired;
}

function selectIsAuthenticated(auth: { readonly isAuthenticated: boolean }): boolean {
  return auth.isAuthenticated;
}
