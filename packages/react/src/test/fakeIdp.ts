/**
 * A scripted OpenID provider and API behind an injected `fetch`: tests mock at the fetch
 * boundary and drive the real core. Not part of the package build (see tsconfig.build.json).
 */

export const ISSUER = 'https://idp.example.test';
export const API = 'https://api.example.test';
export const CLIENT_ID = 'web';

/** A request the fake received, with its form body parsed. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly form: URLSearchParams | null;
  readonly authorization: string | null;
}

interface Account {
  readonly password: string;
  readonly sub: string;
  readonly name: string;
}

/** Replaces the token endpoint's answer to one request; return undefined to answer normally. */
export type TokenOverride = (form: URLSearchParams) => Response | undefined | Promise<Response | undefined>;

export interface FakeIdp {
  readonly fetch: typeof globalThis.fetch;
  readonly requests: RecordedRequest[];
  /** Requests whose path is `path`. */
  requestsTo(path: string): RecordedRequest[];
  /** Token endpoint override, used until cleared. */
  tokenOverride: TokenOverride | null;
  /** The API's handler; default 200 `{ sub }` for a known access token, else 401. */
  api: (request: RecordedRequest, tokenSub: string | null) => Response;
  /** Access tokens the API accepts (all issued ones by default); revoke one to make the API answer 401. */
  readonly validAccessTokens: Set<string>;
}

export const ACCOUNTS: Readonly<Record<string, Account>> = {
  alice: { password: 'wonderland', sub: 'alice-sub', name: 'Alice' },
  bob: { password: 'builder-password', sub: 'bob-sub', name: 'Bob' },
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned-looking JWT: the core decodes id_token claims, signature checks are the server's business. */
export function idToken(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(claims)}.c2lnbmF0dXJl`;
}

export function createFakeIdp(options: { now?: () => number; expiresIn?: number } = {}): FakeIdp {
  const now = options.now ?? Date.now;
  const expiresIn = options.expiresIn ?? 3600;
  let counter = 0;
  const refreshTokens = new Map<string, Account>();
  const accessTokens = new Map<string, Account>();
  const requests: RecordedRequest[] = [];

  const issue = (account: Account): Response => {
    counter += 1;
    const access_token = `at-${counter}`;
    const refresh_token = `rt-${counter}`;
    accessTokens.set(access_token, account);
    idp.validAccessTokens.add(access_token);
    refreshTokens.set(refresh_token, account);
    const iat = Math.floor(now() / 1000);
    return json({
      access_token,
      token_type: 'Bearer',
      expires_in: expiresIn,
      refresh_token,
      scope: 'openid profile offline_access',
      id_token: idToken({ iss: ISSUER, aud: CLIENT_ID, sub: account.sub, name: account.name, iat, exp: iat + 3600 }),
    });
  };

  const token = (form: URLSearchParams): Response => {
    if (form.get('grant_type') === 'password') {
      const account = ACCOUNTS[form.get('username') ?? ''];
      if (account === undefined || account.password !== form.get('password')) {
        return json({ error: 'invalid_grant', error_description: 'grant request is invalid' }, 400);
      }
      return issue(account);
    }
    if (form.get('grant_type') === 'refresh_token') {
      const rt = form.get('refresh_token') ?? '';
      const account = refreshTokens.get(rt);
      if (account === undefined) return json({ error: 'invalid_grant', error_description: 'grant request is invalid' }, 400);
      refreshTokens.delete(rt);
      return issue(account);
    }
    return json({ error: 'unsupported_grant_type' }, 400);
  };

  const idp: FakeIdp = {
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    tokenOverride: null,
    validAccessTokens: new Set(),
    api: (_request, tokenSub) => (tokenSub === null ? new Response(null, { status: 401 }) : json({ sub: tokenSub })),
    fetch: async (input, init) => {
      const request = new Request(input, { ...init, signal: null });
      const url = new URL(request.url);
      const text = request.method === 'POST' ? await request.text() : '';
      const recorded: RecordedRequest = {
        method: request.method,
        url: request.url,
        path: url.pathname,
        form: text === '' ? null : new URLSearchParams(text),
        authorization: request.headers.get('authorization'),
      };
      requests.push(recorded);
      if (url.origin === API) {
        const bearer = recorded.authorization?.replace(/^Bearer /, '') ?? '';
        const account = idp.validAccessTokens.has(bearer) ? accessTokens.get(bearer) : undefined;
        return idp.api(recorded, account?.sub ?? null);
      }
      switch (url.pathname) {
        case '/.well-known/openid-configuration':
          return json({
            issuer: ISSUER,
            token_endpoint: `${ISSUER}/token`,
            revocation_endpoint: `${ISSUER}/token/revocation`,
            grant_types_supported: ['password', 'refresh_token'],
          });
        case '/token': {
          const form = recorded.form ?? new URLSearchParams();
          return (await idp.tokenOverride?.(form)) ?? token(form);
        }
        case '/token/revocation':
          return new Response(null, { status: 200 });
        default:
          return new Response('not found', { status: 404 });
      }
    },
  };
  return idp;
}
