/**
 * True outside production builds: developer texts (misuse errors, console diagnostics) are
 * written `DEV ? fullText : shortText`. The package's `#dev` import resolves to
 * `dev.production.ts` (DEV the literal `false`) under the `production` export condition, and to
 * this file otherwise; see `packages/core/src/internal/dev.ts` for the rationale.
 */

// Declared here, not taken from @types/node: the published types must not depend on Node's.
declare const process: { readonly env: { readonly NODE_ENV?: string | undefined } } | undefined;

export const DEV: boolean = typeof process === 'undefined' || process.env.NODE_ENV !== 'production';
