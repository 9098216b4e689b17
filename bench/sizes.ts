/**
 * `pnpm --filter @ropc-kit/bench sizes`: what the kit's bundles are made of, file by file,
 * to see where bytes go before the size budget fails.
 */
import { ENTRIES, bundleBreakdown, measureBundle } from './src/size.ts';

for (const [name, entry] of [
  ['{ AuthProvider, useAuth, LoginForm }', ENTRIES.react.ropcKit],
  ['{ createAuthClient }', ENTRIES.core.ropcKit],
] as const) {
  const size = await measureBundle(entry);
  process.stdout.write(`\n${name}: ${size.minified} bytes minified, ${size.gzip} min+gzip\n`);
  for (const { file, bytes } of await bundleBreakdown(entry)) {
    process.stdout.write(`${String(bytes).padStart(8)}  ${file}\n`);
  }
}
