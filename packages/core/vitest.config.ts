import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['ropc-kit-source'] },
  ssr: { resolve: { conditions: ['ropc-kit-source'] } },
  test: {
    name: 'core',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
