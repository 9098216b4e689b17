import { defineProject } from 'vitest/config';

// Tests assert the development texts; a shell's NODE_ENV=production would also make Vite resolve
// the kit's #dev to its production file. Pinned here too, for runs of this project alone.
process.env.NODE_ENV = 'test';

// Browser journeys in real Chromium against the production build (built once in
// globalSetup) and the real IdP + API, started by each test on free ports; plus unit tests
// of the demo's own parsing (src/*.test.ts).
export default defineProject({
  // The kit from its TypeScript source: a fresh clone has no dist.
  resolve: { conditions: ['ropc-kit-source'] },
  ssr: { resolve: { conditions: ['ropc-kit-source'] } },
  test: {
    name: 'demo',
    environment: 'node',
    include: ['e2e/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
