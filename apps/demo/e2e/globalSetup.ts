import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { demoDir } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of this run's production build of the demo. */
    demoDist: string;
  }
}

/**
 * Builds the demo once for all browser tests, into a fresh temporary folder so concurrent
 * runs never serve each other's half-written build. The build has no server URLs baked in
 * that the tests depend on: each test points it at its own IdP and API through
 * `window.__ROPC_DEMO_CONFIG__` (see src/config.ts). Returns the teardown that removes it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'ropc-demo-dist-'));
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build;
  // the tests must run what users deploy.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: demoDir, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  project.provide('demoDist', outDir);
  return () => rm(outDir, { recursive: true, force: true });
}
