import { defineProject } from 'vitest/config';

// Tests assert the development texts; a shell's NODE_ENV=production would also make Vite resolve
// the kit's #dev to its production file. Pinned here too, for runs of this project alone.
process.env.NODE_ENV = 'test';

export default defineProject({
  // Workspace packages resolve to their src (no build needed), in jsdom and in node (SSR) tests.
  resolve: { conditions: ['ropc-kit-source'] },
  ssr: { resolve: { conditions: ['ropc-kit-source'] } },
  test: {
    name: 'react',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // Starts the local IdP for src/idp.integration.test.tsx outside the jsdom workers.
    globalSetup: ['src/test/globalSetup.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
