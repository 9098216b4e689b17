import type { AuthClientSettings, ProviderMetadata, StorageLike, Timers } from './types.ts';
import type { ClientAuth } from './protocol/tokenRequest.ts';
import type { HttpContext } from './internal/http.ts';
import { DEV } from '#dev';
import { endpointProblem } from './internal/url.ts';
import { createMemoryStorage, createWebStorage, isStorageLike } from './storage.ts';

/** Settings after validation and defaults. */
export interface ResolvedSettings {
  readonly authority: string | undefined;
  readonly metadata: ProviderMetadata | undefined;
  readonly client_id: string;
  readonly client: ClientAuth;
  readonly scope: string;
  readonly storage: StorageLike;
  readonly storageKind: 'memory' | 'session' | 'local' | 'custom';
  readonly storageKey: string;
  readonly loadUserInfo: boolean;
  /** Seconds. */
  readonly refreshMargin: number;
  /** Seconds, for a token response without `expires_in`; undefined: refuse it. */
  readonly defaultExpiresIn: number | undefined;
  readonly automaticRefresh: boolean;
  readonly extraTokenParams: Readonly<Record<string, string>>;
  /** Seconds. */
  readonly clockSkew: number;
  readonly http: HttpContext;
  readonly locks: LockManager | null;
  /** Origins `client.fetch` may send the token to; undefined: the page's own origin, read at call time. */
  readonly apiOrigins: readonly string[] | undefined;
}

/**
 * Throws the caller's mistake. Call sites pass `DEV ? explanation : name`: production builds
 * name only the setting at fault ("createAuthClient: invalid client_id", "... missing authority").
 */
function fail(message: string, missing = false): never {
  throw new TypeError(`createAuthClient: ${DEV ? '' : missing ? 'missing ' : 'invalid '}${message}`);
}

function checkEndpoint(url: unknown, name: string, allowInsecure: boolean): string {
  if (typeof url !== 'string' || url.length === 0) fail(DEV ? `${name} must be a URL string` : name);
  const problem = endpointProblem(url, allowInsecure);
  if (problem !== null) fail(DEV ? `${name} ${problem}` : name);
  return url;
}

/** A caller's value in a development message (production gets a stand-in, see `describeBody`). */
const show = DEV
  ? (value: unknown): string => (typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value))
  : String;

function checkSeconds<T extends number | undefined>(value: unknown, name: string, fallback: T, { positive = false } = {}): number | T {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    fail(DEV ? `${name} must be a ${positive ? 'positive' : 'non-negative'} number, got ${show(value)}` : name);
  }
  return value;
}

function resolveMetadata(metadata: ProviderMetadata, allowInsecure: boolean): ProviderMetadata {
  if (typeof metadata !== 'object' || metadata === null) fail(DEV ? 'metadata must be an object with issuer and token_endpoint' : 'metadata');
  if (typeof metadata.issuer !== 'string' || metadata.issuer.length === 0) fail(DEV ? 'metadata.issuer must be a non-empty string' : 'metadata.issuer');
  checkEndpoint(metadata.token_endpoint, 'metadata.token_endpoint', allowInsecure);
  if (metadata.userinfo_endpoint !== undefined) checkEndpoint(metadata.userinfo_endpoint, 'metadata.userinfo_endpoint', allowInsecure);
  if (metadata.revocation_endpoint !== undefined) {
    checkEndpoint(metadata.revocation_endpoint, 'metadata.revocation_endpoint', allowInsecure);
  }
  return Object.freeze({ ...metadata });
}

function resolveClient(settings: AuthClientSettings): ClientAuth {
  const { client_id, client_secret, client_authentication } = settings;
  if (client_secret !== undefined && (typeof client_secret !== 'string' || client_secret.length === 0)) {
    fail(DEV ? 'client_secret must be a non-empty string when given' : 'client_secret');
  }
  if (client_authentication !== undefined) {
    if (client_authentication !== 'client_secret_basic' && client_authentication !== 'client_secret_post') {
      fail(DEV ? `client_authentication must be 'client_secret_basic' or 'client_secret_post', got ${String(client_authentication)}` : 'client_authentication');
    }
    if (client_secret === undefined) fail(DEV ? `client_authentication is '${client_authentication}' but client_secret is missing` : 'client_secret', true);
  }
  if (client_secret === undefined) return { method: 'none', client_id };
  return { method: client_authentication ?? 'client_secret_basic', client_id, client_secret };
}

function resolveStorage(storage: AuthClientSettings['storage']): Pick<ResolvedSettings, 'storage' | 'storageKind'> {
  if (storage === undefined || storage === 'memory') return { storage: createMemoryStorage(), storageKind: 'memory' };
  if (storage === 'local' || storage === 'session') return { storage: createWebStorage(storage), storageKind: storage };
  if (isStorageLike(storage)) return { storage, storageKind: 'custom' };
  return fail(DEV ? "storage must be 'memory', 'session', 'local' or an object with getItem, setItem and removeItem" : 'storage');
}

function resolveExtraParams(extra: unknown): Readonly<Record<string, string>> {
  if (extra === undefined) return {};
  if (typeof extra !== 'object' || extra === null) fail(DEV ? 'extraTokenParams must be an object of strings' : 'extraTokenParams');
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (typeof value !== 'string') fail(DEV ? `extraTokenParams.${key} must be a string` : 'extraTokenParams');
    result[key] = value;
  }
  return Object.freeze(result);
}

function resolveApiOrigins(origins: unknown, allowInsecure: boolean): readonly string[] | undefined {
  if (origins === undefined) return undefined;
  if (!Array.isArray(origins)) fail(DEV ? 'apiOrigins must be an array of origins like "https://api.example.com"' : 'apiOrigins');
  return Object.freeze(
    origins.map((value: unknown) => {
      const origin = originOf(value);
      if (origin === null) {
        fail(DEV ? `apiOrigins entries must be origins (scheme, host, port) like "https://api.example.com", got ${show(value)}` : 'apiOrigins');
      }
      const problem = endpointProblem(origin, allowInsecure);
      if (problem !== null) fail(DEV ? `apiOrigins entry ${problem}` : 'apiOrigins');
      return origin;
    }),
  );
}

/** The origin `value` names (an origin, with or without a trailing slash), or null. */
function originOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    return bare && url.origin !== 'null' && !value.endsWith('?') && !value.endsWith('#') ? url.origin : null;
  } catch {
    return null;
  }
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Validates `settings` and fills in defaults. Caller mistakes throw a `TypeError` that says
 * what to change.
 * @see RFC 6749 §2.3.1 (client authentication), OpenID Connect Discovery 1.0 §4
 */
export function resolveSettings(settings: AuthClientSettings): ResolvedSettings {
  if (typeof settings !== 'object' || settings === null) fail(DEV ? 'settings must be an object' : 'settings');
  const { client_id } = settings;
  if (typeof client_id !== 'string' || client_id.length === 0) {
    fail(DEV ? 'client_id is required: pass the client id your provider registered for this app' : 'client_id', client_id === undefined || client_id === '');
  }
  const allowInsecure = settings.allowInsecureRequests === true;
  let authority: string | undefined;
  let metadata: ProviderMetadata | undefined;
  if (settings.metadata !== undefined) metadata = resolveMetadata(settings.metadata, allowInsecure);
  else if (settings.authority !== undefined) authority = checkEndpoint(settings.authority, 'authority', allowInsecure);
  else fail(DEV ? 'pass authority (the issuer URL, used for discovery) or metadata (issuer and token_endpoint)' : 'authority', true);

  const scope = settings.scope ?? 'openid profile offline_access';
  if (typeof scope !== 'string') fail(DEV ? 'scope must be a string of space-separated scopes' : 'scope');
  const loadUserInfo = settings.loadUserInfo === true;
  if (loadUserInfo && metadata !== undefined && metadata.userinfo_endpoint === undefined) {
    fail(DEV ? 'loadUserInfo needs metadata.userinfo_endpoint' : 'loadUserInfo');
  }
  if (settings.fetch !== undefined && typeof settings.fetch !== 'function') fail(DEV ? 'fetch must be a function' : 'fetch');
  if (settings.now !== undefined && typeof settings.now !== 'function') fail(DEV ? 'now must be a function returning milliseconds' : 'now');
  const storageKey = settings.storageKey ?? `ropc-kit:${client_id}`;
  if (typeof storageKey !== 'string' || storageKey.length === 0) fail(DEV ? 'storageKey must be a non-empty string' : 'storageKey');

  const customFetch = settings.fetch;
  const http: HttpContext = {
    fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
    timers: settings.timers ?? defaultTimers,
    now: settings.now ?? Date.now,
    timeout: checkSeconds(settings.timeout, 'timeout', 10_000, { positive: true }),
    allowInsecureRequests: allowInsecure,
  };
  return {
    authority,
    metadata,
    client_id,
    client: resolveClient(settings),
    scope,
    ...resolveStorage(settings.storage),
    storageKey,
    loadUserInfo,
    refreshMargin: checkSeconds(settings.refreshMargin, 'refreshMargin', 60),
    defaultExpiresIn: checkSeconds(settings.defaultExpiresIn, 'defaultExpiresIn', undefined, { positive: true }),
    automaticRefresh: settings.automaticRefresh ?? true,
    extraTokenParams: resolveExtraParams(settings.extraTokenParams),
    clockSkew: checkSeconds(settings.clockSkew, 'clockSkew', 300),
    http,
    locks: settings.locks === undefined ? (globalThis.navigator?.locks ?? null) : settings.locks,
    apiOrigins: resolveApiOrigins(settings.apiOrigins, allowInsecure),
  };
}
