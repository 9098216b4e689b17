import { defineProject } from 'vitest/config';
import { kitFromSource } from '../vitest.shared.ts';

// The budgets: deterministic counts (bytes, requests, commits), never wall-clock time.
// `environment: 'node'`: src/env.ts installs the same jsdom globals as `pnpm bench` does.
export default defineProject({
  ...kitFromSource,
  test: {
    name: 'bench',
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
