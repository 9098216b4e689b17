import { fileURLToPath } from 'node:url';

/** The demo app's folder. */
export const demoDir = fileURLToPath(new URL('../', import.meta.url));
/** Where globalSetup puts the production build the tests serve. */
export const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
/** Screenshots of failed tests (gitignored). */
export const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
