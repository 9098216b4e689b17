/**
 * True outside production builds. Developer texts are written `DEV ? full : short`, so when a
 * build knows DEV is false the texts are dropped: most of the kit's bytes were English
 * explanations (the React and TanStack Query model). Production errors keep their `code`, HTTP
 * details, the server's own `error_description`, and a short message naming the step or setting.
 *
 * The package's `#dev` import resolves by export condition (package.json `imports`):
 * - `production` (Vite and webpack production builds; esbuild with `--conditions=production`):
 *   `dev.production.ts`, where DEV is the literal `false`, so minifiers drop every developer text.
 * - anything else: this file. It reads `process.env.NODE_ENV` when there is a `process` (Node,
 *   dev servers, tests) and is true when there is none: a browser or worker, with or without a
 *   bundler that replaced `process.env.NODE_ENV` (it cannot fold the `typeof process` check), so
 *   the package never fails to load for want of `process`.
 */

// Declared here, not taken from @types/node: the published types must not depend on Node's.
declare const process: { readonly env: { readonly NODE_ENV?: string } } | undefined;

export const DEV: boolean = typeof process === 'undefined' || process.env.NODE_ENV !== 'production';
