import { useEffect, useState } from 'react';

/**
 * The current time in milliseconds, updated every `intervalMs`. The kit's snapshot has no
 * clock in it on purpose; the countdown is the demo's own ticking display.
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
