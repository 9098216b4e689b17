import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { API_CLIENT, TEST_USERS } from './accounts.ts';
import { closeServer, getField, listen, originChecker, urlHost } from './http.ts';
import type { RunningIdp } from './idp.ts';

/** Options for {@link startApi}. */
export interface ApiOptions {
  /** The IdP whose tokens the API accepts; only its `issuer` is used (discovery finds the introspection endpoint). */
  idp: RunningIdp | { issuer: string };
  /** Port to listen on; default 0 = a free port. */
  port?: number;
  /** Host to listen on; default `127.0.0.1`. */
  host?: string;
  /** Exact origins allowed by CORS; default any `http://localhost:*` or `http://127.0.0.1:*` origin. */
  corsOrigins?: string[];
}

/** One request the API received and the status it answered with. */
export interface ApiRequestRecord {
  method: string;
  path: string;
  status: number;
}

/** A started protected API. */
export interface RunningApi {
  url: string;
  port: number;
  /** Every request received, in order, with the status sent (0 while still in flight). */
  requests: readonly { method: string; path: string; status: number }[];
  /** Stops the server and closes keep-alive sockets; resolves when closed. */
  close(): Promise<void>;
}

/** What RFC 7662 introspection told us about an active access token. */
interface TokenInfo {
  sub: string;
  scope: string;
  clientId: string;
  exp: number | undefined;
}

const NOTES: Readonly<Record<string, readonly string[]>> = {
  'user-alice': ['Follow the white rabbit', 'Tea party at six', 'Curiouser and curiouser'],
  'user-bob': ['Fix the roof', 'Can we fix it? Yes we can'],
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly wwwAuthenticate?: string,
  ) {
    super(message);
  }
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * A small protected resource server for the demo and the tests. `GET /api/me` and `GET /api/notes`
 * require a bearer access token (RFC 6750 §2.1), checked on every request with token introspection
 * (RFC 7662) as a dedicated confidential client, so expired and revoked tokens are rejected with
 * 401 and `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3.1). CORS allows the
 * `Authorization` header, with preflight.
 */
export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const host = options.host ?? '127.0.0.1';
  const issuer = options.idp.issuer.replace(/\/$/, '');
  const isOriginAllowed = originChecker(options.corsOrigins);
  const requests: ApiRequestRecord[] = [];
  let introspectionEndpoint: Promise<string> | undefined;

  async function discoverIntrospection(): Promise<string> {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
    const metadata: unknown = await response.json();
    const endpoint = getField(metadata, 'introspection_endpoint');
    if (!response.ok || typeof endpoint !== 'string') {
      throw new Error(`the IdP at ${issuer} has no introspection_endpoint in its discovery document`);
    }
    return endpoint;
  }

  /** @see RFC 7662 §2.1 (request) and §2.2 (response) */
  async function introspect(token: string): Promise<TokenInfo> {
    introspectionEndpoint ??= discoverIntrospection().catch((error: unknown) => {
      introspectionEndpoint = undefined;
      throw error;
    });
    let body: unknown;
    try {
      const credentials = Buffer.from(`${API_CLIENT.client_id}:${API_CLIENT.client_secret}`).toString('base64');
      const response = await fetch(await introspectionEndpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${credentials}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
      });
      if (!response.ok) throw new Error(`introspection answered HTTP ${String(response.status)}`);
      body = await response.json();
    } catch (error) {
      throw new HttpError(503, 'temporarily_unavailable', `cannot verify the access token: ${error instanceof Error ? error.message : String(error)}`);
    }
    const field = (name: string): unknown => getField(body, name);
    const sub = field('sub');
    // A refresh token is "active" too but has no token_type: only a bearer access token opens the API.
    const tokenType = field('token_type');
    if (field('active') !== true || typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer' || typeof sub !== 'string') {
      throw new HttpError(
        401,
        'invalid_token',
        'the access token is expired, revoked or invalid',
        'Bearer error="invalid_token", error_description="The access token is expired, revoked or invalid"',
      );
    }
    const exp = field('exp');
    return {
      sub,
      scope: typeof field('scope') === 'string' ? String(field('scope')) : '',
      clientId: typeof field('client_id') === 'string' ? String(field('client_id')) : '',
      exp: typeof exp === 'number' ? exp : undefined,
    };
  }

  async function route(method: string, path: string, req: IncomingMessage): Promise<unknown> {
    if (path !== '/api/me' && path !== '/api/notes') throw new HttpError(404, 'not_found', `no route for ${path}`);
    if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
    const token = bearerToken(req);
    if (token === undefined) throw new HttpError(401, 'missing_token', 'a bearer access token is required', 'Bearer');
    const info = await introspect(token);
    if (path === '/api/me') {
      const user = TEST_USERS.find((candidate) => candidate.sub === info.sub);
      return { sub: info.sub, name: user?.name, scope: info.scope, client_id: info.clientId, exp: info.exp };
    }
    return { sub: info.sub, notes: NOTES[info.sub] ?? [] };
  }

  function send(res: ServerResponse, record: ApiRequestRecord, status: number, body: unknown, headers: Record<string, string> = {}): void {
    record.status = status;
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://api').pathname;
    const record: ApiRequestRecord = { method, path, status: 0 };
    requests.push(record);

    const origin = req.headers.origin;
    res.setHeader('vary', 'Origin');
    if (origin !== undefined && isOriginAllowed(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'WWW-Authenticate');
    }
    if (method === 'OPTIONS') {
      // CORS preflight: the browser asks before sending Authorization cross-origin.
      record.status = 204;
      const allowed = origin !== undefined && isOriginAllowed(origin);
      res.writeHead(204, allowed ? {
        'access-control-allow-methods': 'GET, OPTIONS',
        'access-control-allow-headers': 'Authorization, Content-Type',
        'access-control-max-age': '600',
      } : {});
      res.end();
      return;
    }

    route(method, path, req).then(
      (body) => send(res, record, 200, body),
      (error: unknown) => {
        if (error instanceof HttpError) {
          const headers: Record<string, string> =
            error.wwwAuthenticate === undefined ? {} : { 'www-authenticate': error.wwwAuthenticate };
          send(res, record, error.status, { error: error.code, error_description: error.message }, headers);
        } else {
          send(res, record, 500, { error: 'server_error', error_description: 'unexpected error' });
        }
      },
    );
  });

  const port = await listen(server, options.port ?? 0, host, 'API');
  return {
    url: `http://${urlHost(host)}:${String(port)}`,
    port,
    requests,
    close: () => closeServer(server),
  };
}
