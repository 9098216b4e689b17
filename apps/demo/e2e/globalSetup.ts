import { build } from 'vite';
import { demoDir, distDir } from './paths.ts';

/**
 * Builds the demo once for all browser tests. The build has no server URLs baked in that the
 * tests depend on: each test points it at its own IdP and API through
 * `window.__ROPC_DEMO_CONFIG__` (see src/config.ts).
 */
export default async function setup(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build;
  // the tests must run what users deploy.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: demoDir, mode: 'production', logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
