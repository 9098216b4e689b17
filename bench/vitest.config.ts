import { defineProject } from 'vitest/config';

// Tests assert the development texts; a shell's NODE_ENV=production would also make Vite resolve
// the kit's #dev to its production file. Pinned here too, for runs of this project alone.
process.env.NODE_ENV = 'test';

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
