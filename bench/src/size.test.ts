/**
 * Size budget: the bundle `pnpm bench` reports for an app importing the kit, measured by the
 * same esbuild code from the TypeScript source (no build needed). Fails with the measured number.
 */
import { describe, expect, it } from 'vitest';
import { ENTRIES, measureBundle } from './size.ts';

/**
 * Issue 5's target for `{ AuthProvider, useAuth, LoginForm }`: 5 kB min+gzip, peers external.
 * NOT MET: 11,965 bytes on 2026-11-26 (13,572 before developer texts became development-only).
 * `createAuthClient` alone measures 8.8 kB, and the entry with client.fetch, the id_token checks,
 * discovery, renewal, revocation, cross-tab sync and userinfo all stubbed out (their call sites
 * kept) still 10.0 kB (see `pnpm --filter @ropc-kit/bench sizes`): trimming optional modules
 * cannot reach it. Reaching it needs a decision on the target.
 */
const TARGET_GZIP_BYTES = 5000;

/**
 * The enforced budget: the measured size plus about 1.1 %, so the bundle cannot grow unnoticed.
 * Lower it whenever the bundle shrinks.
 */
const CEILING_GZIP_BYTES = 12_100;

describe('size budget', () => {
  it(`the { AuthProvider, useAuth, LoginForm } entry stays under its ${CEILING_GZIP_BYTES}-byte min+gzip ceiling`, async () => {
    const size = await measureBundle(ENTRIES.react.ropcKit);
    expect(
      size.gzip,
      `{ AuthProvider, useAuth, LoginForm } measures ${size.gzip} bytes min+gzip (${size.minified} minified); ` +
        `the ceiling is ${CEILING_GZIP_BYTES}, the target ${TARGET_GZIP_BYTES}`,
    ).toBeLessThanOrEqual(CEILING_GZIP_BYTES);
  });

  it('measures a stubbed module out of the bundle (what `sizes` reports as its cost)', async () => {
    const whole = await measureBundle(ENTRIES.core.ropcKit);
    const withoutIdTokenChecks = await measureBundle(ENTRIES.core.ropcKit, {
      'core/src/protocol/idToken.ts': 'export const validateIdToken = () => ({});',
    });
    expect(whole.gzip - withoutIdTokenChecks.gzip).toBeGreaterThan(200);
  });

  it('rejects a stub that matches no bundled file, naming it, rather than measuring a cost of 0', async () => {
    const stubs = {
      'core/src/protocol/idToken.ts': 'export const validateIdToken = () => ({});',
      'core/src/protocol/renamedAway.ts': 'export const gone = 0;',
    };
    await expect(measureBundle(ENTRIES.core.ropcKit, stubs)).rejects.toThrow(
      new Error('measureBundle: no bundled file matches the stub for packages/core/src/protocol/renamedAway.ts; was it renamed or moved?'),
    );
  });

  it('bundles the kit itself, not only the peers', async () => {
    // Guards the measurement: an entry that tree-shook to nothing would pass any budget.
    const size = await measureBundle(ENTRIES.react.ropcKit);
    expect(size.minified).toBeGreaterThan(1000);
  });
});
