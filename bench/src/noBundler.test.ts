/**
 * Without a bundler (a browser or worker loading the package's files, an import map resolving
 * `#dev` to the default file) there is no `process`: the kit must load and explain itself there.
 * The source is bundled without the `production` condition and without a NODE_ENV define, as an
 * IIFE, and run in a fresh V8 context that has no `process` global.
 */
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundleWithoutProcess(): Promise<string> {
  const result = await build({
    stdin: { contents: `export { createAuthClient } from '@ropc-kit/core';`, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'kit',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['ropc-kit-source'],
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  return output.text;
}

describe('the core without a bundler', () => {
  it('loads where there is no process, and gives the development explanation', async () => {
    const code = await bundleWithoutProcess();
    expect(code).toContain('process.env.NODE_ENV');
    const sandbox: Record<string, unknown> = { URL, URLSearchParams, Headers, AbortController, TextEncoder, TextDecoder, atob, btoa };
    const message: unknown = runInNewContext(
      `${code}
       (() => { try { kit.createAuthClient({ authority: 'https://idp.example' }); return 'no throw'; } catch (error) { return String(error); } })()`,
      sandbox,
    );
    expect(runInNewContext('typeof process', sandbox)).toBe('undefined');
    expect(message).toBe('TypeError: createAuthClient: client_id is required: pass the client id your provider registered for this app');
  });
});
