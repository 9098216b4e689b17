import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'idp',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
