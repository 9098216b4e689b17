// Every project's vitest config imports this file, so a project run alone gets the same setup as
// the root run. The suite asserts the kit's development texts (the bench's production tests build
// the production variant themselves), and a shell's NODE_ENV=production would also make Vite
// resolve the kit's #dev import to its production file: it must not leak in.
process.env.NODE_ENV = 'test';

/**
 * The workspace packages from their TypeScript source (the `ropc-kit-source` export condition),
 * in jsdom and in node (SSR) tests: a fresh clone has no dist.
 */
export const kitFromSource = {
  resolve: { conditions: ['ropc-kit-source'] },
  ssr: { resolve: { conditions: ['ropc-kit-source'] } },
};
