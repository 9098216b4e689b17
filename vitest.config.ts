import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every package's and app's own project.
// Two cores: keep parallelism modest.
// The suite asserts the kit's development texts (production builds shorten them; the bench's
// production tests build that variant themselves), so a shell's NODE_ENV=production must not leak in.
process.env.NODE_ENV = 'test';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'bench'],
    maxWorkers: 2,
  },
});
