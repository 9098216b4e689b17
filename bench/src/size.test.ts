/**
 * Size budget: the bundle `pnpm bench` reports for an app importing the kit, measured by the
 * same esbuild code from the TypeScript source (no build needed). Fails with the measured number.
 */
import { describe, expect, it } from 'vitest';
import { ENTRIES, measureBundle } from './size.ts';

/**
 * Issue 5's budget for `{ AuthProvider, useAuth, LoginForm }`: 5 kB min+gzip, peers external.
 * NOT MET YET: 13.6 kB on 2026-11-26, of which about 10 kB are message strings (the same bundle
 * with its string literals over 30 characters blanked gzips to 3.4 kB; see
 * `pnpm --filter @ropc-kit/bench sizes`).
 */
const TARGET_GZIP_BYTES = 5000;

/**
 * Until the target is met, the measured size plus a little is the ceiling, so the bundle cannot
 * grow unnoticed. Lower it whenever the bundle shrinks; replace it with the target once under.
 */
const CEILING_GZIP_BYTES = 14_000;

describe('size budget', () => {
  it(`the { AuthProvider, useAuth, LoginForm } entry stays under its ${CEILING_GZIP_BYTES}-byte min+gzip ceiling`, async () => {
    const size = await measureBundle(ENTRIES.react.ropcKit);
    expect(
      size.gzip,
      `{ AuthProvider, useAuth, LoginForm } measures ${size.gzip} bytes min+gzip (${size.minified} minified); ` +
        `the ceiling is ${CEILING_GZIP_BYTES}, the target ${TARGET_GZIP_BYTES}`,
    ).toBeLessThanOrEqual(CEILING_GZIP_BYTES);
  });

  it('bundles the kit itself, not only the peers', async () => {
    // Guards the measurement: an entry that tree-shook to nothing would pass any budget.
    const size = await measureBundle(ENTRIES.react.ropcKit);
    expect(size.minified).toBeGreaterThan(1000);
  });
});
