/**
 * True outside production builds. Bundlers (Vite, webpack, esbuild, Rollup with replace, Next)
 * replace `process.env.NODE_ENV` with `"production"` in a production build, so every
 * `DEV ? full : short` below folds to `short` and the developer texts are dropped from the
 * bundle: most of the kit's bytes were English explanations (the React and TanStack Query
 * model). Production errors keep their `code`, HTTP details, the server's own
 * `error_description`, and a short message naming the step or setting.
 *
 * It must read `process.env.NODE_ENV` literally, with no `typeof process` guard: a guard is not
 * folded by minifiers and would keep every developer text. Without a bundler, define
 * `globalThis.process = { env: { NODE_ENV: 'production' } }` first (as for TanStack Query).
 */
// Declared here, not taken from @types/node: the published types must not depend on Node's.
declare const process: { readonly env: { readonly NODE_ENV?: string } };

export const DEV: boolean = process.env.NODE_ENV !== 'production';
