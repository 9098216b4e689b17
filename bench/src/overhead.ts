/**
 * Client time per sign-in with the network taken out (bench only: it measures time).
 * Each library signs in once against the real IdP while the responses are recorded; then
 * `globalThis.fetch` replays those responses, and the loop measures only the client's own
 * work: building the request, parsing and validating the response, storing the session.
 */
import type { Contender } from './contender.ts';
import type { ScenarioContext } from './scenarios.tsx';

interface Recorded {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: string;
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** Result of {@link clientTimePerSignin}, per contender. */
export interface OverheadResult {
  readonly signins: number;
  readonly microsPerSignin: number;
}

/**
 * Alternates the contenders in `rounds` slices of `iterations / rounds` sign-ins each, after a
 * warm-up, and reports the mean client time per sign-in in microseconds.
 */
export async function clientTimePerSignin(
  contenders: readonly Contender[],
  ctx: ScenarioContext,
  { iterations = 3000, rounds = 6, warmup = 300 } = {},
): Promise<OverheadResult[]> {
  const realFetch = globalThis.fetch;
  const recorded = new Map<string, Recorded>();
  const recording = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await realFetch(input, init);
    const body = await response.clone().text();
    recorded.set(urlOf(input), { status: response.status, headers: [...response.headers], body });
    return response;
  };
  const replaying = (input: RequestInfo | URL): Promise<Response> => {
    const hit = recorded.get(urlOf(input));
    if (hit === undefined) return Promise.reject(new TypeError(`no recorded response for ${urlOf(input)}`));
    return Promise.resolve(new Response(hit.body, { status: hit.status, headers: hit.headers }));
  };

  const clients = contenders.map((c) =>
    c.createClient({ issuer: ctx.idp.issuer, clientId: ctx.clientId, storage: c.createStorage() }),
  );
  try {
    globalThis.fetch = recording;
    for (const client of clients) await client.signin(ctx.credentials);
    globalThis.fetch = replaying;
    for (const client of clients) for (let i = 0; i < warmup; i += 1) await client.signin(ctx.credentials);
    const totals = clients.map(() => ({ signins: 0, ms: 0 }));
    const perSlice = Math.ceil(iterations / rounds);
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, client] of clients.entries()) {
        const total = totals[index];
        if (total === undefined) continue;
        const start = performance.now();
        for (let i = 0; i < perSlice; i += 1) await client.signin(ctx.credentials);
        total.ms += performance.now() - start;
        total.signins += perSlice;
      }
    }
    return totals.map(({ signins, ms }) => ({ signins, microsPerSignin: (ms * 1000) / signins }));
  } finally {
    globalThis.fetch = realFetch;
    ctx.idp.clearRequests();
    for (const client of clients) await client.destroy();
  }
}
