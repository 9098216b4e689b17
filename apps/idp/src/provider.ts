import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors, type ClientMetadata, type Configuration } from 'oidc-provider';
import { API_CLIENT, TEST_CLIENTS, findAccount } from './accounts.ts';
import { InstanceStore, memoryAdapter } from './memoryAdapter.ts';
import { PASSWORD_GRANT_PARAMETERS, PASSWORD_GRANT_TYPE, passwordGrantHandler } from './passwordGrant.ts';

/** Scopes the provider supports and every test client may request. */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** Settings for {@link createProvider}. All are resolved (no defaults applied here). */
export interface ProviderSettings {
  readonly issuer: string;
  /** Access token lifetime in seconds. */
  readonly accessTokenTtl: number;
  /** Refresh token (and grant) lifetime in seconds. */
  readonly refreshTokenTtl: number;
  /** Whether a browser origin may call the token, revocation, introspection and userinfo endpoints. */
  readonly isOriginAllowed: (origin: string) => boolean;
}

const CLIENT_GRANTS = [PASSWORD_GRANT_TYPE, 'refresh_token'];
const CLIENT_SCOPE = SUPPORTED_SCOPES.join(' ');

/** Client registrations. No response types: these clients only use the token endpoint. */
function clientMetadata(): ClientMetadata[] {
  const common = { grant_types: CLIENT_GRANTS, response_types: [], redirect_uris: [], scope: CLIENT_SCOPE };
  return [
    { ...common, client_id: TEST_CLIENTS.public.client_id, token_endpoint_auth_method: 'none' },
    { ...common, ...TEST_CLIENTS.basic, token_endpoint_auth_method: 'client_secret_basic' },
    { ...common, ...TEST_CLIENTS.post, token_endpoint_auth_method: 'client_secret_post' },
    {
      ...API_CLIENT,
      grant_types: [],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ];
}

/** A fresh RS256 signing key per provider instance: tokens never outlive the process that signed them. */
async function signingKeys(): Promise<NonNullable<Configuration['jwks']>> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { keys: [{ ...jwk, alg: 'RS256', use: 'sig', kid: randomBytes(8).toString('hex') }] };
}

/**
 * Builds the configured oidc-provider instance: the password grant registered through
 * `registerGrantType`, refresh tokens rotated on every use, revocation (RFC 7009),
 * introspection (RFC 7662) and userinfo (OpenID Connect Core §5.3) enabled.
 * @see RFC 6749 §4.3
 */
export async function createProvider(settings: ProviderSettings): Promise<Provider> {
  const configuration: Configuration = {
    adapter: memoryAdapter(new InstanceStore()),
    clients: clientMetadata(),
    findAccount,
    scopes: [...SUPPORTED_SCOPES],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // RFC 7009 §2.1: a client may only revoke tokens issued to it. A confidential client is told
        // so; a public one gets the usual 200 and the token stays valid.
        allowedPolicy: (_ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === 'none') return false;
          throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
        },
      },
      introspection: {
        enabled: true,
        // The API's resource-server client may introspect any token; other clients only their own.
        allowedPolicy: (_ctx, client, token) =>
          client.clientId === API_CLIENT.client_id || token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      // The password grant issues tokens for userinfo and the API alike; no resource indicators.
      resourceIndicators: { enabled: false },
    },
    ttl: {
      AccessToken: settings.accessTokenTtl,
      RefreshToken: settings.refreshTokenTtl,
      Grant: settings.refreshTokenTtl,
      IdToken: 3600,
    },
    rotateRefreshToken: true,
    // Keep profile claims in the id_token even though an access token for userinfo is issued too.
    conformIdTokenClaims: false,
    clientBasedCORS: (_ctx, origin) => settings.isOriginAllowed(origin),
    jwks: await signingKeys(),
    cookies: { keys: [randomBytes(32).toString('base64url')] },
  };

  const provider = new Provider(settings.issuer, configuration);
  provider.registerGrantType(PASSWORD_GRANT_TYPE, passwordGrantHandler, PASSWORD_GRANT_PARAMETERS);
  return provider;
}
