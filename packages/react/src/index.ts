export { AuthProvider } from './AuthProvider.tsx';
export type { AuthProviderProps } from './AuthProvider.tsx';
export { useAuth } from './useAuth.ts';
export type { AuthActions, SignedInAuth, SignedOutAuth, UseAuthResult } from './useAuth.ts';
export { useAuthClient } from './context.ts';
export { LoginForm } from './LoginForm.tsx';
export type { LoginFormPart, LoginFormProps } from './LoginForm.tsx';
export { useLoginForm } from './useLoginForm.ts';
export type { LoginFormController, LoginFormInvalid, UseLoginFormOptions } from './useLoginForm.ts';
export { defaultLoginFormTexts, describeLoginFailure, formatWait } from './loginMessages.ts';
export type { LoginFailure, LoginFormTexts } from './loginMessages.ts';
export { RequireAuth, withAuthenticationRequired } from './RequireAuth.tsx';
export type { RequireAuthProps, WithAuthenticationRequiredOptions } from './RequireAuth.tsx';
export {
  AUTH_QUERY_KEY_PREFIX,
  authQueryKey,
  authQueryOptions,
  useAuthFetch,
  useAuthQueryKey,
  useAuthQueryOptions,
} from './authQuery.ts';
export type {
  AuthFetch,
  AuthQueryFunctionContext,
  AuthQueryOptions,
  AuthQueryResultOptions,
  AuthQueryScope,
} from './authQuery.ts';
export { HttpError, authRetry, createAuthQueryClient, readJson } from './queryDefaults.ts';
