/**
 * The core as an app ships it, loaded in Node: bundled from source by the same esbuild code as
 * the size budget (`size.ts`), written to a fresh temporary directory and imported from there,
 * so a test runs exactly the bytes a production (or development) build of an app would run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { createAuthClient, isAuthError } from '@ropc-kit/core';
import { bundle } from './size.ts';

/** What an app imports from the core to sign in and tell its errors apart. */
export const CORE_APP_ENTRY = `export { createAuthClient, isAuthError } from '@ropc-kit/core';`;

/** The exports of {@link CORE_APP_ENTRY}, taken from one bundle. */
export interface CoreExports {
  readonly createAuthClient: typeof createAuthClient;
  readonly isAuthError: typeof isAuthError;
}

/** A bundle of {@link CORE_APP_ENTRY}, its source text and its imported module. */
export interface LoadedBundle {
  /** The minified JavaScript, as an app would ship it. */
  readonly code: string;
  /** The module, imported from the written file. */
  readonly core: CoreExports;
  /** Removes the temporary directory. */
  dispose(): Promise<void>;
}

function hasCoreExports(value: unknown): value is CoreExports {
  return (
    typeof value === 'object' &&
    value !== null &&
    'createAuthClient' in value &&
    typeof value.createAuthClient === 'function' &&
    'isAuthError' in value &&
    typeof value.isAuthError === 'function'
  );
}

/**
 * Bundles the core with `process.env.NODE_ENV` and the export condition set to `nodeEnv` (see
 * `bundle()`), writes it to a new directory
 * under the OS temp dir and imports it. Call `dispose()` when done.
 */
export async function loadCoreBundle(nodeEnv: 'production' | 'development'): Promise<LoadedBundle> {
  const result = await bundle(CORE_APP_ENTRY, nodeEnv);
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  const dir = await mkdtemp(join(tmpdir(), `ropc-kit-core-${nodeEnv}-`));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const file = join(dir, 'core.mjs');
    await writeFile(file, output.contents);
    const core: unknown = await import(/* @vite-ignore */ pathToFileURL(file).href);
    if (!hasCoreExports(core)) throw new Error(`the ${nodeEnv} bundle does not export createAuthClient and isAuthError`);
    return { code: output.text, core, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
