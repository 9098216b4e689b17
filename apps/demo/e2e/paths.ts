import { fileURLToPath } from 'node:url';

/** The demo app's folder. */
export const demoDir = fileURLToPath(new URL('../', import.meta.url));
/** Screenshots of failed tests (gitignored). */
export const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
/** The repository root, where `npm start` / `pnpm run dev` run. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
