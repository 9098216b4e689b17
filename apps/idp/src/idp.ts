import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { closeServer, getField, listen, originChecker, urlHost } from './http.ts';
import { createProvider } from './provider.ts';

/** Options for {@link startIdp}. */
export interface IdpOptions {
  /** Port to listen on; default 0 = a free port. */
  port?: number;
  /** Host to listen on; default `127.0.0.1`. */
  host?: string;
  /** Issuer identifier; default `http://${host}:${actualPort}`. */
  issuer?: string;
  /** Access token lifetime in seconds; default 300. */
  accessTokenTtl?: number;
  /** Refresh token lifetime in seconds; default 86400. */
  refreshTokenTtl?: number;
  /** Exact origins allowed by CORS; default any `http://localhost:*` or `http://127.0.0.1:*` origin. */
  corsOrigins?: string[];
}

/** One HTTP request the IdP received. Never holds a password or any body field but these. */
export interface RecordedRequest {
  method: string;
  /** URL path without the query string. */
  path: string;
  /** `grant_type` of a token request. */
  grantType?: string;
  /** The client that made the request, when it identified itself. */
  clientId?: string;
}

/** A started IdP. */
export interface RunningIdp {
  issuer: string;
  port: number;
  /** Base URL of the server (equals `issuer` unless a custom issuer was given). */
  url: string;
  /** Every HTTP request received, in order. */
  requests: readonly RecordedRequest[];
  /** Empties {@link RunningIdp.requests}. */
  clearRequests(): void;
  /** Stops the server and closes keep-alive sockets; resolves when closed. */
  close(): Promise<void>;
}

function positiveSeconds(value: number | undefined, fallback: number, name: string): number {
  const seconds = value ?? fallback;
  if (!Number.isInteger(seconds) || seconds <= 0) {
    throw new TypeError(`startIdp: ${name} must be a positive whole number of seconds, got ${String(value)}`);
  }
  return seconds;
}

/** The client_id from an HTTP Basic header (RFC 6749 §2.3.1: form-urlencoded). The secret is ignored. */
function basicClientId(header: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What to record about a finished request: its grant type and client, from oidc-provider's request context. */
function describeRequest(oidc: unknown, authorization: string): Pick<RecordedRequest, 'grantType' | 'clientId'> {
  const params = getField(oidc, 'params');
  const grantType = stringOrUndefined(getField(params, 'grant_type'));
  const clientId =
    stringOrUndefined(getField(getField(oidc, 'client'), 'clientId')) ??
    stringOrUndefined(getField(params, 'client_id')) ??
    basicClientId(authorization);
  return {
    ...(grantType === undefined ? {} : { grantType }),
    ...(clientId === undefined ? {} : { clientId }),
  };
}

/**
 * Starts the local OpenID provider (oidc-provider with the password grant) over plain HTTP.
 * Rejects with a clear Error when the port is in use.
 * @see RFC 6749 §4.3, OpenID Connect Discovery 1.0 §4
 */
export async function startIdp(options: IdpOptions = {}): Promise<RunningIdp> {
  const host = options.host ?? '127.0.0.1';
  const accessTokenTtl = positiveSeconds(options.accessTokenTtl, 300, 'accessTokenTtl');
  const refreshTokenTtl = positiveSeconds(options.refreshTokenTtl, 86400, 'refreshTokenTtl');

  const requests: RecordedRequest[] = [];
  const pending = new WeakMap<IncomingMessage, RecordedRequest>();
  let handle: RequestListener | undefined;

  const server = createServer((req, res) => {
    const record: RecordedRequest = { method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://idp').pathname };
    requests.push(record);
    pending.set(req, record);
    if (handle) handle(req, res);
    else res.writeHead(503).end();
  });

  const port = await listen(server, options.port ?? 0, host, 'IdP');
  const url = `http://${urlHost(host)}:${String(port)}`;
  const issuer = options.issuer ?? url;

  try {
    const provider = await createProvider({
      issuer,
      accessTokenTtl,
      refreshTokenTtl,
      isOriginAllowed: originChecker(options.corsOrigins),
    });
    // Runs around oidc-provider's routes: after a request, note its grant type and client, nothing else.
    provider.use(async (ctx, next) => {
      try {
        await next();
      } finally {
        const record = pending.get(ctx.req);
        if (record) Object.assign(record, describeRequest(getField(ctx, 'oidc'), ctx.get('authorization')));
      }
    });
    const callback = provider.callback();
    handle = (req, res) => {
      void callback(req, res);
    };
  } catch (error) {
    await closeServer(server);
    throw error;
  }

  return {
    issuer,
    port,
    url,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    close: () => closeServer(server),
  };
}
