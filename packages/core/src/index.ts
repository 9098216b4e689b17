export { createAuthClient } from './authClient.ts';
export { AuthError, isAuthError } from './errors.ts';
export type { AuthErrorCode, AuthErrorOptions } from './errors.ts';
export { createMemoryStorage } from './storage.ts';
export type {
  AuthClient,
  AuthClientSettings,
  AuthState,
  AuthStatus,
  ProviderMetadata,
  SigninArgs,
  StorageLike,
  Timers,
  User,
  UserProfile,
} from './types.ts';
