import { defineProject } from 'vitest/config';
import { kitFromSource } from '../../vitest.shared.ts';

export default defineProject({
  ...kitFromSource,
  test: {
    name: 'core',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
