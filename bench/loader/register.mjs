// Lets Node 20 (no --experimental-strip-types) run the bench's TypeScript and the
// workspace packages' `ropc-kit-source` entry points: `node --conditions=ropc-kit-source --import ./loader/register.mjs run.ts`.
import { register } from 'node:module';

register('./tsHooks.mjs', import.meta.url);
