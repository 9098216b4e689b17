import type { Timers } from '../types.ts';

/** A clock and timers that only move when the test says so. */
export interface FakeClock {
  readonly now: () => number;
  readonly timers: Timers;
  /** Number of armed timers. */
  pending(): number;
  /** Moves time forward by `ms`, firing due timers in order and letting promises settle in between. */
  advance(ms: number): Promise<void>;
}

/** Lets pending promise callbacks (and the fetch mock's async work) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function createFakeClock(startMs = Date.UTC(2026, 0, 1)): FakeClock {
  let current = startMs;
  let nextId = 1;
  const armed = new Map<number, { due: number; callback: () => void }>();
  return {
    now: () => current,
    timers: {
      setTimeout(callback, ms) {
        const id = nextId++;
        armed.set(id, { due: current + ms, callback });
        return id;
      },
      clearTimeout(handle) {
        if (typeof handle === 'number') armed.delete(handle);
      },
    },
    pending: () => armed.size,
    async advance(ms) {
      const target = current + ms;
      await flush();
      for (;;) {
        let nextTimer: [number, { due: number; callback: () => void }] | undefined;
        for (const entry of armed) if (entry[1].due <= target && (nextTimer === undefined || entry[1].due < nextTimer[1].due)) nextTimer = entry;
        if (nextTimer === undefined) break;
        armed.delete(nextTimer[0]);
        current = Math.max(current, nextTimer[1].due);
        nextTimer[1].callback();
        await flush();
      }
      current = target;
    },
  };
}
