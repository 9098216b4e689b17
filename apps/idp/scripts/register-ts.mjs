// Lets Node 20 run this package's TypeScript sources directly: `node --import ./scripts/register-ts.mjs src/cli.ts`.
// Node 20 has no --experimental-strip-types, so a module hook strips types with esbuild (no type checking;
// `pnpm typecheck` does that).
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
