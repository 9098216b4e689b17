/**
 * The bundler's `process.env.NODE_ENV`, declared here so the package needs no Node types (the
 * build compiles with `types: []`). Module-scoped: it does not touch the global `process`.
 */
declare const process: { readonly env: { readonly NODE_ENV?: string | undefined } };

/**
 * True outside production builds: developer texts (misuse errors, console diagnostics) are
 * written `DEV ? fullText : shortText`, so a production build drops them. It must read
 * `process.env.NODE_ENV` literally, with no `typeof process` guard, for bundlers to fold it;
 * see `packages/core/src/internal/dev.ts` for the rationale and for use without a bundler.
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production';
