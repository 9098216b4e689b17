import { defineProject } from 'vitest/config';
import { kitFromSource } from '../../vitest.shared.ts';

export default defineProject({
  ...kitFromSource,
  test: {
    name: 'react',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // Starts the local IdP for src/idp.integration.test.tsx outside the jsdom workers.
    globalSetup: ['src/test/globalSetup.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
