import { defineConfig } from 'vitest/config';
import './vitest.shared.ts'; // NODE_ENV=test for the whole run

// One `vitest run` at the root runs every package's and app's own project.
// Two cores: keep parallelism modest.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'bench'],
    maxWorkers: 2,
  },
});
