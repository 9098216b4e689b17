/**
 * Where the demo finds the IdP and the API, and how its client renews tokens.
 *
 * Build time: `VITE_AUTHORITY`, `VITE_API_URL`, `VITE_CLIENT_ID`, `VITE_REFRESH_MARGIN`,
 * `VITE_AUTOMATIC_REFRESH` (scripts/dev.mjs sets them from IDP_PORT / API_PORT).
 * Run time: a script that runs before the bundle may set `window.__ROPC_DEMO_CONFIG__`
 * to override any field, so one production build can be pointed at other servers
 * (the browser tests do this).
 */
export interface DemoConfig {
  /** Issuer URL of the IdP; discovery lives under it. */
  readonly authority: string;
  /** Origin of the protected API (`GET /api/notes`). */
  readonly apiUrl: string;
  readonly clientId: string;
  /** Seconds before expiry at which the client renews the access token. */
  readonly refreshMargin: number;
  /** Whether the client renews in the background (true) or only on demand (false). */
  readonly automaticRefresh: boolean;
}

declare global {
  interface Window {
    __ROPC_DEMO_CONFIG__?: unknown;
  }
}

const defaults: DemoConfig = {
  authority: 'http://127.0.0.1:4000',
  apiUrl: 'http://127.0.0.1:4001',
  clientId: 'ropc-kit-demo',
  refreshMargin: 10,
  automaticRefresh: true,
};

function readString(source: Record<string, unknown>, key: string, fallback: string): string {
  const value = source[key];
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string') throw new TypeError(`demo config: ${key} must be a string`);
  return value;
}

function readNumber(source: Record<string, unknown>, key: string, fallback: number): number {
  const value = source[key];
  if (value === undefined || value === '') return fallback;
  const parsed = typeof value === 'string' ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed < 0) {
    throw new TypeError(`demo config: ${key} must be a non-negative number of seconds`);
  }
  return parsed;
}

function readBoolean(source: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = source[key];
  if (value === undefined || value === '') return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new TypeError(`demo config: ${key} must be true or false`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Resolves the demo's configuration from run-time overrides, then `VITE_*` variables, then
 * localhost defaults. Throws a `TypeError` naming the field when a value has the wrong type.
 */
export function resolveConfig(env: Record<string, unknown>, runtime: unknown): DemoConfig {
  if (runtime !== undefined && !isRecord(runtime)) {
    throw new TypeError('demo config: window.__ROPC_DEMO_CONFIG__ must be an object');
  }
  const overrides = runtime ?? {};
  const fromEnv: DemoConfig = {
    authority: readString(env, 'VITE_AUTHORITY', defaults.authority),
    apiUrl: readString(env, 'VITE_API_URL', defaults.apiUrl),
    clientId: readString(env, 'VITE_CLIENT_ID', defaults.clientId),
    refreshMargin: readNumber(env, 'VITE_REFRESH_MARGIN', defaults.refreshMargin),
    automaticRefresh: readBoolean(env, 'VITE_AUTOMATIC_REFRESH', defaults.automaticRefresh),
  };
  return {
    authority: readString(overrides, 'authority', fromEnv.authority),
    apiUrl: readString(overrides, 'apiUrl', fromEnv.apiUrl),
    clientId: readString(overrides, 'clientId', fromEnv.clientId),
    refreshMargin: readNumber(overrides, 'refreshMargin', fromEnv.refreshMargin),
    automaticRefresh: readBoolean(overrides, 'automaticRefresh', fromEnv.automaticRefresh),
  };
}

/** The configuration of this page: {@link resolveConfig} over `import.meta.env` and `window.__ROPC_DEMO_CONFIG__`. */
export function loadConfig(): DemoConfig {
  return resolveConfig(import.meta.env, typeof window === 'undefined' ? undefined : window.__ROPC_DEMO_CONFIG__);
}
