import { AuthError } from './errors.ts';
import { DEV } from '#dev';
import type { ProviderMetadata, User } from './types.ts';
import type { HttpContext } from './internal/http.ts';
import type { TokenResponse } from './protocol/tokenRequest.ts';
import { validateIdToken } from './protocol/idToken.ts';
import { processUserinfoResponse, userinfoRequest } from './protocol/userinfo.ts';

/** The error for `loadUserInfo` without a userinfo endpoint. */
export function missingUserinfo(): AuthError {
  return new AuthError('invalid_response', DEV ? 'userinfo: loadUserInfo is set but the provider has no userinfo_endpoint' : 'userinfo: missing userinfo_endpoint');
}

/** What {@link createUser} needs besides the token response. */
export interface CreateUserOptions {
  readonly http: HttpContext;
  readonly metadata: ProviderMetadata;
  readonly client_id: string;
  readonly clockSkew: number;
  /** The scope asked for, used when the server does not echo one. */
  readonly requestedScope: string;
  /** Fetch userinfo and merge it into the profile. */
  readonly loadUserInfo: boolean;
  /** On refresh: the session being renewed. */
  readonly previous?: User | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Builds the immutable {@link User} from a validated token response: checks the id_token,
 * merges userinfo when asked, keeps the previous refresh token when the server did not
 * rotate it (and the previous `profile` object itself when no new claims came), and computes
 * `expires_at` from the injected clock.
 * @see RFC 6749 §5.1, §6; OpenID Connect Core 1.0 §3.1.3.7, §5.3, §12.2
 */
export async function createUser(tokens: TokenResponse, options: CreateUserOptions): Promise<User> {
  const { http, metadata, previous } = options;
  const issuedAtMs = http.now();
  let profile: Record<string, unknown> = { ...previous?.profile };
  if (tokens.id_token !== undefined) {
    const claims = validateIdToken(tokens.id_token, {
      issuer: metadata.issuer,
      client_id: options.client_id,
      nowMs: issuedAtMs,
      clockSkew: options.clockSkew,
      sub: previous?.profile.sub,
    });
    profile = { ...profile, ...claims };
  }
  if (options.loadUserInfo) {
    const endpoint = metadata.userinfo_endpoint;
    if (endpoint === undefined) throw missingUserinfo();
    const result = await userinfoRequest(http, endpoint, tokens.access_token, options.signal);
    const sub = typeof profile.sub === 'string' ? profile.sub : undefined;
    profile = { ...profile, ...processUserinfoResponse(http, result, sub) };
  }
  const refresh_token = tokens.refresh_token ?? previous?.refresh_token;
  const id_token = tokens.id_token ?? previous?.id_token;
  // A refresh that brings no new claims keeps the very same profile object, so a binding can
  // tell a renewal of this session from another user even when there is no `sub`.
  const sameProfile = previous !== undefined && tokens.id_token === undefined && !options.loadUserInfo;
  return Object.freeze({
    access_token: tokens.access_token,
    token_type: tokens.token_type,
    ...(refresh_token === undefined ? {} : { refresh_token }),
    ...(id_token === undefined ? {} : { id_token }),
    scope: tokens.scope ?? previous?.scope ?? options.requestedScope,
    expires_at: Math.floor(issuedAtMs / 1000 + tokens.expires_in),
    profile: sameProfile ? previous.profile : Object.freeze(profile),
  });
}
