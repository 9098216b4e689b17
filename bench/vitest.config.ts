import { defineProject } from 'vitest/config';

// The budgets: deterministic counts (bytes, requests, commits), never wall-clock time.
// `environment: 'node'`: src/env.ts installs the same jsdom globals as `pnpm bench` does.
export default defineProject({
  resolve: { conditions: ['ropc-kit-source'] },
  ssr: { resolve: { conditions: ['ropc-kit-source'] } },
  test: {
    name: 'bench',
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
