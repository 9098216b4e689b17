import { defineProject } from 'vitest/config';

// Tests assert the development texts; a shell's NODE_ENV=production would also make Vite resolve
// the kit's #dev to its production file. Pinned here too, for runs of this project alone.
process.env.NODE_ENV = 'test';

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
