import { errors, type TokenEndpointGrantContext } from 'oidc-provider';
import { authenticate, toAccount, type RefusalReason } from './accounts.ts';

/** The grant type name registered with oidc-provider (RFC 6749 §4.3.2). */
export const PASSWORD_GRANT_TYPE = 'password';

/** Parameters the token endpoint accepts for the password grant, besides `grant_type` and `scope`. */
export const PASSWORD_GRANT_PARAMETERS: readonly string[] = ['username', 'password', 'scope'];

/** Scope used when the request has no `scope` parameter (RFC 6749 §3.3 lets the server pick a default). */
const DEFAULT_SCOPE = 'openid profile email';

/**
 * The `error_description` of each refused sign-in (all `invalid_grant`, RFC 6749 §5.2). Wrong
 * credentials get one text whatever was wrong, so it never tells whether the username exists.
 */
const REFUSALS: Readonly<Record<RefusalReason, string>> = {
  invalid_credentials: 'invalid username or password',
  disabled: 'account is disabled',
  password_expired: 'password has expired',
};

interface PasswordParams {
  username?: string;
  password?: string;
}

function requireParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new errors.InvalidRequest(`missing required parameter '${name}'`);
  }
  return value;
}

/** `invalid_grant` with our own `error_description` (oidc-provider's default one is generic). */
function invalidGrant(description: string): InstanceType<typeof errors.InvalidGrant> {
  const error = new errors.InvalidGrant();
  error.error_description = description;
  return error;
}

/**
 * Resolves the requested scopes: each must be one the client is registered for.
 * @see RFC 6749 §3.3
 */
function resolveScopes(ctx: TokenEndpointGrantContext<PasswordParams>): Set<string> {
  const requested = (ctx.oidc.params.scope ?? DEFAULT_SCOPE).split(' ').filter((s) => s !== '');
  const allowed = new Set((ctx.oidc.client.scope ?? '').split(' '));
  const unknown = requested.filter((s) => !allowed.has(s));
  if (unknown.length > 0) {
    throw new errors.InvalidScope('requested scope is not allowed for this client', unknown.join(' '));
  }
  return new Set(requested);
}

/**
 * Token endpoint handler for the Resource Owner Password Credentials grant, registered with
 * `provider.registerGrantType`. It checks the credentials, records a `Grant` and issues tokens
 * through oidc-provider's own `AccessToken`, `RefreshToken` and `IdToken` classes, the way the
 * provider's built-in refresh_token grant does. A refresh token is issued only when
 * `offline_access` is granted and the client may use the refresh_token grant.
 * Client authentication has already happened in oidc-provider's token endpoint middleware.
 * @see RFC 6749 §4.3.2 (request) and §4.3.3 (response), §5.2 (errors)
 */
export async function passwordGrantHandler(ctx: TokenEndpointGrantContext<PasswordParams>): Promise<void> {
  const username = requireParam(ctx.oidc.params.username, 'username');
  const password = requireParam(ctx.oidc.params.password, 'password');
  const scopes = resolveScopes(ctx);

  const result = authenticate(username, password);
  // An account's state (disabled, password expired) is only named once its password matched.
  if (!result.ok) throw invalidGrant(REFUSALS[result.reason]);

  const { provider, client } = ctx.oidc;
  const account = toAccount(result.user);
  ctx.oidc.entity('Account', account);

  const grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
  grant.addOIDCScope(scopes);
  const grantId = await grant.save();
  ctx.oidc.entity('Grant', grant);

  const scope = grant.getOIDCScopeFiltered(scopes);

  const accessToken = new provider.AccessToken({
    accountId: account.accountId,
    client,
    grantId,
    gty: PASSWORD_GRANT_TYPE,
    scope,
  });
  ctx.oidc.entity('AccessToken', accessToken);
  const accessTokenValue = await accessToken.save();

  let refreshTokenValue: string | undefined;
  if (scopes.has('offline_access') && client.grantTypeAllowed('refresh_token')) {
    const refreshToken = new provider.RefreshToken({
      accountId: account.accountId,
      client,
      grantId,
      gty: PASSWORD_GRANT_TYPE,
      scope,
      rotations: 0,
    });
    ctx.oidc.entity('RefreshToken', refreshToken);
    refreshTokenValue = await refreshToken.save();
  }

  let idTokenValue: string | undefined;
  if (scopes.has('openid')) {
    const claims = await account.claims('id_token', scope, {}, []);
    const idToken = new provider.IdToken({ ...claims, sub: account.accountId }, { ctx });
    // IdToken.payload() keeps only the claims of `scope`; @types/oidc-provider does not declare the field.
    Object.assign(idToken, { scope });
    idTokenValue = await idToken.issue({ use: 'idtoken' });
  }

  ctx.body = {
    access_token: accessTokenValue,
    token_type: accessToken.tokenType,
    expires_in: accessToken.expiration,
    scope,
    ...(refreshTokenValue === undefined ? {} : { refresh_token: refreshTokenValue }),
    ...(idTokenValue === undefined ? {} : { id_token: idTokenValue }),
  };
}
