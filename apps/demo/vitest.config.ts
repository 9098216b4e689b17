import { defineProject } from 'vitest/config';
import { kitFromSource } from '../../vitest.shared.ts';

// Browser journeys in real Chromium against the production build (built once in
// globalSetup) and the real IdP + API, started by each test on free ports; plus unit tests
// of the demo's own parsing (src/*.test.ts).
export default defineProject({
  ...kitFromSource,
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
