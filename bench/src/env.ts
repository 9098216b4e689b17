/**
 * The measuring environment, the same for `pnpm bench` (plain Node) and the budget tests
 * (vitest, `environment: 'node'`): a jsdom document for React, Node's own fetch,
 * AbortController and timers (jsdom's AbortSignal is not accepted by Node's fetch), and a
 * global fetch wrapper that knows how many requests are in flight, so a scenario can wait
 * until the network is idle instead of sleeping.
 *
 * Import this module before React: react-dom decides at load time whether a DOM exists.
 */
import { JSDOM } from 'jsdom';

let pending = 0;

function installDom(): void {
  if (typeof globalThis.document !== 'undefined') return;
  const dom = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://localhost/',
    pretendToBeVisual: true,
  });
  const win = dom.window as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(win)) {
    // Node's fetch, AbortController, Event, crypto, timers... stay Node's.
    if (key in globalThis) continue;
    let value: unknown;
    try {
      value = win[key];
    } catch {
      continue; // a getter that throws outside a browsing context
    }
    Object.defineProperty(globalThis, key, { configurable: true, writable: true, value });
  }
}

function installFetchTracker(): void {
  const base = globalThis.fetch;
  if ((base as { tracked?: true }).tracked) return;
  const tracked = Object.assign(
    async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      pending += 1;
      let response: Response;
      try {
        response = await base(input, init);
      } catch (error) {
        pending -= 1;
        throw error;
      }
      // The body is part of the request: in flight until a copy of it has been read.
      void response
        .clone()
        .arrayBuffer()
        .catch(() => undefined)
        .finally(() => {
          pending -= 1;
        });
      return response;
    },
    { tracked: true as const },
  );
  globalThis.fetch = tracked;
}

installDom();
installFetchTracker();
// Scenarios let React schedule its work as in a browser (no act(), which would batch every
// update of an async action into one commit) and wait for the network and React to settle.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

/** Resolves after one macrotask turn. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Resolves once no request has been in flight for a few macrotask turns.
 * Rejects after `maxMs` (a guard against a hung scenario, not a measurement).
 */
export async function whenNetworkIdle(maxMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let quietTurns = 0;
  while (quietTurns < 10) {
    if (Date.now() > deadline) throw new Error(`network not idle after ${maxMs} ms (${pending} in flight)`);
    await tick();
    quietTurns = pending === 0 ? quietTurns + 1 : 0;
  }
}
