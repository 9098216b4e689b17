import { startApi, type RunningApi } from './api.ts';
import { startIdp, type RunningIdp } from './idp.ts';

/** Options for {@link startLocalStack}. */
export interface LocalStackOptions {
  /** IdP port; default 4000. Use 0 for a free port. */
  idpPort?: number;
  /** Protected API port; default 4001. Use 0 for a free port. */
  apiPort?: number;
  /** Host both listen on; default `127.0.0.1`. */
  host?: string;
  /** Access token lifetime in seconds; default 30, short so the demo shows renewals. */
  accessTokenTtl?: number;
  /** Exact CORS origins for both servers; default the Vite dev (5173) and preview (4173) origins. */
  corsOrigins?: string[];
}

/** The IdP and the protected API, started together. */
export interface LocalStack {
  idp: RunningIdp;
  api: RunningApi;
  /** Stops both servers. */
  close(): Promise<void>;
}

/** The demo origins allowed by default: Vite's dev server (5173) and `vite preview` (4173). */
export const DEFAULT_DEMO_ORIGINS: readonly string[] = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
];

/**
 * Starts the IdP and then the protected API that trusts it, for the demo's dev script.
 * If the API cannot start (e.g. its port is in use) the IdP is stopped again and the error rethrown.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const corsOrigins = options.corsOrigins ?? [...DEFAULT_DEMO_ORIGINS];
  const idp = await startIdp({
    port: options.idpPort ?? 4000,
    host,
    accessTokenTtl: options.accessTokenTtl ?? 30,
    corsOrigins,
  });
  let api: RunningApi;
  try {
    api = await startApi({ idp, port: options.apiPort ?? 4001, host, corsOrigins });
  } catch (error) {
    await idp.close();
    throw error;
  }
  return {
    idp,
    api,
    close: async () => {
      await Promise.all([api.close(), idp.close()]);
    },
  };
}
