/** A request the mock fetch received. */
export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string;
  readonly signal: AbortSignal | undefined;
}

type Reply = Response | Error | ((request: RecordedRequest) => Response | Promise<Response>);

/** A fetch that answers from a queue of replies and records every request. */
export interface MockFetch {
  readonly fetch: typeof globalThis.fetch;
  readonly requests: RecordedRequest[];
  /** Queues replies, answered in order. */
  reply(...replies: Reply[]): void;
  /** Form parameters of the nth request. */
  form(index: number): URLSearchParams;
}

export function createMockFetch(): MockFetch {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const body = typeof init?.body === 'string' ? init.body : '';
    const request: RecordedRequest = { url, method: init?.method ?? 'GET', headers, body, signal: init?.signal ?? undefined };
    requests.push(request);
    const next = queue.shift();
    if (next === undefined) throw new Error(`mockFetch: no reply queued for ${request.method} ${url}`);
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(request) : next;
  };
  return {
    fetch,
    requests,
    reply: (...replies) => void queue.push(...replies),
    form: (index) => new URLSearchParams(requests[index]?.body ?? ''),
  };
}

/** A JSON response. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json', ...Object.fromEntries(new Headers(init.headers)) },
  });
}

/** A text response. */
export function text(body: string, status = 200, contentType = 'text/html'): Response {
  return new Response(body, { status, headers: { 'content-type': contentType } });
}

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

/** An unsigned JWT with the given claims (the client does not check signatures). */
export function makeJwt(claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

export const ISSUER = 'https://idp.example';
export const CLIENT_ID = 'spa';

/** A discovery document for {@link ISSUER}. */
export function discoveryDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: ISSUER,
    token_endpoint: `${ISSUER}/token`,
    userinfo_endpoint: `${ISSUER}/me`,
    revocation_endpoint: `${ISSUER}/token/revocation`,
    grant_types_supported: ['password', 'refresh_token'],
    ...overrides,
  };
}

/** A valid id_token for `sub` at `nowMs`. */
export function idToken(nowMs: number, overrides: Record<string, unknown> = {}): string {
  const now = Math.floor(nowMs / 1000);
  return makeJwt({ iss: ISSUER, aud: CLIENT_ID, sub: 'alice', iat: now, exp: now + 300, name: 'Alice', ...overrides });
}

/** A successful token response body. */
export function tokenBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { access_token: 'at-1', token_type: 'Bearer', expires_in: 300, refresh_token: 'rt-1', scope: 'openid profile offline_access', ...overrides };
}
