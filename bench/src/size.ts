/**
 * Bundle size of an app entry, as an app bundler would ship it: esbuild, ESM, minified,
 * tree-shaken, `NODE_ENV=production`, peers external, then gzip level 9.
 * The kit is bundled from its TypeScript source (`ropc-kit-source` export condition), so the budget
 * test needs no build.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/** Peers the app provides: never counted. */
export const EXTERNAL = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/react-query'];

/** The entries compared by the bench: what an app imports from each library. */
export const ENTRIES = {
  react: {
    ropcKit: `export { AuthProvider, useAuth, LoginForm } from '@ropc-kit/react';`,
    oidc: `export { AuthProvider, useAuth } from 'react-oidc-context';`,
  },
  core: {
    ropcKit: `export { createAuthClient } from '@ropc-kit/core';`,
    oidc: `export { UserManager } from 'oidc-client-ts';`,
  },
} as const;

/** Sizes of one bundle, in bytes. */
export interface BundleSize {
  readonly minified: number;
  readonly gzip: number;
}

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * esbuild's output for `entry`, built as an app's bundler would: ESM, minified, tree-shaken,
 * peers external, `process.env.NODE_ENV` replaced by `nodeEnv` and `nodeEnv` as an export
 * condition, as Vite and webpack do (an app's production build uses `'production'`, which
 * resolves the kit's `#dev` to `false` and drops its developer texts; `'development'` keeps them).
 */
export function bundle(entry: string, nodeEnv: 'production' | 'development' = 'production', plugins: Plugin[] = []) {
  return build({
    stdin: { contents: entry, resolveDir: benchDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['ropc-kit-source', nodeEnv],
    jsx: 'automatic',
    external: EXTERNAL,
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
}

/**
 * Bundles `entry` (module source resolved from the bench package) and measures it. `stubs`
 * replaces kit source files (path relative to `packages/`) by the given JavaScript, to measure
 * what a module costs: the size without it, all else equal. Rejects when a stub matched no
 * bundled file (a renamed or moved module), which would otherwise measure a cost of 0.
 */
export async function measureBundle(entry: string, stubs: Readonly<Record<string, string>> = {}): Promise<BundleSize> {
  const unmatched = new Set(Object.keys(stubs));
  const stub: Plugin = {
    name: 'stub',
    setup(build) {
      build.onLoad({ filter: /[\\/]packages[\\/].*\.tsx?$/ }, ({ path }) => {
        const found = Object.entries(stubs).find(([file]) => path.replaceAll('\\', '/').endsWith(`/packages/${file}`));
        if (found === undefined) return undefined;
        unmatched.delete(found[0]);
        return { contents: found[1], loader: 'js' };
      });
    },
  };
  const result = await bundle(entry, 'production', [stub]);
  if (unmatched.size > 0) {
    const files = [...unmatched].map((file) => `packages/${file}`).join(', ');
    throw new Error(`measureBundle: no bundled file matches the stub for ${files}; was it renamed or moved?`);
  }
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  return { minified: output.contents.byteLength, gzip: gzipSync(output.contents, { level: 9 }).byteLength };
}

/** Minified bytes each input file contributes to the bundle of `entry`, largest first. */
export async function bundleBreakdown(entry: string): Promise<{ file: string; bytes: number }[]> {
  const result = await bundle(entry);
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  return Object.entries(inputs)
    .map(([file, { bytesInOutput }]) => ({ file: file.replace(/^.*?node_modules\/\.pnpm\/[^/]+\/node_modules\//, ''), bytes: bytesInOutput }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}
